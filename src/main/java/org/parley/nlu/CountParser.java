package org.parley.nlu;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a count a patient typed, such as the size of a household: "4", "4 people", "we're a
 * family of four", "somos cuatro", "四口人". Strict: a text with no number, with a fraction, or
 * with two numbers ("2 adults and 2 kids") is no answer, and the caller asks again; only a
 * word for one beside one other number in words is taken as an article ("una familia de
 * cuatro").
 */
public final class CountParser {

    private static final Pattern DIGITS = Pattern.compile("\\d+(?:[.,]\\d+)?");

    private final Map<String, Spellout> languages = new ConcurrentHashMap<>();

    /** The one whole number in {@code text}, written in {@code language}, if there is one. */
    public OptionalInt read(String text, String language) {
        List<Number> found = new ArrayList<>(digits(text));
        if (found.isEmpty()) {
            List<Number> words = words(text, language);
            // "Una familia de cuatro", "một gia đình bốn người": the word for one before
            // another number is an article, not a count.
            List<Number> others = words.stream().filter(w -> w.doubleValue() != 1).toList();
            found.addAll(others.size() == 1 ? others : words);
        }
        if (found.size() != 1) {
            return OptionalInt.empty();
        }
        Number n = found.get(0);
        double value = n.doubleValue();
        if (value != Math.rint(value) || value < 0 || value > Integer.MAX_VALUE) {
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) value);
    }

    /**
     * Every number in {@code text}, left to right: its runs of digits (a fraction as NaN) or,
     * when it has none, its numbers in words, a word for one included ("one adult and two
     * kids").
     */
    public List<Number> all(String text, String language) {
        List<Number> found = digits(text);
        return found.isEmpty() ? words(text, language) : found;
    }

    private static List<Number> digits(String text) {
        String normal = MoneyParser.normalize(text);
        List<Number> found = new ArrayList<>();
        Matcher m = DIGITS.matcher(normal);
        while (m.find()) {
            String token = m.group();
            // A fraction is no count, and a run of ten digits is no household.
            found.add(!token.matches("\\d+") ? Double.NaN
                    : token.length() > 9 ? Long.MAX_VALUE : Long.parseLong(token));
        }
        return found;
    }

    private List<Number> words(String text, String language) {
        return languages.computeIfAbsent(language, Spellout::new)
                .numbers(MoneyParser.normalize(text), language);
    }

    /** ICU's spellout rules of one language; the formatter is not thread-safe. */
    private static final class Spellout {

        private final RuleBasedNumberFormat format;
        private final boolean unspaced;

        Spellout(String language) {
            format = new RuleBasedNumberFormat(new ULocale(language),
                    RuleBasedNumberFormat.SPELLOUT);
            format.setLenientParseMode(true);
            unspaced = NumberWords.isUnspaced(format.format(1));
        }

        synchronized List<Number> numbers(String text, String language) {
            return NumberWords.withSmall(NumberWords.numbers(format, text, unspaced), text,
                    language).stream().map(NumberWords.Number::value).toList();
        }
    }
}
