package org.parley.nlu;

import org.parley.i18n.LocaleContent;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a yes or a no: the whole message must be one of the {@code yes} or {@code no} phrases in
 * {@code locales/<language>/intents.yaml}, one of the {@code yes-agree} keywords, or a
 * thumbs-up or thumbs-down emoji.
 *
 * <p>The phrases are data, so a new language needs no code here. Anything else, including a
 * message that holds a yes phrase among other words, is no answer and the caller asks again.
 */
public final class YesNo {

    /** Keywords that agree ("yes, I agree"): a yes, kept out of the intent model's phrases. */
    static final String AGREE = "yes-agree";

    private YesNo() {
    }

    /** True for yes, false for no, empty when {@code text} is neither in {@code language}. */
    public static Optional<Boolean> read(String text, String language,
                                         Map<String, LocaleContent> locales) {
        // Skin tones and the emoji presentation selector do not change the answer.
        String bare = text.replaceAll("[\\x{1F3FB}-\\x{1F3FF}\\x{FE0F}\\s]", "");
        if (bare.equals("\uD83D\uDC4D")) {
            return Optional.of(true);
        }
        if (bare.equals("\uD83D\uDC4E")) {
            return Optional.of(false);
        }

        LocaleContent content = locales.get(language);
        if (content == null) {
            return Optional.empty();
        }
        String said = Text.command(text);
        if (said.isEmpty()) {
            return Optional.empty();
        }
        boolean yes = matches(said, content.intents().get("yes"))
                || matches(said, content.keywords().get(AGREE));
        boolean no = matches(said, content.intents().get("no"));
        return yes == no ? Optional.empty() : Optional.of(yes);
    }

    private static boolean matches(String said, List<LocaleContent.Entry> phrases) {
        return phrases != null
                && phrases.stream().anyMatch(p -> Text.command(p.text()).equals(said));
    }
}
