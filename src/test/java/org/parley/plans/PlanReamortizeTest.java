package org.parley.plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plans.PlanChange.MoveDay;
import org.parley.plans.PlanChange.NewAmount;
import org.parley.plans.PlanChange.NewTerm;
import org.parley.plans.PlanChange.Skip;

import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.plans.PlanFixtures.amounts;
import static org.parley.plans.PlanFixtures.dates;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.rules;
import static org.parley.plans.PlanFixtures.usd;

class PlanReamortizeTest {

    private final PlanCalculator calculator = new PlanCalculator();
    private final PlanRules rules = rules().build();

    /** 1,200.00 as twelve monthly 100.00 installments from the 15th of January 2027. */
    private Schedule twelveHundred() {
        return calculator.schedule(usd("1200.00"), 12, Frequency.MONTHLY, day("2027-01-15"),
                rules);
    }

    private Schedule plan(String balance, int count, Frequency frequency, String firstDue) {
        return calculator.schedule(usd(balance), count, frequency, day(firstDue), rules);
    }

    @ParameterizedTest(name = "{0} paid by {1}, new amount {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            200.00 | 2027-03-01 | 150.00 | 142.85 142.85 142.85 142.85 142.85 142.85 142.90 \
                                         | 2027-03-15 2027-04-15 2027-05-15 2027-06-15 \
                                           2027-07-15 2027-08-15 2027-09-15
            200.00 | 2027-03-01 | 250.00 | 250.00 250.00 250.00 250.00 \
                                         | 2027-03-15 2027-04-15 2027-05-15 2027-06-15
            100.00 | 2027-03-01 | 300.00 | 275.00 275.00 275.00 275.00 \
                                         | 2027-03-15 2027-04-15 2027-05-15 2027-06-15
            200.00 | 2027-03-16 | 400.00 | 333.33 333.33 333.34 \
                                         | 2027-04-15 2027-05-15 2027-06-15
            """)
    void aNewAmountSplitsWhatIsLeftExactlyFromTheNextDueDate(
            String paid, String asOf, String amount, String expectedAmounts,
            String expectedDates) {
        Schedule changed = calculator.reamortize(twelveHundred(), day(asOf), usd(paid),
                new NewAmount(usd(amount)), rules);

        assertEquals(amounts(expectedAmounts), changed.amounts());
        assertEquals(dates(expectedDates), changed.dueDates());
        assertEquals(usd("1200.00").subtract(usd(paid)), changed.amountFinanced());
        assertEquals(changed.amountFinanced(), changed.total());
        assertEquals(usd("0.00"), changed.downPayment());
    }

    @Test
    void aNewTermKeepsTheMonthEndCalendarOfTheOriginalStart() {
        Schedule plan = plan("1000.00", 3, Frequency.MONTHLY, "2027-01-31");

        Schedule changed = calculator.reamortize(plan, day("2027-02-01"), usd("333.33"),
                new NewTerm(4), rules);

        assertEquals(amounts("166.66 166.66 166.66 166.69"), changed.amounts());
        assertEquals(dates("2027-02-28 2027-03-31 2027-04-30 2027-05-31"), changed.dueDates());
    }

    @Test
    void aNewTermOnABiweeklyPlanKeepsItsWeekday() {
        Schedule plan = plan("600.00", 6, Frequency.BIWEEKLY, "2027-01-01");

        Schedule changed = calculator.reamortize(plan, day("2027-01-20"), usd("200.00"),
                new NewTerm(8), rules);

        assertEquals(amounts("50.00 50.00 50.00 50.00 50.00 50.00 50.00 50.00"),
                changed.amounts());
        assertEquals(dates("2027-01-29 2027-02-12 2027-02-26 2027-03-12 2027-03-26 2027-04-09 "
                + "2027-04-23 2027-05-07"), changed.dueDates());
    }

    @ParameterizedTest(name = "{1} paid, {0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            term 13      | 200.00  | TERM_TOO_LONG
            term 7       | 800.00  | TERM_TOO_LONG
            term 6       | 1000.00 | BELOW_MINIMUM
            amount 40.00 | 200.00  | BELOW_MINIMUM
            amount 80.00 | 200.00  | TERM_TOO_LONG
            """)
    void aChangeOutsideTheRulesOfWhatIsLeftIsRefused(String change, String paid,
                                                    Reason reason) {
        String[] parts = change.split(" ");
        PlanChange asked = parts[0].equals("term")
                ? new NewTerm(Integer.parseInt(parts[1])) : new NewAmount(usd(parts[1]));

        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.reamortize(
                twelveHundred(), day("2027-03-01"), usd(paid), asked, rules));

