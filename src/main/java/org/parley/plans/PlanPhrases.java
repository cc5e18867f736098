package org.parley.plans;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.MoneyParser;
import org.parley.nlu.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what a patient says about a plan: a pick from the list, a term, an amount with its
 * frequency, a new payment day, a skip or a cancellation. The words are data, per language, in
 * {@code locales/<language>/plans.keywords.yaml}; numbers and amounts are read by
 * {@link ChoiceParser} and {@link MoneyParser}.
 *
 * <p>A strict reading is for a message that may answer another question (the identity answer
 * a plan request returns to after verification): it takes a request only when a word names it
 * ("move", "skip", "a month", "$"). A lenient reading, for the answer to a plan question, also
 * takes a bare number as a pick or an amount. An amount that cannot be taken ("-$50 a month")
 * is read as such, with the reason, so that it is refused rather than taken for something else.
 */
final class PlanPhrases {

    /** The keyword lists each language needs, and what they hold. */
    static final Map<String, String> LISTS = Map.of(
            "plan-monthly", "ways to say \"a month\" after an amount",
            "plan-biweekly", "ways to say \"every two weeks\"",
            "plan-months", "the word for months after a number, as in \"6 months\"",
            "plan-move", "words that ask to move the payment day",
            "plan-skip", "words that ask to skip a payment",
            "plan-cancel", "words that ask to cancel the plan");

    private static final int MAX_MONTHS = 120;
    private static final int MAX_PICK_CHARACTERS = 40;
    private static final Pattern CURRENCY = Pattern.compile("\\p{Sc}");
    private static final Pattern DAY_SUFFIX = Pattern.compile("\\d{1,2}\\s*(?:st|nd|rd|th)\\b");
    private static final Pattern NUMBER = Pattern.compile("(\\d{1,3})\\s*-?\\s*$");
    private static final Pattern LETTERS = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern DAY_DIGITS = Pattern.compile("(?<![\\d.,])(\\d{1,2})(?![\\d.,])");
    private static final Pattern ANY_DIGIT = Pattern.compile("\\d");
    /** How many last words may hold a day in words: "to the fifteenth please". */
    private static final int DAY_WORDS = 4;

    private final Map<String, Map<String, List<Pattern>>> lists = new HashMap<>();
    private final ChoiceParser choices = new ChoiceParser();
    private final MoneyParser money = new MoneyParser();

    PlanPhrases(Map<String, LocaleContent> locales) {
        locales.forEach((language, content) -> {
            Map<String, List<Pattern>> byList = new HashMap<>();
            // Longest first, so "every two weeks" is taken before a shorter phrase inside it.
            LISTS.keySet().forEach(list -> byList.put(list, content.keywords()
                    .getOrDefault(list, List.of()).stream()
                    .map(LocaleContent.Entry::text)
                    .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                    .map(PlanPhrases::phrase).flatMap(Optional::stream).toList()));
            lists.put(language, byList);
        });
    }

    /** A request while setting up a plan, among {@code offered} plans listed. */
    Optional<PlanRequest> setUp(String text, String language, int offered, boolean strict) {
        Said said = new Said(language, Text.fold(text));
        Optional<Frequency> frequency = said.frequency();

        Optional<PlanRequest> term = said.term(frequency);
        if (term.isPresent()) {
            return term;
        }
        boolean plain = frequency.isEmpty() && !CURRENCY.matcher(text).find();
        if (!strict && plain && text.length() <= MAX_PICK_CHARACTERS) {
            OptionalInt pick = choices.choose(text, language, offered);
            if (pick.isPresent()) {
                return Optional.of(new PlanRequest.Pick(pick.getAsInt()));
            }
        }
        if (!strict || !plain) {
            Optional<PlanRequest> amount = said.amount(frequency);
            if (amount.isPresent()) {
                return amount;
            }
        }
        return frequency.filter(f -> !strict).map(PlanRequest.Listing::new);
    }

    /**
     * Whether the message names an amount per period ("$75 a month", "-$50 a month"), taken or
     * not: it answers a plan question even when it also sounds like paying now.
     */
    boolean perPeriod(String text, String language) {
        Said said = new Said(language, Text.fold(text));
        Optional<Frequency> frequency = said.frequency();
        return frequency.isPresent() && said.amount(frequency).isPresent();
    }

    /**
     * What a message that asked about a plan asked, read strictly: a change ("cancel my plan",
     * "move it to the 15th") or what to set up ("I can do $75 a month", "12 months").
     */
    Optional<PlanRequest> request(String text, String language) {
        return change(text, language, true).or(() -> setUp(text, language, 0, true));
    }

    /** A change to a running plan. */
    Optional<PlanRequest> change(String text, String language, boolean strict) {
        Said said = new Said(language, Text.fold(text));
        if (said.has("plan-cancel")) {
            return Optional.of(new PlanRequest.Cancel());
        }
        if (said.has("plan-skip")) {
            return Optional.of(new PlanRequest.SkipNext());
        }
        Optional<Frequency> frequency = said.frequency();
        if (said.has("plan-move") || (!strict && DAY_SUFFIX.matcher(said.rest).find())) {
            OptionalInt day = said.day();
            if (day.isPresent()) {
                return Optional.of(new PlanRequest.Day(day.getAsInt()));
            }
        }
        Optional<PlanRequest> term = said.term(frequency);
        if (term.isPresent()) {
            return term;
        }
        boolean named = frequency.isPresent() || CURRENCY.matcher(text).find();
        return strict && !named ? Optional.empty() : said.amount(frequency);
    }

