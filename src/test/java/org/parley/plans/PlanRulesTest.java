package org.parley.plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plans.PlanRules.DownPayment;
import org.parley.plans.PlanRules.Tier;

import java.util.List;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.rules;
import static org.parley.plans.PlanFixtures.usd;

class PlanRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0.01     | 6
            500.00   | 6
            500.01   | 12
            2000.00  | 12
            2000.01  | 24
            50000.00 | 24
            50000.01 |
            """)
    void theLongestTermComesFromTheFirstTierTheBalanceFitsUnder(String balance,
                                                                Integer months) {
        OptionalInt maxMonths = rules().build().maxMonths(usd(balance));

        assertEquals(months == null ? OptionalInt.empty() : OptionalInt.of(months), maxMonths);
    }

    @ParameterizedTest(name = "{1}% at least {2} of {0} = {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1234.56 | 10   | 0.00   | 123.46
            99.99   | 15   | 0.00   | 15.00
            1000.00 | 12.5 | 0.00   | 125.00
            500.00  | 10   | 100.00 | 100.00
            80.00   | 0    | 100.00 | 80.00
            1000.00 | 0    | 0.00   | 0.00
            """)
    void theDownPaymentIsThePercentRoundedHalfUpButAtLeastTheMinimum(
            String balance, String percent, String minimum, String expected) {
        DownPayment down = new DownPayment(usd(percent), usd(minimum));

        assertEquals(usd(expected), down.amount(usd(balance)));
    }

    @Test
    void unsortedTiersAreRefusedNamingBothBounds() {
        List<Tier> tiers = List.of(new Tier(usd("2000.00"), 12), new Tier(usd("500.00"), 6));

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> PlanRules.builder(usd("50.00"), tiers).build());

        assertEquals("tiers must be sorted by upTo, each higher than the one before; got "
                + "2000.00 then 500.00", thrown.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            minimum -5      | minimumInstallment must be a whole number of cents, zero or more, \
                              such as 25.00; got -5
            minimum 0.001   | minimumInstallment must be a whole number of cents, zero or more, \
                              such as 25.00; got 0.001
            minimum 0       | minimumInstallment must be more than zero, such as 25.00
            misses 0        | missesToBreak must be at least 1; got 0
            grace -1        | graceDays must be at least 0; got -1
            skips -1        | skipsAllowed must be at least 0; got -1
            percent 100     | Down payment percent must be at least 0 and below 100, such as 10; \
                              got 100
            tier 0          | Tier maxMonths must be between 1 and 120; got 0 for balances up to \
                              500.00
            no tiers        | tiers is empty; give at least one, such as \
                              new Tier(new BigDecimal("5000.00"), 12)
            """)
    void badRulesAreRefusedWithTheValueAndWhatIsExpected(String rule, String message) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> build(rule));

        assertEquals(message.replaceAll("\\s+", " "), thrown.getMessage());
    }

    private static PlanRules build(String rule) {
        String[] parts = rule.split(" ");
        String value = parts[1];
        return switch (parts[0]) {
            case "minimum" -> PlanRules.builder(usd(value), PlanFixtures.TIERS).build();
            case "misses" -> rules().missesToBreak(Integer.parseInt(value)).build();
            case "grace" -> rules().graceDays(Integer.parseInt(value)).build();
            case "skips" -> rules().skipsAllowed(Integer.parseInt(value)).build();
            case "percent" -> rules().downPayment(new DownPayment(usd(value), usd("0"))).build();
            case "tier" -> PlanRules.builder(usd("50.00"),
                    List.of(new Tier(usd("500.00"), Integer.parseInt(value)))).build();
            case "no" -> PlanRules.builder(usd("50.00"), List.of()).build();
            default -> throw new IllegalArgumentException("no rule " + rule);
        };
    }

    @Test
    void anInstallmentIsMissedOnlyAfterTheGraceDays() {
        PlanRules rules = rules().graceDays(10).build();

        assertFalse(rules.missed(day("2027-03-15"), day("2027-03-25")));
        assertTrue(rules.missed(day("2027-03-15"), day("2027-03-26")));
    }

    @Test
    void aPlanBreaksAtTheClientsNumberOfMisses() {
        PlanRules rules = rules().missesToBreak(3).build();

        assertFalse(rules.breaks(2));
        assertTrue(rules.breaks(3));
    }

    @Test
    void theFirstPaymentMayFallNoLaterThanTheClientsNumberOfDays() {
        PlanRules rules = rules().firstPaymentWithinDays(14).build();

        assertEquals(day("2027-03-15"), rules.latestFirstDue(day("2027-03-01")));
    }
}
