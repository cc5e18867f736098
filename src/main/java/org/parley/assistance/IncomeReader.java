package org.parley.assistance;

import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads an income from a patient's own words: an amount, in any format {@link MoneyParser}
 * reads, with "k" or a language's word for thousand after digits ("40k", "40 mil", "4万"), and
 * how often it comes ("a month", "every two weeks", "al año"). "No income" reads as nothing a
 * year. The words are each language's lists in {@code assistance.keywords.yaml}.
 */
final class IncomeReader {

    private static final List<String> PERIOD_LISTS = List.of("income-weekly", "income-biweekly",
            "income-semimonthly", "income-monthly", "income-yearly");
    /** A number right before a multiplier word: "40", "2.5", "2,5", not the end of "1,200". */
    private static final Pattern DECIMAL =
            Pattern.compile("(?<![\\d.,])\\d+(?:[.,]\\d{1,2})?(?!\\d)");

    /** "2,500" or "2.500": one separator before three digits, never cents in an income. */
    private static final Pattern THOUSANDS =
            Pattern.compile("(?<![\\d.,])(\\d{1,3})[.,](\\d{3})(?![\\d.,])");

    private final Phrases phrases;
    private final MoneyParser money = new MoneyParser();

    IncomeReader(Phrases phrases) {
        this.phrases = phrases;
    }

    /**
     * What an answer held: the amount and the period, either of which may be missing, or
     * {@code unclear} when it held two different periods or two different amounts, or
     * {@code negative} when its amount was below zero ("-2500 a month").
     */
    record Reading(Optional<BigDecimal> amount, Optional<IncomePeriod> period, boolean unclear,
                   boolean negative) {

        Reading(Optional<BigDecimal> amount, Optional<IncomePeriod> period, boolean unclear) {
            this(amount, period, unclear, false);
        }

        /** True when the answer held an amount or a period: an answer to the question. */
        boolean answered() {
            return amount.isPresent() || period.isPresent() || negative;
        }
    }

    Reading read(String text, String language) {
        String normal = Phrases.normal(text);

        // The period's words come out first: "every 2 weeks" holds a number of its own.
        List<Phrases.Found> found = phrases.find(normal, language, PERIOD_LISTS);
        Set<String> periods = found.stream().map(Phrases.Found::list).collect(Collectors.toSet());
        if (periods.size() > 1) {
            return new Reading(Optional.empty(), Optional.empty(), true);
        }
        Optional<IncomePeriod> period = periods.stream().findFirst()
                .map(list -> IncomePeriod.valueOf(list.substring("income-".length())
                        .toUpperCase(java.util.Locale.ROOT)));
        StringBuilder rest = new StringBuilder(normal);
        for (int i = found.size() - 1; i >= 0; i--) {
            rest.replace(found.get(i).start(), found.get(i).end(), " ");
        }

        // "$2,500" is 2500 in Spanish too, where MoneyParser reads the comma as a decimal point.
        String expanded = THOUSANDS.matcher(thousands(rest.toString(), language))
                .replaceAll("$1$2");
        MoneyParser.Result result = money.parse(expanded, language);
        if (result instanceof MoneyParser.Result.Amount amount) {
            return new Reading(Optional.of(amount.value()), period, false);
        }
        MoneyParser.Reason reason = ((MoneyParser.Result.Rejected) result).reason();
        return switch (reason) {
            case ZERO -> new Reading(Optional.of(BigDecimal.ZERO.setScale(2)),
                    period.or(() -> Optional.of(IncomePeriod.YEARLY)), false);
            // "No income", "nada": nothing a year, when no amount was given.
            case NOT_AN_AMOUNT -> phrases.find(normal, language, List.of("income-none"))
                    .isEmpty() ? new Reading(Optional.empty(), period, false)
                    : new Reading(Optional.of(BigDecimal.ZERO.setScale(2)),
                            Optional.of(IncomePeriod.YEARLY), false);
            case NEGATIVE -> new Reading(Optional.empty(), period, false, true);
            default -> new Reading(Optional.empty(), period, true);
        };
    }

    /** "40k" and "40 mil" as 40000, "4万" as 40000: digits followed by a multiplier word. */
    private String thousands(String text, String language) {
        String out = multiply(text, language, "income-thousand", 1_000);
        return multiply(out, language, "income-ten-thousand", 10_000);
    }

    private String multiply(String text, String language, String list, int factor) {
        List<Phrases.Found> words = phrases.find(text, language, List.of(list));
        StringBuilder out = new StringBuilder(text);
        for (int i = words.size() - 1; i >= 0; i--) {
            Phrases.Found word = words.get(i);
            String before = out.substring(0, word.start()).stripTrailing();
            Matcher number = DECIMAL.matcher(before);
            int start = -1;
            while (number.find()) {
                start = number.end() == before.length() ? number.start() : start;
            }
            if (start < 0) {
                continue;
            }
            BigDecimal value = new BigDecimal(before.substring(start).replace(',', '.'))
                    .multiply(BigDecimal.valueOf(factor));
            out.replace(start, word.end(), value.stripTrailingZeros().toPlainString());
        }
        return out.toString();
    }
}
