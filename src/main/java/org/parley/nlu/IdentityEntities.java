package org.parley.nlu;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pulls the answers to identity questions out of one message: a date of birth, a ZIP code, an
 * account number and the words that may be a last name. A patient may give several at once.
 */
public final class IdentityEntities {

    /**
     * An account number: up to four letters then at least two digits ({@code TB08},
     * {@code eh-100234}), or six digits and more; fewer digits alone are an amount or a ZIP
     * code, and a longer word with a number ({@code covid19}) is not an account.
     */
    private static final Pattern ACCOUNT =
            Pattern.compile("\\b([a-z]{1,4}-?\\d{2,12}|\\d{6,12})\\b");
    /**
     * Letters then digits with a space, a dash or nothing between ({@code tb 08}, {@code tc3}):
     * read only by what the client's account numbers are ({@link AccountNumbers}), so "owe
     * 120" or "room 12" stay words and numbers.
     */
    private static final Pattern PREFIXED_ACCOUNT = Pattern.compile(
            "(?<![\\p{L}\\p{N}])([a-z]{1,4})(\\s*[-./_]?\\s*)(\\d{1,12})(?![\\p{L}\\p{N}])");
    private static final Pattern ZIP = Pattern.compile("\\b(\\d{5})(?:-\\d{4})?\\b");
    /** Where a clause ends: punctuation, but not the comma or point inside "1,200.50". */
    private static final Pattern CLAUSE_END =
            Pattern.compile("[;!?\\n\u3002\u3001\uff1b\uff01\uff1f\u060c\u061b]"
                    + "|(?<!\\d)[,.]|[,.](?!\\d)");
    /** An amount of money: a currency sign, or a number with cents ("120.50", "120,50"). */
    private static final Pattern AMOUNT =
            Pattern.compile("\\p{Sc}|(?<![\\d.,])\\d+[.,]\\d{2}(?![\\d.,])");
    private static final int OLDEST_BIRTH_YEAR = 1900;

    private final DateParser dates;
    private final Set<String> fillerWords;
    private final Cues cues;
    private final Clock clock;

    public IdentityEntities(String language, Set<String> fillerWords, Clock clock) {
        this(language, fillerWords, Cues.NONE, clock);
    }

    public IdentityEntities(String language, Set<String> fillerWords, Cues cues, Clock clock) {
        this.dates = new DateParser(language, clock);
        this.fillerWords = Set.copyOf(fillerWords.stream().map(Text::fold).toList());
        this.cues = cues;
        this.clock = clock;
    }

    /**
     * The phrases of one language that say what a date in a message is: {@code birth} ("born",
     * "nací") makes it a birth date, {@code payment} ("paid", "bill", "pagué") a date of paying
     * or of a bill, which is no birth date.
     */
    public record Cues(List<String> birth, List<String> payment) {

        /** No phrases: every plausible date is a birth date. */
        public static final Cues NONE = new Cues(List.of(), List.of());

        public Cues {
            birth = List.copyOf(birth);
            payment = List.copyOf(payment);
        }

        static boolean any(List<String> phrases, String text) {
            List<String> words = Text.words(text);
            return phrases.stream().map(Text::words).anyMatch(
                    p -> !p.isEmpty() && Collections.indexOfSubList(words, p) >= 0);
        }
    }

    /**
     * What one message said; each part is empty when the message did not say it.
     *
     * @param otherDate the message held a whole date that was not taken as a birth date (one
     *                  in the future, or of a payment or a bill): ask for the birth date rather
     *                  than take the message as a wrong one
     */
    public record Found(Optional<LocalDate> dateOfBirth, Optional<String> zip,
                        Optional<String> accountNumber, List<String> nameWords,
                        boolean otherDate) {

        public boolean isEmpty() {
            return dateOfBirth.isEmpty() && zip.isEmpty() && accountNumber.isEmpty()
                    && nameWords.isEmpty();
        }
    }

    /** Whether {@code text} speaks of a date, whole or in part ("May 2026", "12/01"). */
    public boolean mentionsDate(String text) {
        return dates.mentions(text);
    }

    /**
     * What a client's account numbers are, for reading a number typed with a space after its
     * letters ({@code tb 08}) or with one digit ({@code TC3}).
     *
     * @param prefix whether letters (upper case, such as {@code TB}) begin a client's number
     * @param exists whether a number (upper case, such as {@code TC3}) is a client's account
     */
    public record AccountNumbers(Predicate<String> prefix, Predicate<String> exists) {

        /** No client: only numbers with their letters and at least two digits together. */
        public static final AccountNumbers NONE = new AccountNumbers(l -> false, n -> false);
    }

    /** Reads {@code text} without spaced account numbers. */
    public Found find(String text) {
        return find(text, AccountNumbers.NONE);
    }

