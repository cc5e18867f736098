package org.parley.nlu;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Folding of patient text for matching: lower case, no accents, words split on the rest. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");

    private Text() {
    }

    /** Lower case without accents, so "Español" and "espanol" compare equal. */
    public static String fold(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** The folded words of {@code text}, without punctuation. */
    public static List<String> words(String text) {
        return Arrays.stream(NON_WORD.split(fold(text)))
                .map(w -> w.replaceAll("^'+|'+$", ""))
                .filter(w -> !w.isEmpty())
                .toList();
    }

    /** A whole-message command form: folded, single-spaced, without surrounding punctuation. */
    public static String command(String text) {
        String folded = fold(text).replaceAll("\\s+", " ");
        return EDGE_PUNCTUATION.matcher(folded).replaceAll("");
    }
}