    /**
     * A phrase as a pattern over folded text: its words in order with anything but letters and
     * digits between them, whole words where the script spaces its words.
     */
    private static Optional<Pattern> phrase(String text) {
        List<String> words = Text.words(text);
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> quoted = words.stream().map(Pattern::quote).toList();
        String body = String.join("[^\\p{L}\\p{N}]*", quoted);
        String first = words.getFirst();
        String last = words.getLast();
        String before = spaced(first.codePointAt(0)) ? "(?<![\\p{L}\\p{N}])" : "";
        String after = spaced(last.codePointBefore(last.length())) ? "(?![\\p{L}\\p{N}])" : "";
        return Optional.of(Pattern.compile(before + body + after));
    }

    /** Whether words of this letter's script are set apart by spaces or punctuation. */
    private static boolean spaced(int c) {
        Character.UnicodeScript script = Character.UnicodeScript.of(c);
        return script != Character.UnicodeScript.HAN && script != Character.UnicodeScript.HANGUL
                && script != Character.UnicodeScript.HIRAGANA
                && script != Character.UnicodeScript.KATAKANA;
    }

    /** One message being read: what is left of it as phrases are taken out. */
    private final class Said {

        private final String language;
        private String rest;

        Said(String language, String folded) {
            this.language = language;
            this.rest = folded;
        }

        boolean has(String list) {
            return patterns(list).stream().anyMatch(p -> p.matcher(rest).find());
        }

        /** The frequency named, taken out of the text; empty when none or both are named. */
        Optional<Frequency> frequency() {
            boolean monthly = take("plan-monthly");
            boolean biweekly = take("plan-biweekly");
            if (monthly == biweekly) {
                return Optional.empty();
            }
            return Optional.of(monthly ? Frequency.MONTHLY : Frequency.BIWEEKLY);
        }

        /**
         * The day of the month named: the one number of one or two digits ("the 15th", "15号"),
         * or an ordinal in words among the last words ("the fifteenth"), which is slower to read.
         */
        OptionalInt day() {
            Matcher digits = DAY_DIGITS.matcher(rest);
            List<Integer> found = new ArrayList<>();
            while (digits.find()) {
                found.add(Integer.parseInt(digits.group(1)));
            }
            if (found.size() == 1) {
                return OptionalInt.of(found.getFirst());
            }
            if (!found.isEmpty() || ANY_DIGIT.matcher(rest).find()) {
                return OptionalInt.empty();
            }
            List<Integer> starts = new ArrayList<>();
            Matcher word = LETTERS.matcher(rest);
            while (word.find()) {
                starts.add(word.start());
            }
            String last = starts.isEmpty() ? rest
                    : rest.substring(starts.get(Math.max(0, starts.size() - DAY_WORDS)));
            return choices.choose(last, language, 31);
        }

        /** A number of months: digits or words just before the word for months. */
        Optional<PlanRequest> term(Optional<Frequency> frequency) {
            for (Pattern unit : patterns("plan-months")) {
                Matcher m = unit.matcher(rest);
                while (m.find()) {
                    OptionalInt months = numberBefore(rest.substring(0, m.start()));
                    if (months.isPresent()) {
                        return Optional.of(new PlanRequest.Term(months.getAsInt(), frequency));
                    }
                }
            }
            return Optional.empty();
        }

        /** An amount, or one that cannot be taken and why; empty when none is there. */
        Optional<PlanRequest> amount(Optional<Frequency> frequency) {
            return switch (money.parse(rest, language)) {
                case MoneyParser.Result.Amount amount ->
                        Optional.of(new PlanRequest.Amount(amount.value(), frequency));
                case MoneyParser.Result.Rejected rejected
                        when rejected.reason() != MoneyParser.Reason.NOT_AN_AMOUNT ->
                        Optional.of(new PlanRequest.BadAmount(rejected.reason()));
                default -> Optional.empty();
            };
        }

        /** The digits ending {@code before}, or a number in words among its last three words. */
        private OptionalInt numberBefore(String before) {
            Matcher digits = NUMBER.matcher(before);
            if (digits.find()) {
                int months = Integer.parseInt(digits.group(1));
                return months >= 1 && months <= MAX_MONTHS ? OptionalInt.of(months)
                        : OptionalInt.empty();
            }
            List<Integer> starts = new ArrayList<>();
            int end = -1;
            Matcher word = LETTERS.matcher(before);
            while (word.find()) {
                starts.add(word.start());
                end = word.end();
            }
            if (end < before.stripTrailing().length()) {
                return OptionalInt.empty();
            }
            // "twenty four months": the longest run of words before the unit that is one number.
            for (int take = Math.min(3, starts.size()); take >= 1; take--) {
                String run = before.substring(starts.get(starts.size() - take));
                OptionalInt n = choices.choose(run, language, MAX_MONTHS);
                if (n.isPresent()) {
                    return n;
                }
            }
            return OptionalInt.empty();
        }

        /** Whether a phrase of {@code list} is in the text; each one found is taken out. */
        private boolean take(String list) {
            boolean found = false;
            for (Pattern p : patterns(list)) {
                Matcher m = p.matcher(rest);
                if (m.find()) {
                    rest = m.replaceAll(" ");
                    found = true;
                }
            }
            return found;
        }

        private List<Pattern> patterns(String list) {
            return lists.getOrDefault(language, Map.of()).getOrDefault(list, List.of());
        }
    }
}
