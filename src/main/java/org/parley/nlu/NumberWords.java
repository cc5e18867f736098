package org.parley.nlu;

import com.ibm.icu.text.RuleBasedNumberFormat;

import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;

/** Finds numbers written in words inside a sentence, using ICU's spellout rules. */
final class NumberWords {

    private NumberWords() {
    }

    /** A number read from words and the span of text it was read from. */
    record Number(java.lang.Number value, int start, int end) {
    }

    /** Every number spelled out in {@code text}, left to right, each read as long as it goes. */
    static List<Number> numbers(RuleBasedNumberFormat spellout, String text, boolean unspaced) {
        List<Number> found = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isLetter(text.charAt(i)) && startsWord(text, i, unspaced)) {
                ParsePosition at = new ParsePosition(i);
                java.lang.Number value = spellout.parse(text, at);
                int end = at.getIndex();
                while (end > i && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                // "seconds" must not read as "second": a number ends where its word ends.
                boolean wordEnds = unspaced || end == text.length()
                        || !Character.isLetter(text.charAt(end));
                if (end > i && wordEnds) {
                    found.add(new Number(value, i, end));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return found;
    }

    /** True when {@code at} begins a word: always, in scripts written without spaces. */
    static boolean startsWord(String text, int at, boolean unspaced) {
        return unspaced || at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /** True when {@code sample} is in a script written without spaces between words. */
    static boolean isUnspaced(String sample) {
        return sample.codePoints().anyMatch(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            return script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.THAI;
        });
    }
}
