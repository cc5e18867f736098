package org.parley.plans;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.plans.PlanChange.NewTerm;
import org.parley.plans.PlanRules.DownPayment;
import org.parley.plans.PlanRules.Remainder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.plans.PlanFixtures.anySplit;
import static org.parley.plans.PlanFixtures.day;
import static org.parley.plans.PlanFixtures.usd;

class PlanSplitPropertyTest {

    private static final BigDecimal CENT = usd("0.01");

    private final PlanCalculator calculator = new PlanCalculator();

    /** Edge balances, then random ones from one cent to 100,000.00 from a fixed seed. */
    private static List<BigDecimal> balances() {
        List<BigDecimal> balances = new ArrayList<>();
        for (String edge : List.of("0.01", "0.59", "1.00", "99.99", "100.00", "1000.00",
                "1234.56", "99999.99")) {
            balances.add(usd(edge));
        }
        Random random = new Random(20270131L);
        for (int i = 0; i < 300; i++) {
            balances.add(BigDecimal.valueOf(1 + random.nextLong(10_000_000L), 2));
        }
        return balances;
    }

    @ParameterizedTest(name = "remainder {0}")
    @EnumSource(Remainder.class)
    void everySplitAddsUpExactlyAndOnlyTheNamedInstallmentDiffers(Remainder remainder) {
        PlanRules rules = anySplit().remainder(remainder).build();
        int checked = 0;

        for (BigDecimal balance : balances()) {
            long cents = balance.movePointRight(2).longValueExact();
            for (int count = 1; count <= Math.min(60, cents); count++) {
                Schedule schedule = calculator.schedule(balance, count, Frequency.MONTHLY,
                        day("2027-01-31"), rules);

                assertSplit(balance, count, remainder, schedule.amounts());
                checked++;
            }
        }
        assertTrue(checked > 15_000, "checked " + checked);
    }

    @Test
    void aDownPaymentAndTheInstallmentsAddUpToTheBalance() {
        PlanRules rules = anySplit().frequencies(Frequency.BIWEEKLY)
                .downPayment(new DownPayment(usd("12.5"), usd("25.00"))).build();

        for (BigDecimal balance : balances()) {
            if (balance.compareTo(usd("30.00")) < 0) {
                continue;
            }
            for (int count : List.of(2, 5, 13, 26, 52)) {
                Schedule schedule = calculator.schedule(balance, count, Frequency.BIWEEKLY,
                        day("2027-01-01"), rules);

                assertEquals(balance, schedule.downPayment().add(schedule.amountFinanced()));
                assertEquals(balance, schedule.total());
                assertSplit(schedule.amountFinanced(), count, Remainder.LAST,
                        schedule.amounts());
            }
        }
    }

    @Test
    void aReamortisedPlanAddsUpExactlyToWhatIsLeft() {
        PlanRules rules = anySplit().build();
        Random random = new Random(7L);

        for (BigDecimal balance : balances()) {
            if (balance.compareTo(usd("100.00")) < 0) {
                continue;
            }
            Schedule plan = calculator.schedule(balance, 12, Frequency.MONTHLY,
                    day("2027-01-31"), rules);
            BigDecimal paid = plan.amounts().get(0).add(plan.amounts().get(1));
            int count = 1 + random.nextInt(24);

            Schedule changed = calculator.reamortize(plan, day("2027-03-01"), paid,
                    new NewTerm(count), rules);

            assertEquals(balance.subtract(paid), changed.amountFinanced());
            assertSplit(balance.subtract(paid), count, Remainder.LAST, changed.amounts());
            assertEquals(day("2027-03-31"), changed.installments().getFirst().due());
        }
    }

    @Test
    void monthlyDatesFallOnTheStartDayOrTheMonthsLastDay() {
        PlanRules rules = anySplit().build();

        for (LocalDate start = day("2027-01-01"); start.isBefore(day("2029-01-01"));
             start = start.plusDays(1)) {
            Schedule schedule = calculator.schedule(usd("2400.00"), 24, Frequency.MONTHLY,
                    start, rules);

            for (Schedule.Installment installment : schedule.installments()) {
                LocalDate due = installment.due();
                int months = installment.number() - 1;
                assertEquals(start.getYear() * 12 + start.getMonthValue() - 1 + months,
                        due.getYear() * 12 + due.getMonthValue() - 1, "month of " + due);
                assertEquals(Math.min(start.getDayOfMonth(), due.lengthOfMonth()),
                        due.getDayOfMonth(), "day of " + due + " from " + start);
            }
        }
    }

    /** The amounts sum to the total; all but the named one are equal and within one cent. */
    private static void assertSplit(BigDecimal total, int count, Remainder remainder,
                                    List<BigDecimal> amounts) {
        assertEquals(count, amounts.size());
        assertEquals(total, amounts.stream().reduce(usd("0.00"), BigDecimal::add),
                "sum of " + count + " installments of " + total);

        int named = remainder == Remainder.FIRST ? 0 : count - 1;
        BigDecimal base = amounts.get(count == 1 ? 0 : (named == 0 ? 1 : 0));
        BigDecimal rest = amounts.get(named).subtract(base);
        assertTrue(rest.signum() >= 0 && rest.compareTo(CENT.multiply(
                BigDecimal.valueOf(count))) < 0, "remainder " + rest + " on " + total);
        for (BigDecimal amount : amounts) {
            assertTrue(amount.subtract(base).abs().compareTo(CENT.add(rest)) <= 0,
                    amount + " differs from " + base + " by more than a cent plus " + rest);
            assertTrue(amount.signum() > 0 && amount.scale() == 2, "amount " + amount);
        }
        for (int i = 0; i < count; i++) {
            if (i != named) {
                assertEquals(base, amounts.get(i), "installment " + (i + 1) + " of " + total);
            }
        }
    }
}
