package org.parley.plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.plans.PlanRules.DownPayment;
import org.parley.plans.PlanRules.Remainder;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.plans.PlanFixtures.amounts;
import static org.parley.plans.PlanFixtures.amountsOf;
import static org.parley.plans.PlanFixtures.anySplit;
import static org.parley.plans.PlanFixtures.dates;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.rules;
import static org.parley.plans.PlanFixtures.summary;
import static org.parley.plans.PlanFixtures.usd;

class PlanCalculatorTest {

    private final PlanCalculator calculator = new PlanCalculator();

    @ParameterizedTest(name = "{0} over {1}, remainder {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            1000.00 | 3  | LAST  | 333.33 333.33 333.34
            1000.00 | 3  | FIRST | 333.34 333.33 333.33
            100.00  | 7  | LAST  | 14.28 14.28 14.28 14.28 14.28 14.28 14.32
            100.00  | 7  | FIRST | 14.32 14.28 14.28 14.28 14.28 14.28 14.28
            999.99  | 4  | LAST  | 249.99 249.99 249.99 250.02
            0.10    | 3  | LAST  | 0.03 0.03 0.04
            0.05    | 5  | FIRST | 0.01 0.01 0.01 0.01 0.01
            600.00  | 6  | LAST  | 100.00 100.00 100.00 100.00 100.00 100.00
            1234.50 | 12 | LAST  | 102.87 102.87 102.87 102.87 102.87 102.87 102.87 102.87 \
                                   102.87 102.87 102.87 102.93
            """)
    void splitsAreExactToTheCentWithTheRemainderOnTheNamedInstallment(
            String balance, int count, Remainder remainder, String expected) {
        PlanRules rules = anySplit().remainder(remainder).build();

        Schedule schedule = calculator.schedule(usd(balance), count, Frequency.MONTHLY,
                day("2027-01-15"), rules);

        assertEquals(amounts(expected), schedule.amounts());
        assertEquals(usd(balance), schedule.amountFinanced());
        assertEquals(usd(balance), schedule.total());
    }

    @ParameterizedTest(name = "{1} from {0}")
    @CsvSource(delimiter = '|', textBlock = """
            2027-01-31 | MONTHLY  | 2027-01-31 2027-02-28 2027-03-31 2027-04-30 2027-05-31 \
                                    2027-06-30
            2028-01-31 | MONTHLY  | 2028-01-31 2028-02-29 2028-03-31 2028-04-30
            2027-08-31 | MONTHLY  | 2027-08-31 2027-09-30 2027-10-31 2027-11-30 2027-12-31 \
                                    2028-01-31 2028-02-29
            2027-01-29 | MONTHLY  | 2027-01-29 2027-02-28 2027-03-29
            2028-02-29 | MONTHLY  | 2028-02-29 2028-03-29 2028-04-29 2028-05-29 2028-06-29 \
                                    2028-07-29 2028-08-29 2028-09-29 2028-10-29 2028-11-29 \
                                    2028-12-29 2029-01-29 2029-02-28
            2027-12-15 | MONTHLY  | 2027-12-15 2028-01-15 2028-02-15
            2027-01-01 | BIWEEKLY | 2027-01-01 2027-01-15 2027-01-29 2027-02-12 2027-02-26 \
                                    2027-03-12
            2028-02-18 | BIWEEKLY | 2028-02-18 2028-03-03 2028-03-17
            2027-12-24 | BIWEEKLY | 2027-12-24 2028-01-07 2028-01-21
            """)
    void dueDatesFollowTheCalendarFromTheStart(String firstDue, Frequency frequency,
                                               String expected) {
        List<LocalDate> want = dates(expected);

        Schedule schedule = calculator.schedule(usd("1300.00"), want.size(), frequency,
                day(firstDue), anySplit().build());

        assertEquals(want, schedule.dueDates());
        assertEquals(day(firstDue), schedule.start());
    }

    @Test
    void downPaymentOfTenPercentIsRoundedHalfUpAndTheRestSplitOverSix() {
        PlanRules rules = anySplit()
                .downPayment(new DownPayment(usd("10"), usd("0.00"))).build();

        Schedule schedule = calculator.schedule(usd("1234.56"), 6, Frequency.MONTHLY,
                day("2027-03-01"), rules);

        assertEquals(usd("123.46"), schedule.downPayment());
        assertEquals(usd("1111.10"), schedule.amountFinanced());
        assertEquals("185.18 185.18 185.18 185.18 185.18 185.20", amountsOf(schedule));
        assertEquals(usd("1234.56"), schedule.total());
    }

    @Test
    void downPaymentIsNeverLessThanItsMinimum() {
        PlanRules rules = anySplit()
                .downPayment(new DownPayment(usd("10"), usd("100.00"))).build();

        Schedule schedule = calculator.schedule(usd("500.00"), 4, Frequency.MONTHLY,
                day("2027-03-01"), rules);

        assertEquals(usd("100.00"), schedule.downPayment());
        assertEquals("100.00 100.00 100.00 100.00", amountsOf(schedule));
    }

    @Test
    void downPaymentThatCoversTheBalanceLeavesNoPlan() {
        PlanRules rules = rules().downPayment(new DownPayment(usd("0"), usd("300.00"))).build();

        PlanRefused refused = assertThrows(PlanRefused.class,
                () -> calculator.offers(usd("250.00"), day("2027-03-01"), rules));

        assertEquals(Reason.DOWN_PAYMENT_COVERS_BALANCE, refused.reason());
        assertEquals("down_payment_covers_balance", refused.code());
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            400.00  | 3 x 133.33, last 133.34 ; 6 x 66.66, last 66.70
            250.00  | 3 x 83.33, last 83.34 ; 5 x 50.00
            1234.50 | 3 x 411.50 ; 6 x 205.75 ; 12 x 102.87, last 102.93
            2000.01 | 3 x 666.67 ; 6 x 333.33, last 333.36 ; 12 x 166.66, last 166.75 ; \
                      18 x 111.11, last 111.14 ; 24 x 83.33, last 83.42
            3000.00 | 3 x 1000.00 ; 6 x 500.00 ; 12 x 250.00 ; 18 x 166.66, last 166.78 ; \
                      24 x 125.00
            1000.00 | 3 x 333.33, last 333.34 ; 6 x 166.66, last 166.70 ; 12 x 83.33, last 83.37
            120.00  | 2 x 60.00
            """)
    void monthlyOffersAreTheSetTermsWithinTheTierAndTheMinimumPlusTheLongestThatFits(
            String balance, String expected) {
        PlanRules rules = rules().frequencies(Frequency.MONTHLY).build();

        List<Schedule> offers = calculator.offers(usd(balance), day("2027-03-01"), rules);

        List<String> want = List.of(expected.replaceAll("\\s+", " ").split(" ; "));
        assertEquals(want, offers.stream().map(PlanFixtures::summary).toList());
    }

