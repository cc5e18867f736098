package org.parley.nlu;

import com.ibm.icu.text.DecimalFormatSymbols;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dollar amount a patient typed, per language and strictly: one amount or a reason to
 * ask again, never a guess.
 *
 * <p>Digits may use either separator convention; a separator is read as grouping or decimal only
 * when exactly one reading fits ({@code 1,234} is 1234 in English, {@code 1,23} is rejected there,
 * {@code 12.345,67} and {@code 12,345.67} are both fine). Amounts spelled out in words are read
 * with ICU's spellout rules for the language. Currency words and symbols around the number are
 * ignored: the question is always about the patient's bill in dollars, so a bare number such as
 * {@code 200} is accepted as $200.00. A sentence that holds two different amounts is rejected as
 * ambiguous rather than picking one.
 */
public final class MoneyParser {

    // Grouping by a space is read only in languages whose own grouping is a space (ru).
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Pattern SPACED_NUMBER = Pattern.compile(
            "\\d+(?:(?:[.,]|[ \\u00A0\\u202F\\u2009](?=\\d{3}(?!\\d)))\\d+)*");
    private static final Pattern SPACES = Pattern.compile("[ \\u00A0\\u202F\\u2009]");

    private final Map<String, Language> languages = new ConcurrentHashMap<>();

    /** Why an answer was not taken as an amount; {@link #code()} keys the re-ask message. */
    public enum Reason {
        NEGATIVE, AMBIGUOUS, TOO_MANY_DECIMALS, NOT_AN_AMOUNT, ZERO;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** An amount in dollars with two decimals, or the reason the answer must be asked again. */
    public sealed interface Result {

        /** The amount, scale 2. */
        record Amount(BigDecimal value) implements Result {
        }

        /** No amount was taken. */
        record Rejected(Reason reason) implements Result {
        }
    }

    /** Reads {@code text}, typed in {@code language}, as one amount of money. */
    public Result parse(String text, String language) {
        Language lang = languages.computeIfAbsent(language, Language::new);
        String normal = normalize(text);

        // Digits win over words: "$200, two hundred" is one amount said twice, not two.
        List<Candidate> found = lang.digitAmounts(normal);
        if (found.isEmpty()) {
            found = lang.spelledAmounts(normal);
        }
        if (found.isEmpty()) {
            return new Result.Rejected(Reason.NOT_AN_AMOUNT);
        }

        for (Candidate c : found) {
            if (c.rejection() != null) {
                return new Result.Rejected(c.rejection());
            }
        }
        BigDecimal value = found.get(0).value();
        for (Candidate c : found) {
            if (c.value().compareTo(value) != 0) {
                return new Result.Rejected(Reason.AMBIGUOUS);
            }
        }

        if (value.signum() < 0) {
            return new Result.Rejected(Reason.NEGATIVE);
        }
        if (value.signum() == 0) {
            return new Result.Rejected(Reason.ZERO);
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return new Result.Rejected(Reason.TOO_MANY_DECIMALS);
        }
        return new Result.Amount(value.setScale(2, RoundingMode.UNNECESSARY));
    }

