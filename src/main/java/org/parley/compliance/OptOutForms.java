package org.parley.compliance;

import com.ibm.icu.lang.UScript;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The opt-out keywords of every language in the forms patients type them besides the keyword
 * itself: repeated ("Stop. Stop. Stop.", "stop stop", "停止停止"), spelt out letter by letter
 * ("S T O P", "s.t.o.p") or with a letter held ("stopp", "stooop"). Each is still the whole
 * message: a sentence that only contains a keyword ("stop by the office") is none of them.
 *
 * <p>Messages are compared in {@link org.parley.nlu.Text#command} form. A letter written twice
 * in a row counts once, except in scripts where a doubled character is another word (Chinese,
 * Japanese, Korean).
 */
final class OptOutForms {

    private static final Pattern SEPARATORS = Pattern.compile("[\\p{P}\\p{S}\\s]+");
    /** Scripts in which a character written twice is another word ("谢谢", "그만그만"). */
    private static final Set<Integer> DOUBLES_MATTER = Set.of(UScript.HAN, UScript.HANGUL,
            UScript.HIRAGANA, UScript.KATAKANA);

    /** Each keyword's words, held letters counted once, joined by one space. */
    private final Map<String, Set<String>> byWords = new HashMap<>();
    /** Each keyword's letters, held letters counted once, without spaces or punctuation. */
    private final Map<String, Set<String>> byLetters = new HashMap<>();

    /** Adds an opt-out keyword of {@code language}, in command form. */
    void add(String command, String language) {
        List<String> words = words(command);
        if (words.isEmpty()) {
            return;
        }
        byWords.computeIfAbsent(String.join(" ", words), w -> new TreeSet<>()).add(language);
        byLetters.computeIfAbsent(held(String.join("", words)), w -> new TreeSet<>())
                .add(language);
    }

    /** The languages whose opt-out keyword the message in command form is, in any form. */
    Optional<Set<String>> languages(String command) {
        List<String> words = words(command);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        Set<String> found = byWords.get(String.join(" ", words));
        if (found != null) {
            return Optional.of(found);
        }
        for (int period = 1; period <= words.size() / 2 && found == null; period++) {
            if (repeats(words, period)) {
                found = byWords.get(String.join(" ", words.subList(0, period)));
            }
        }
        // Spelt out, or written without spaces: read as one run of letters.
        boolean spelt = words.stream().allMatch(w -> w.codePointCount(0, w.length()) == 1);
        if (found == null && (words.size() == 1 || spelt)) {
            int[] letters = held(String.join("", words)).codePoints().toArray();
            for (int period = 1; period <= letters.length && found == null; period++) {
                if (repeats(Arrays.stream(letters).boxed().toList(), period)) {
                    found = byLetters.get(new String(letters, 0, period));
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code items} is its first {@code period} items written over and over. */
    private static <T> boolean repeats(List<T> items, int period) {
        if (items.size() % period != 0) {
            return false;
        }
        List<T> unit = items.subList(0, period);
        for (int from = period; from < items.size(); from += period) {
            if (!unit.equals(items.subList(from, from + period))) {
                return false;
            }
        }
        return true;
    }

    private static List<String> words(String command) {
        return Arrays.stream(SEPARATORS.split(command)).filter(w -> !w.isEmpty())
                .map(OptOutForms::held).toList();
    }

    /** {@code word} with a letter written several times in a row counted once. */
    private static String held(String word) {
        StringBuilder out = new StringBuilder(word.length());
        int previous = -1;
        for (int i = 0; i < word.length(); ) {
            int c = word.codePointAt(i);
            i += Character.charCount(c);
            if (c != previous || !Character.isLetter(c) || doublesMatter(c)) {
                out.appendCodePoint(c);
            }
            previous = c;
        }
        return out.toString();
    }

    private static boolean doublesMatter(int c) {
        return DOUBLES_MATTER.contains(UScript.getScript(c));
    }
}
