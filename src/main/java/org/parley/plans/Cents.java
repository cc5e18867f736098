package org.parley.plans;

import org.parley.plans.PlanRules.Remainder;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The cent arithmetic of plans: checking amounts and splitting a sum into installments. */
final class Cents {

    static final BigDecimal ONE_CENT = new BigDecimal("0.01");
    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(Integer.MAX_VALUE);

    private Cents() {
    }

    /** The amount at scale 2, refusing fractions of a cent and negative amounts. */
    static BigDecimal of(String name, BigDecimal value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is missing; pass an amount such as 25.00");
        }
        if (value.signum() < 0 || value.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException(name + " must be a whole number of cents, zero or "
                    + "more, such as 25.00; got " + value.toPlainString());
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** Like {@link #of} but also refusing zero. */
    static BigDecimal positive(String name, BigDecimal value) {
        BigDecimal cents = of(name, value);
        if (cents.signum() == 0) {
            throw new IllegalArgumentException(name + " must be more than zero, such as 25.00");
        }
        return cents;
    }

    /** The equal share of {@code total} over {@code count} installments, rounded down. */
    static BigDecimal base(BigDecimal total, int count) {
        return total.divide(BigDecimal.valueOf(count), 2, RoundingMode.DOWN);
    }

    /**
     * The fewest equal installments of {@code total} whose amount, rounded down to the cent as
     * {@link #split} makes it, is at most {@code each}. Asking for the amount a plan lists
     * ("12 payments of $80.66, the last $80.74") gives that plan; the cents left over by
     * rounding may put one installment a few cents above {@code each}.
     */
    static int countAtMost(BigDecimal total, BigDecimal each) {
        // base(total, n) <= each  <=>  totalCents / n < eachCents + 1
        BigDecimal totalCents = total.movePointRight(2);
        BigDecimal eachCents = each.movePointRight(2).setScale(0, RoundingMode.DOWN);
        return totalCents.divide(eachCents.add(BigDecimal.ONE), 0, RoundingMode.DOWN)
                .add(BigDecimal.ONE).min(MAX_COUNT).intValue();
    }

    /** The most installments, up to {@code maxCount}, that keep each at least {@code minimum}. */
    static int longestAtLeast(BigDecimal total, BigDecimal minimum, int maxCount) {
        int byMinimum = total.divide(minimum, 0, RoundingMode.DOWN).min(MAX_COUNT).intValue();
        return Math.max(1, Math.min(maxCount, byMinimum));
    }

    /** Whether {@code count} equal installments of {@code total} are each at least the minimum. */
    static boolean fits(BigDecimal total, int count, BigDecimal minimum) {
        return count == 1 || base(total, count).compareTo(minimum) >= 0;
    }

    /**
     * Splits {@code total} into {@code count} installments of the same amount in cents; the cents
     * left over by rounding down go on the first or the last installment.
     */
    static List<BigDecimal> split(BigDecimal total, int count, Remainder remainder) {
        if (count < 1 || BigDecimal.valueOf(count).multiply(ONE_CENT).compareTo(total) > 0) {
            throw new IllegalArgumentException("Cannot split " + total.toPlainString() + " into "
                    + count + " installments of at least 0.01; use between 1 and "
                    + total.movePointRight(2).toBigInteger() + " installments");
        }
        BigDecimal base = base(total, count);
        BigDecimal rest = total.subtract(base.multiply(BigDecimal.valueOf(count)));

        List<BigDecimal> amounts = new ArrayList<>(Collections.nCopies(count, base));
        int named = remainder == Remainder.FIRST ? 0 : count - 1;
        amounts.set(named, base.add(rest));
        return List.copyOf(amounts);
    }

    /** The sum of the amounts, at scale 2. */
    static BigDecimal sum(List<BigDecimal> amounts) {
        return amounts.stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }
}