        assertEquals(reason, refused.reason());
    }

    @ParameterizedTest(name = "day {1} as of {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2027-03-01 | 15 | 2027-03-15 2027-04-15 2027-05-15 2027-06-15 2027-07-15 \
                              2027-08-15 2027-09-15 2027-10-15 2027-11-15 2027-12-15
            2027-03-20 | 5  | 2027-04-05 2027-05-05 2027-06-05 2027-07-05 2027-08-05 \
                              2027-09-05 2027-10-05 2027-11-05 2027-12-05 2028-01-05
            2027-03-01 | 28 | 2027-03-28 2027-04-28 2027-05-28 2027-06-28 2027-07-28 \
                              2027-08-28 2027-09-28 2027-10-28 2027-11-28 2027-12-28
            """)
    void movingThePaymentDayKeepsEachAmountAndTheMonthOfTheNextPayment(
            String asOf, int dayOfMonth, String expectedDates) {
        Schedule plan = plan("1200.00", 12, Frequency.MONTHLY, "2027-01-31");

        Schedule moved = calculator.reamortize(plan, day(asOf), usd("200.00"),
                new MoveDay(dayOfMonth), rules);

        assertEquals(dates(expectedDates), moved.dueDates());
        assertEquals(Collections.nCopies(10, usd("100.00")), moved.amounts());
    }

    @Test
    void movingThePaymentDayKeepsTheRemainderWhereItWas() {
        Schedule plan = plan("1000.00", 3, Frequency.MONTHLY, "2027-01-15");

        Schedule moved = calculator.reamortize(plan, day("2027-02-01"), usd("333.33"),
                new MoveDay(20), rules);

        assertEquals(amounts("333.33 333.34"), moved.amounts());
        assertEquals(dates("2027-02-20 2027-03-20"), moved.dueDates());
    }

    @Test
    void aBiweeklyPlanHasNoDayOfTheMonthToMove() {
        Schedule plan = plan("600.00", 6, Frequency.BIWEEKLY, "2027-01-01");

        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.reamortize(
                plan, day("2027-01-02"), usd("100.00"), new MoveDay(10), rules));

        assertEquals(Reason.DAY_MOVE_NEEDS_MONTHLY, refused.reason());
    }

    @Test
    void aSkipMovesTheNextPaymentAndEveryLaterOneOnePeriodLater() {
        Schedule skipped = calculator.reamortize(twelveHundred(), day("2027-03-01"),
                usd("200.00"), new Skip(), rules);

        assertEquals(Collections.nCopies(10, usd("100.00")), skipped.amounts());
        assertEquals(dates("2027-04-15 2027-05-15 2027-06-15 2027-07-15 2027-08-15 2027-09-15 "
                + "2027-10-15 2027-11-15 2027-12-15 2028-01-15"), skipped.dueDates());
        assertEquals(1, skipped.skipsUsed());
    }

    @Test
    void aSkipKeepsTheRemainderOnTheLastInstallment() {
        Schedule plan = plan("1000.00", 3, Frequency.MONTHLY, "2027-01-31");

        Schedule skipped = calculator.reamortize(plan, day("2027-02-01"), usd("333.33"),
                new Skip(), rules);

        assertEquals(amounts("333.33 333.34"), skipped.amounts());
        assertEquals(dates("2027-03-31 2027-04-30"), skipped.dueDates());
    }

    @Test
    void aSkipOnABiweeklyPlanMovesEachPaymentFourteenDays() {
        Schedule plan = plan("600.00", 6, Frequency.BIWEEKLY, "2027-01-01");

        Schedule skipped = calculator.reamortize(plan, day("2027-01-20"), usd("200.00"),
                new Skip(), rules);

        assertEquals(dates("2027-02-12 2027-02-26 2027-03-12 2027-03-26"), skipped.dueDates());
    }

    @Test
    void aChangeAfterASkipDoesNotReuseTheSkippedDate() {
        Schedule skipped = calculator.reamortize(twelveHundred(), day("2027-03-01"),
                usd("200.00"), new Skip(), rules);

        Schedule changed = calculator.reamortize(skipped, day("2027-03-05"), usd("0.00"),
                new NewTerm(5), rules);

        assertEquals(amounts("200.00 200.00 200.00 200.00 200.00"), changed.amounts());
        assertEquals(day("2027-04-15"), changed.installments().getFirst().due());
        assertEquals(1, changed.skipsUsed());
    }

    @ParameterizedTest(name = "{0} skips allowed, {1} paid by {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | 200.00  | 2027-03-01 | SKIP_NOT_ALLOWED
            1 | 100.00  | 2027-03-01 | PLAN_BEHIND
            1 | 1100.00 | 2028-01-01 | NO_INSTALLMENT_LEFT
            1 | 1200.00 | 2027-03-01 | NOTHING_LEFT
            """)
    void aSkipTheRulesDoNotAllowIsRefused(int skipsAllowed, String paid, String asOf,
                                          Reason reason) {
        PlanRules strict = rules().skipsAllowed(skipsAllowed).build();

        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.reamortize(
                twelveHundred(), day(asOf), usd(paid), new Skip(), strict));

        assertEquals(reason, refused.reason());
    }

    @Test
    void aSecondSkipIsRefusedWhenTheClientAllowsOne() {
        Schedule skipped = calculator.reamortize(twelveHundred(), day("2027-03-01"),
                usd("200.00"), new Skip(), rules);

        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.reamortize(
                skipped, day("2027-04-01"), usd("0.00"), new Skip(), rules));

        assertEquals(Reason.SKIPS_USED_UP, refused.reason());
    }

    @Test
    void aPlanWithEveryInstallmentPastDueCanStillTakeANewTerm() {
        Schedule changed = calculator.reamortize(twelveHundred(), day("2028-01-01"),
                usd("1100.00"), new NewTerm(1), rules);

        assertEquals(amounts("100.00"), changed.amounts());
        assertEquals(dates("2028-01-15"), changed.dueDates());
    }
}
