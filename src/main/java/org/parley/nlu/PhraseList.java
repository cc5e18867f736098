package org.parley.nlu;

import org.parley.i18n.LocaleContent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One keyword list of every language, such as {@code distress-phrases}, matched as runs of
 * whole words anywhere in a message: "i lost my job" is found in "Honestly I lost my job last
 * week", but "job" alone is not a phrase. A new language adds its list; no code changes here.
 */
public final class PhraseList {

    private record Phrase(String language, List<String> words) {
    }

    private final List<Phrase> phrases = new ArrayList<>();

    /** The list {@code name} of each language's keywords; a language without it adds none. */
    public PhraseList(Map<String, LocaleContent> locales, String name) {
        for (LocaleContent locale : new TreeMap<>(locales).values()) {
            for (LocaleContent.Entry phrase : locale.keywords().getOrDefault(name, List.of())) {
                List<String> words = Text.words(plain(phrase.text()));
                if (!words.isEmpty()) {
                    phrases.add(new Phrase(locale.language(), words));
                }
            }
        }
    }

    /**
     * The language of a phrase found in {@code text}: {@code language} when one of its own
     * phrases is there, otherwise the first other language with one; empty when none is.
     */
    public Optional<String> find(String text, String language) {
        List<String> words = Text.words(plain(text));
        Optional<String> found = Optional.empty();
        for (Phrase phrase : phrases) {
            if (Collections.indexOfSubList(words, phrase.words()) >= 0) {
                if (phrase.language().equals(language)) {
                    return Optional.of(language);
                }
                found = found.or(() -> Optional.of(phrase.language()));
            }
        }
        return found;
    }

    /** Phones type a typographic apostrophe ("can’t"); the lists are written with a plain one. */
    private static String plain(String text) {
        return text.replace('\u2019', '\'').replace('\u02BC', '\'');
    }
}