    @Test
    void biweeklyOffersFollowTheMonthlyOnesWhenTheClientOffersBoth() {
        List<Schedule> offers = calculator.offers(usd("1234.50"), day("2027-01-01"),
                rules().build());

        assertEquals(List.of("3 x 411.50", "6 x 205.75", "12 x 102.87, last 102.93",
                        "6 x 205.75", "13 x 94.96, last 94.98", "24 x 51.43, last 51.61"),
                offers.stream().map(PlanFixtures::summary).toList());
        assertEquals(List.of(Frequency.MONTHLY, Frequency.MONTHLY, Frequency.MONTHLY,
                        Frequency.BIWEEKLY, Frequency.BIWEEKLY, Frequency.BIWEEKLY),
                offers.stream().map(Schedule::frequency).toList());
        assertEquals(day("2027-06-18"), offers.get(4).installments().getLast().due());
    }

    @ParameterizedTest(name = "{0} gives no offer: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            80.00    | BALANCE_TOO_SMALL
            99.99    | BALANCE_TOO_SMALL
            50000.01 | ABOVE_PLAN_LIMIT
            """)
    void balancesWithoutAPlanAreRefusedWithAReason(String balance, Reason reason) {
        PlanRefused refused = assertThrows(PlanRefused.class,
                () -> calculator.offers(usd(balance), day("2027-03-01"), rules().build()));

        assertEquals(reason, refused.reason());
    }

    @ParameterizedTest(name = "{0} installments of {1}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            7  | 400.00  | TERM_TOO_LONG
            13 | 2000.00 | TERM_TOO_LONG
            5  | 240.00  | BELOW_MINIMUM
            """)
    void aChosenTermOutsideTheRulesIsRefused(int count, String balance, Reason reason) {
        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.schedule(
                usd(balance), count, Frequency.MONTHLY, day("2027-03-01"), rules().build()));

        assertEquals(reason, refused.reason());
    }

    @Test
    void aFrequencyTheClientDoesNotOfferIsRefused() {
        PlanRules monthlyOnly = rules().frequencies(Frequency.MONTHLY).build();

        PlanRefused refused = assertThrows(PlanRefused.class, () -> calculator.schedule(
                usd("600.00"), 6, Frequency.BIWEEKLY, day("2027-03-01"), monthlyOnly));

        assertEquals(Reason.FREQUENCY_NOT_OFFERED, refused.reason());
    }

    @Test
    void aCustomOfferSetIsUsedInsteadOfTheDefault() {
        PlanCalculator quarterly = new PlanCalculator(List.of(4, 8));

        List<Schedule> offers = quarterly.offers(usd("1234.50"), day("2027-03-01"),
                rules().frequencies(Frequency.MONTHLY).build());

        assertEquals(List.of("4 x 308.62, last 308.64", "8 x 154.31, last 154.33",
                "12 x 102.87, last 102.93"), offers.stream().map(PlanFixtures::summary).toList());
    }
}
