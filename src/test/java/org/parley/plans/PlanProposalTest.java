package org.parley.plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plans.PlanRules.DownPayment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.rules;
import static org.parley.plans.PlanFixtures.summary;
import static org.parley.plans.PlanFixtures.usd;

class PlanProposalTest {

    private final PlanCalculator calculator = new PlanCalculator();

    @ParameterizedTest(name = "{1} {2} on {0}: {3}, {4}")
    @CsvSource(delimiter = '|', textBlock = """
            1234.50 | 75.00   | MONTHLY  | TERM_TOO_LONG | 12 x 102.87, last 102.93
            1234.50 | 40.00   | MONTHLY  | BELOW_MINIMUM | 12 x 102.87, last 102.93
            1234.50 | 150.00  | MONTHLY  | FITS          | 9 x 137.16, last 137.22
            1234.50 | 102.88  | MONTHLY  | FITS          | 12 x 102.87, last 102.93
            1234.50 | 102.87  | MONTHLY  | FITS          | 12 x 102.87, last 102.93
            968.00  | 80.66   | MONTHLY  | FITS          | 12 x 80.66, last 80.74
            968.00  | 80.65   | MONTHLY  | TERM_TOO_LONG | 12 x 80.66, last 80.74
            1234.50 | 2000.00 | MONTHLY  | FITS          | 1 x 1234.50
            400.00  | 45.00   | MONTHLY  | BELOW_MINIMUM | 6 x 66.66, last 66.70
            400.00  | 60.00   | MONTHLY  | TERM_TOO_LONG | 6 x 66.66, last 66.70
            149.00  | 50.00   | MONTHLY  | BELOW_MINIMUM | 2 x 74.50
            30.00   | 20.00   | MONTHLY  | BELOW_MINIMUM | 1 x 30.00
            30.00   | 30.00   | MONTHLY  | FITS          | 1 x 30.00
            1234.50 | 75.00   | BIWEEKLY | FITS          | 17 x 72.61, last 72.74
            1234.50 | 40.00   | BIWEEKLY | BELOW_MINIMUM | 24 x 51.43, last 51.61
            5000.00 | 100.00  | BIWEEKLY | FITS          | 50 x 100.00
            5000.00 | 90.00   | BIWEEKLY | TERM_TOO_LONG | 52 x 96.15, last 96.35
            """)
    void aProposalIsAcceptedOrCounteredWithTheClosestPlanThatFits(
            String balance, String proposed, Frequency frequency, Reason reason,
            String expected) {
        Proposal proposal = calculator.check(usd(balance), usd(proposed), frequency,
                day("2027-03-05"), rules().build());

        assertEquals(reason, proposal.reason());
        assertEquals(reason == Reason.FITS, proposal.accepted());
        assertEquals(expected, summary(proposal.schedule()));
        assertEquals(frequency, proposal.schedule().frequency());
        assertEquals(day("2027-03-05"), proposal.schedule().installments().getFirst().due());
    }

    @Test
    void seventyFiveAMonthOnTwelveHundredIsCounteredWithTheLongestAllowedTerm() {
        PlanRules rules = PlanRules.builder(usd("50.00"), PlanFixtures.TIERS).build();

        Proposal proposal = calculator.check(usd("1234.50"), usd("75.00"), Frequency.MONTHLY,
                day("2027-01-31"), rules);

        assertFalse(proposal.accepted());
        assertEquals("term_too_long", proposal.reason().code());
        Schedule counter = proposal.schedule();
        assertEquals(12, counter.count());
        assertEquals(usd("102.87"), counter.installments().get(10).amount());
        assertEquals(usd("102.93"), counter.installments().get(11).amount());
        assertEquals(day("2027-02-28"), counter.installments().get(1).due());
        assertEquals(day("2027-12-31"), counter.installments().get(11).due());
        assertEquals(usd("1234.50"), counter.total());
    }

    @Test
    void aFrequencyTheClientDoesNotOfferIsCounteredOnOneItDoes() {
        PlanRules monthlyOnly = rules().frequencies(Frequency.MONTHLY).build();

        Proposal proposal = calculator.check(usd("1234.50"), usd("75.00"), Frequency.BIWEEKLY,
                day("2027-03-05"), monthlyOnly);

        assertEquals(Reason.FREQUENCY_NOT_OFFERED, proposal.reason());
        assertEquals(Frequency.MONTHLY, proposal.schedule().frequency());
        assertEquals("12 x 102.87, last 102.93", summary(proposal.schedule()));
    }

    @Test
    void theDownPaymentComesOffBeforeTheProposalIsChecked() {
        PlanRules rules = rules().downPayment(new DownPayment(usd("10"), usd("0.00"))).build();

        Proposal proposal = calculator.check(usd("1234.56"), usd("200.00"), Frequency.MONTHLY,
                day("2027-03-05"), rules);

        assertTrue(proposal.accepted());
        assertEquals(usd("123.46"), proposal.schedule().downPayment());
        assertEquals("6 x 185.18, last 185.20", summary(proposal.schedule()));
        assertEquals(usd("1234.56"), proposal.schedule().total());
    }

    @Test
    void aBalanceAboveThePlanLimitIsRefusedRatherThanCountered() {
        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.check(
                usd("60000.00"), usd("2000.00"), Frequency.MONTHLY, day("2027-03-05"),
                rules().build()));

        assertEquals(Reason.ABOVE_PLAN_LIMIT, refused.reason());
    }

    @Test
    void aProposedAmountInFractionsOfACentIsABadArgument() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> calculator.check(usd("100.00"), usd("75.005"), Frequency.MONTHLY,
                        day("2027-03-05"), rules().build()));

        assertEquals("proposedAmount must be a whole number of cents, zero or more, such as "
                + "25.00; got 75.005", thrown.getMessage());
    }
}