    /** Lower case, composed, with any script's digits and Arabic separators as ASCII. */
    static String normalize(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(composed.length());
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            } else if (c == '\u066B') {
                out.append('.');
            } else if (c == '\u066C') {
                out.append(',');
            } else if (c == '\u2212') {
                out.append('-');
            } else if (Character.getType(c) == Character.FORMAT) {
                // Direction marks that Arabic keyboards insert around digits.
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** One amount seen in the text, or the reason it cannot be one. */
    private record Candidate(BigDecimal value, Reason rejection) {

        static Candidate of(BigDecimal value) {
            return new Candidate(value, null);
        }

        static Candidate rejected(Reason reason) {
            return new Candidate(BigDecimal.ZERO, reason);
        }
    }

    /** The ICU data of one language, built once; the formatter is not thread-safe. */
    private static final class Language {

        private final char decimal;
        private final char grouping;
        private final boolean spaceGrouping;
        private final String minusWord;
        private final RuleBasedNumberFormat spellout;
        private final boolean unspaced;

        Language(String tag) {
            ULocale locale = new ULocale(tag);
            DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
            this.decimal = symbols.getDecimalSeparator();
            char group = symbols.getGroupingSeparator();
            this.spaceGrouping = Character.isSpaceChar(group);
            this.grouping = spaceGrouping ? ' ' : group;
            this.spellout = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
            // Lenient: strict parsing reads "twenty five" as the year 2005.
            spellout.setLenientParseMode(true);

            // The word for minus is whatever ICU writes before "one" when spelling out -1.
            String one = spellout.format(1);
            String minusOne = spellout.format(-1);
            this.minusWord = minusOne.endsWith(one)
                    ? minusOne.substring(0, minusOne.length() - one.length()).strip()
                    : "";
            this.unspaced = NumberWords.isUnspaced(one);
        }

        List<Candidate> digitAmounts(String text) {
            List<Candidate> found = new ArrayList<>();
            Matcher m = (spaceGrouping ? SPACED_NUMBER : NUMBER).matcher(text);
            while (m.find()) {
                Candidate c = read(SPACES.matcher(m.group()).replaceAll(" "));
                if (c.rejection() == null && negativeBefore(text, m.start())) {
                    c = Candidate.of(c.value().negate());
                }
                found.add(c);
            }
            return found;
        }

        private boolean negativeBefore(String text, int start) {
            String before = text.substring(0, start).replaceAll("[\\p{Sc}\\s]+$", "");
            if (before.endsWith("-")) {
                String rest = before.substring(0, before.length() - 1).strip();
                return rest.isEmpty() || !Character.isDigit(rest.charAt(rest.length() - 1));
            }
            return !minusWord.isEmpty() && before.endsWith(minusWord)
                    && NumberWords.startsWord(before, before.length() - minusWord.length(),
                            unspaced);
        }

        /** Reads one run of digits and separators, or says why it is not one amount. */
        private Candidate read(String token) {
            List<Integer> seps = new ArrayList<>();
            for (int i = 0; i < token.length(); i++) {
                if (!Character.isDigit(token.charAt(i))) {
                    seps.add(i);
                }
            }
            if (seps.isEmpty()) {
                return Candidate.of(new BigDecimal(token));
            }

            int lastAt = seps.get(seps.size() - 1);
            char last = token.charAt(lastAt);
            String tail = token.substring(lastAt + 1);
            boolean mixed = seps.stream().anyMatch(i -> token.charAt(i) != last);

            if (mixed) {
                // The last separator is the decimal one; every earlier one must group the same way.
                String whole = token.substring(0, lastAt);
                char group = token.charAt(seps.get(0));
                boolean oneGrouping = seps.subList(0, seps.size() - 1).stream()
                        .allMatch(i -> token.charAt(i) == group);
                if (!oneGrouping || !validGroups(whole, group)) {
                    return Candidate.rejected(Reason.AMBIGUOUS);
                }
                if (tail.length() > 2) {
                    return Candidate.rejected(Reason.TOO_MANY_DECIMALS);
                }
                return Candidate.of(new BigDecimal(digits(whole) + "." + tail));
            }

            if (seps.size() > 1) {
                return validGroups(token, last)
                        ? Candidate.of(new BigDecimal(digits(token)))
                        : Candidate.rejected(Reason.AMBIGUOUS);
            }

            // One separator: grouping if it is this language's grouping and three digits follow;
            // a decimal point if it is this language's or the US one; anything else is a guess.
            // A leading zero never starts a group of thousands: "0.001" is a fraction of a cent.
            String head = token.substring(0, lastAt);
            boolean zero = head.startsWith("0");
            boolean canGroup = (last == grouping || last == ' ') && !zero;
            boolean canBeDecimal = last == decimal || last == '.';
            if (tail.length() == 3 && head.length() <= 3 && canGroup) {
                return Candidate.of(new BigDecimal(head + tail));
            }
            if (tail.length() <= 2 && canBeDecimal) {
                return Candidate.of(new BigDecimal(head + "." + tail));
            }
            // Three digits after a point that does not group here ("10.555" in English) are a
            // fraction of a cent too; after this language's own decimal comma they may be US
            // grouping ("1,234" in Spanish), which stays ambiguous.
            boolean fraction = tail.length() > 3 || last == '.' || zero;
            if (canBeDecimal && fraction) {
                return Candidate.rejected(Reason.TOO_MANY_DECIMALS);
            }
            return Candidate.rejected(Reason.AMBIGUOUS);
        }

        private static boolean validGroups(String number, char separator) {
            String[] groups = number.split(Pattern.quote(String.valueOf(separator)), -1);
            if (groups[0].isEmpty() || groups[0].length() > 3) {
                return false;
            }
            for (int i = 1; i < groups.length; i++) {
                if (groups[i].length() != 3) {
                    return false;
                }
            }
            return true;
        }

        private static String digits(String number) {
            return number.replaceAll("\\D", "");
        }

        List<Candidate> spelledAmounts(String text) {
            List<Candidate> found = new ArrayList<>();
            synchronized (this) {
                String written = unspaced ? NumberWords.unabbreviated(text) : text;
                for (NumberWords.Number n : NumberWords.numbers(spellout, written, unspaced)) {
                    found.add(Candidate.of(new BigDecimal(n.value().toString())));
                }
            }
            return found;
        }
    }
}