    /**
     * Reads {@code text}; {@code accounts} says which letters begin the client's account
     * numbers, so that {@code tb 08} reads as {@code TB08}, and which accounts exist, so that
     * {@code TC3} is read only when it is one and {@code TB 30301} is a ZIP code after the
     * letters when there is no account {@code TB30301} and no other ZIP code.
     */
    public Found find(String text, AccountNumbers accounts) {
        String rest = Text.fold(text);

        // Every whole date is blanked out, so its digits are no account or ZIP code; the first
        // one that reads as a birth date is taken.
        Optional<LocalDate> dob = Optional.empty();
        boolean otherDate = false;
        String original = rest;
        for (DateParser.Found date : dates.findAll(original)) {
            if (dob.isEmpty() && birthDate(original, date)) {
                dob = Optional.of(date.date());
            } else if (dob.isEmpty()) {
                otherDate = true;
            }
            rest = blank(rest, date.start(), date.end());
        }
        otherDate = otherDate && dob.isEmpty();

        Optional<String> account = Optional.empty();
        Matcher m = PREFIXED_ACCOUNT.matcher(rest);
        while (account.isEmpty() && m.find()) {
            String letters = m.group(1).toUpperCase(Locale.ROOT);
            String number = letters + m.group(3);
            if (!accounts.prefix().test(letters)) {
                continue;
            }
            if (m.group(3).length() == 1) {
                // One digit is a number of anything ("tb 5 please"), unless it is an account.
                if (accounts.exists().test(number)) {
                    account = Optional.of(number);
                    rest = blank(rest, m.start(), m.end());
                }
            } else if (!m.group(2).isEmpty() && zipAfterLetters(rest, m, number, accounts)) {
                // "TB 30301": the account's letters, then a ZIP code; the digits are missing.
                rest = blank(rest, m.start(1), m.end(1));
            } else if (!m.group(2).isEmpty()) {
                account = Optional.of(number);
                rest = blank(rest, m.start(), m.end());
            }
        }
        m = ACCOUNT.matcher(rest);
        if (account.isEmpty() && m.find()) {
            account = Optional.of(m.group(1).replace("-", "").toUpperCase(Locale.ROOT));
            rest = blank(rest, m.start(), m.end());
        }

        Optional<String> zip = Optional.empty();
        m = ZIP.matcher(rest);
        if (m.find()) {
            zip = Optional.of(m.group(1));
            rest = blank(rest, m.start(), m.end());
        }

        List<String> name = new ArrayList<>();
        for (String word : Text.words(rest)) {
            if (word.chars().allMatch(Character::isLetter) || word.contains("'")) {
                if (!fillerWords.contains(word) && !dates.isMonth(word)) {
                    name.add(word);
                }
            }
        }
        return new Found(dob, zip, account, List.copyOf(name), otherDate);
    }

    /**
     * Whether the digits after the letters of {@code m} are a ZIP code rather than the rest of
     * an account number: five of them, no account {@code number}, and no other ZIP code.
     */
    private static boolean zipAfterLetters(String text, Matcher m, String number,
                                           AccountNumbers accounts) {
        return m.group(3).length() == 5
                && !ZIP.matcher(blank(text, m.start(), m.end())).find()
                && !accounts.exists().test(number);
    }

    /**
     * A date is a birth date when it could be one (not after today, not before 1900) and its
     * clause says so, or at least says nothing of paying: "I paid $120 on 12/01/2026" and
     * "my bill of 11/20/2025" give no birth date, "born 3/14/1985, I owe $120" does.
     */
    private boolean birthDate(String text, DateParser.Found date) {
        LocalDate today = LocalDate.now(clock);
        if (date.date().isAfter(today) || date.date().getYear() < OLDEST_BIRTH_YEAR) {
            return false;
        }
        String clause = clause(text, date);
        if (Cues.any(cues.birth(), clause)) {
            return true;
        }
        String around = clause.substring(0, date.start() - start(text, date))
                + " " + clause.substring(date.end() - start(text, date));
        return !AMOUNT.matcher(around).find() && !Cues.any(cues.payment(), around);
    }

    /** The part of {@code text} around {@code date} up to the punctuation that ends a clause. */
    private static String clause(String text, DateParser.Found date) {
        return text.substring(start(text, date), end(text, date));
    }

    private static int start(String text, DateParser.Found date) {
        int start = 0;
        Matcher m = CLAUSE_END.matcher(text.substring(0, date.start()));
        while (m.find()) {
            start = m.end();
        }
        return start;
    }

    private static int end(String text, DateParser.Found date) {
        Matcher m = CLAUSE_END.matcher(text);
        return m.find(date.end()) ? m.start() : text.length();
    }

    private static String blank(String text, int start, int end) {
        return text.substring(0, start) + " ".repeat(end - start) + text.substring(end);
    }
}
