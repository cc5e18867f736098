package org.parley.assistance;

import org.parley.i18n.LocaleContent;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The words of {@code locales/<language>/assistance.keywords.yaml} found in a patient's text:
 * each phrase as a run of whole words, so that "a week" is not found in "a weekend". Phrases in
 * scripts written without spaces (Chinese) are found anywhere.
 */
final class Phrases {

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u202F]+");

    private final Map<String, LocaleContent> locales;

    Phrases(Map<String, LocaleContent> locales) {
        this.locales = Map.copyOf(locales);
    }

    /** Where one phrase was found in a {@link #normal} text. */
    record Found(String list, int start, int end) {
    }

    /** Lower case, composed, single-spaced, with typographic apostrophes made plain. */
    static String normal(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC)
                .replace('\u2019', '\'').replace('\u02BC', '\'');
        return SPACES.matcher(composed.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** The phrases of {@code list} in {@code language}, normalized. */
    List<String> list(String language, String list) {
        LocaleContent content = locales.get(language);
        if (content == null) {
            return List.of();
        }
        return content.keywords().getOrDefault(list, List.of()).stream()
                .map(e -> normal(e.text())).filter(p -> !p.isEmpty()).toList();
    }

    /**
     * Every phrase of the named lists found in {@code normal}, longest first where two
     * overlap, in order of position.
     */
    List<Found> find(String normal, String language, List<String> lists) {
        List<Found> candidates = new ArrayList<>();
        for (String name : lists) {
            for (String phrase : list(language, name)) {
                for (int at = normal.indexOf(phrase); at >= 0;
                     at = normal.indexOf(phrase, at + 1)) {
                    if (bounded(normal, phrase, at)) {
                        candidates.add(new Found(name, at, at + phrase.length()));
                    }
                }
            }
        }
        candidates.sort(Comparator.comparingInt((Found f) -> f.start() - f.end())
                .thenComparingInt(Found::start));
        List<Found> kept = new ArrayList<>();
        for (Found f : candidates) {
            if (kept.stream().noneMatch(k -> k.start() < f.end() && f.start() < k.end())) {
                kept.add(f);
            }
        }
        kept.sort(Comparator.comparingInt(Found::start));
        return kept;
    }

    /** True when {@code normal} is nothing but one phrase of {@code list}, give or take dots. */
    boolean whole(String normal, String language, String list) {
        String bare = normal.replaceAll("^[\\p{P}\\s]+|[\\p{P}\\s]+$", "");
        return list(language, list).stream()
                .anyMatch(p -> p.replaceAll("^[\\p{P}\\s]+|[\\p{P}\\s]+$", "").equals(bare));
    }

    private static boolean bounded(String text, String phrase, int at) {
        int end = at + phrase.length();
        boolean startOk = at == 0 || !spacedLetter(phrase.codePointAt(0))
                || !Character.isLetter(text.codePointBefore(at));
        boolean endOk = end == text.length() || !spacedLetter(phrase.codePointBefore(
                phrase.length())) || !Character.isLetter(text.codePointAt(end));
        return startOk && endOk;
    }

    /** A letter of a script written with spaces between words. */
    private static boolean spacedLetter(int c) {
        if (!Character.isLetter(c)) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA;
    }
}
