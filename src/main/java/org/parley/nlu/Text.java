package org.parley.nlu;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UScript;
import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folding of patient text for matching, in every language: lower case, compatibility forms
 * (full-width letters and digits) made plain, accents removed where people commonly leave them
 * out, and words found with ICU's word break rules, so that scripts written without spaces
 * (Chinese) are split into words too.
 *
 * <p>Accents are removed from Latin and Greek letters ("Español" = "espanol", "tiếng Việt" =
 * "tieng viet") and Arabic loses its short vowels, tatweel and hamza seats and has its alef, ta
 * marbuta and alef maksura variants unified, as people type loosely. Cyrillic keeps "й" and only
 * "ё" becomes "е". Hangul, kana and every other script keep their marks: removing them would
 * change the letters, not their accents. Digits of any script become ASCII digits.
 */
public final class Text {

    private static final Normalizer2 DECOMPOSE = Normalizer2.getNFKDInstance();
    private static final Normalizer2 COMPOSE = Normalizer2.getNFCInstance();
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}']+");
    private static final Pattern EDGE_APOSTROPHES = Pattern.compile("^'+|'+$");
    private static final Pattern EDGE_PUNCTUATION =
            Pattern.compile("^[\\p{P}\\p{S}\\s]+|[\\p{P}\\p{S}\\s]+$");
    private static final int COMBINING_DIAERESIS = 0x0308;
    private static final int TATWEEL = 0x0640;

    private Text() {
    }

    /** Lower case without accents, so "Español" and "espanol" compare equal. */
    public static String fold(String text) {
        String decomposed = DECOMPOSE.normalize(text);
        StringBuilder out = new StringBuilder(decomposed.length());
        int baseScript = UScript.COMMON;
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            int type = Character.getType(c);

            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                if (!dropsMark(baseScript, c)) {
                    out.appendCodePoint(c);
                }
                continue;
            }
            // Invisible format characters (bidi marks, zero-width spaces) only get in the way.
            if (type == Character.FORMAT || c == TATWEEL) {
                continue;
            }
            int script = UScript.getScript(c);
            if (script != UScript.COMMON && script != UScript.INHERITED) {
                baseScript = script;
            }
            out.appendCodePoint(plain(c));
        }
        return COMPOSE.normalize(out.toString()).toLowerCase(Locale.ROOT);
    }

    /**
     * The folded words of {@code text}, without punctuation or spaces: letters, numbers,
     * ideographs, kana and Hangul, as ICU's word break iterator segments them.
     */
    public static List<String> words(String text) {
        String folded = fold(text);
        BreakIterator breaks = BreakIterator.getWordInstance(ULocale.ROOT);
        breaks.setText(folded);
        List<String> words = new ArrayList<>();
        int start = breaks.first();
        for (int end = breaks.next(); end != BreakIterator.DONE; start = end, end = breaks.next()) {
            if (breaks.getRuleStatus() < BreakIterator.WORD_NUMBER) {
                continue;
            }
            // ICU keeps "u.s" or "1,000" together; the words are split as they always were.
            for (String part : NON_WORD.split(folded.substring(start, end))) {
                String word = EDGE_APOSTROPHES.matcher(part).replaceAll("");
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        }
        return List.copyOf(words);
    }

    /** A whole-message command form: folded, single-spaced, without surrounding punctuation. */
    public static String command(String text) {
        String folded = SPACES.matcher(fold(text)).replaceAll(" ");
        return EDGE_PUNCTUATION.matcher(folded).replaceAll("");
    }

    private static boolean dropsMark(int baseScript, int mark) {
        return switch (baseScript) {
            case UScript.LATIN, UScript.GREEK, UScript.ARABIC -> true;
            case UScript.CYRILLIC -> mark == COMBINING_DIAERESIS;
            default -> false;
        };
    }

    /** One letter or digit in the form people type when they type loosely. */
    private static int plain(int c) {
        if (Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER) {
            int digit = UCharacter.digit(c, 10);
            return digit < 0 ? c : '0' + digit;
        }
        return switch (c) {
            case '\u2018', '\u2019', '\u02BC', '\u2032' -> '\'';
            case '\u0111', '\u0110' -> 'd';           // Vietnamese đ
            case '\u0629' -> '\u0647';                // ta marbuta -> ha
            case '\u0649', '\u06CC' -> '\u064A';      // alef maksura, Farsi yeh -> yeh
            case '\u0671' -> '\u0627';                // alef wasla -> alef
            case '\u06A9' -> '\u0643';                // keheh -> kaf
            default -> c;
        };
    }
}
