package org.parley.dialog;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.LanguageDetector;
import org.parley.nlu.PhraseList;
import org.parley.nlu.Text;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads a patient's message against the words each language gives in {@code locales/},
 * without the intent model: a language named or written in, a keyword, a distress phrase, an
 * option picked by its number, label or position.
 */
final class Words {

    private static final int MAX_CHOICE_WORDS = 4;
    private static final int MAX_CHOICE_CHARACTERS = 40;
    private static final Pattern NUMBER = Pattern.compile("#?\\d+");

    private final Map<String, LocaleContent> locales;
    private final LanguageDetector detector;
    private final ChoiceParser choices = new ChoiceParser();
    private final PhraseList distress;

    Words(Map<String, LocaleContent> locales, LanguageDetector detector) {
        this.locales = locales;
        this.detector = detector;
        this.distress = new PhraseList(locales, DialogEngine.DISTRESS_LIST);
    }

    /** The language a first message opens in, when its script or words leave no doubt. */
    Optional<String> opening(String text, String language) {
        return detector.opening(text, language, locales.keySet());
    }

    /**
     * The language a long, unambiguous message is written in, when it is not the conversation's.
     * Never while collecting answers: a name in another script is not a change of language.
     */
    Optional<String> detected(Step step, String text, String language) {
        if (!step.collect().isEmpty()) {
            return Optional.empty();
        }
        return detector.switchTo(text, language, locales.keySet());
    }

    /** The language a command names ("español", "english"), in any language's own words. */
    Optional<String> languageNamed(String command) {
        for (LocaleContent content : locales.values()) {
            List<LocaleContent.Entry> names =
                    content.keywords().getOrDefault("language-names", List.of());
            for (LocaleContent.Entry name : names) {
                if (command.equals(Text.command(name.text()))) {
                    return Optional.of(content.language());
                }
            }
        }
        return Optional.empty();
    }

    /** The language of a distress or hardship phrase in {@code text}, preferring its own. */
    Optional<String> distress(String text, String language) {
        return distress.find(text, language);
    }

    /** True when the command is one of the keyword list {@code list} of {@code language}. */
    boolean keyword(String language, String list, String command) {
        return locales.get(language).keywords().getOrDefault(list, List.of()).stream()
                .anyMatch(k -> command.equals(Text.command(k.text())));
    }

    /** True when the message is a number and nothing else ("2", "#2"). */
    boolean number(String text) {
        return NUMBER.matcher(Text.command(text)).matches();
    }

    /** One of {@code options}, as offered in order, picked by its number, label or name. */
    Optional<String> chosenOption(String language, List<String> options, String text) {
        String command = Text.command(text);
        for (int i = 0; i < options.size(); i++) {
            String intent = options.get(i);
            LocaleContent.Entry label = locales.get(language).messages().get("option." + intent);
            if (command.equals(Integer.toString(i + 1)) || command.equals(Text.command(intent))
                    || (label != null && command.equals(Text.command(label.text())))) {
                return Optional.of(intent);
            }
        }
        // "The second one", "option 2", "la segunda": only a short reply picks by position, so
        // that "I have 2 questions" is not taken for the second option.
        if (options.isEmpty() || text.length() > MAX_CHOICE_CHARACTERS
                || Text.words(text).size() > MAX_CHOICE_WORDS) {
            return Optional.empty();
        }
        OptionalInt picked = choices.choose(text, language, options.size());
        return picked.isPresent() ? Optional.of(options.get(picked.getAsInt() - 1))
                : Optional.empty();
    }
}
