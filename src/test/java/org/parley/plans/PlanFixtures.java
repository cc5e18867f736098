package org.parley.plans;

import org.parley.plans.PlanRules.Tier;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Rules, amounts and dates shared by the plan tests. */
final class PlanFixtures {

    /** Up to 500 over 6 months, up to 2,000 over 12, up to the 50,000 plan limit over 24. */
    static final List<Tier> TIERS = List.of(
            new Tier(usd("500.00"), 6),
            new Tier(usd("2000.00"), 12),
            new Tier(usd("50000.00"), 24));

    private PlanFixtures() {
    }

    static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    static LocalDate day(String iso) {
        return LocalDate.parse(iso);
    }

    /** Minimum 50.00, the three tiers, monthly and biweekly, remainder last, one skip. */
    static PlanRules.Builder rules() {
        return PlanRules.builder(usd("50.00"), TIERS)
                .frequencies(Frequency.MONTHLY, Frequency.BIWEEKLY)
                .skipsAllowed(1);
    }

    /** Rules that let any split through: a one-cent minimum and 120 months for any balance. */
    static PlanRules.Builder anySplit() {
        return PlanRules.builder(usd("0.01"), List.of(new Tier(usd("99999999.99"), 120)))
                .frequencies(Frequency.MONTHLY, Frequency.BIWEEKLY);
    }

    /** Amounts written the way a test table reads them: "333.33 333.33 333.34". */
    static List<BigDecimal> amounts(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).map(BigDecimal::new).toList();
    }

    /** Dates written the way a test table reads them: "2027-01-31 2027-02-28". */
    static List<LocalDate> dates(String spaced) {
        return Arrays.stream(spaced.trim().split("\\s+")).map(LocalDate::parse).toList();
    }

    /** A schedule's amounts as "333.33 333.33 333.34", to compare with a table. */
    static String amountsOf(Schedule schedule) {
        return schedule.amounts().stream().map(BigDecimal::toPlainString)
                .collect(Collectors.joining(" "));
    }

    /** A schedule in short: "12 x 102.87, last 102.93", or "3 x 411.50" when all are equal. */
    static String summary(Schedule schedule) {
        List<BigDecimal> amounts = schedule.amounts();
        BigDecimal first = amounts.getFirst();
        BigDecimal last = amounts.getLast();
        String head = amounts.size() + " x " + first.toPlainString();
        return first.equals(last) ? head : head + ", last " + last.toPlainString();
    }
}
