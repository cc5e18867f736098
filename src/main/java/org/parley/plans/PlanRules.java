package org.parley.plans;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One client's rules for payment plans: the smallest installment, the longest term by balance,
 * the down payment, the frequencies offered, and when installments count as missed.
 *
 * @param tiers the longest term by balance, sorted by {@code upTo}; a balance above the last
 *              tier's {@code upTo} is the client's plan limit and gets no plan
 * @param firstPaymentWithinDays how many days after the agreement the first installment may fall
 * @param graceDays how many days after its due date an unpaid installment still is not missed
 * @param missesToBreak how many missed installments break a plan
 * @param remainder which installment carries the cents left over when a split is not even
 * @param skipsAllowed how many payments a patient may skip over the life of one plan
 */
public record PlanRules(BigDecimal minimumInstallment, List<Tier> tiers, DownPayment downPayment,
                        Set<Frequency> frequencies, int firstPaymentWithinDays, int graceDays,
                        int missesToBreak, Remainder remainder, int skipsAllowed) {

    /** Which installment carries the rounding remainder. */
    public enum Remainder { FIRST, LAST }

    /**
     * A balance tier: balances up to and including {@code upTo} may be spread over at most
     * {@code maxMonths} months.
     */
    public record Tier(BigDecimal upTo, int maxMonths) {
        public Tier {
            upTo = Cents.positive("Tier upTo", upTo);
            if (maxMonths < 1 || maxMonths > 120) {
                throw new IllegalArgumentException("Tier maxMonths must be between 1 and 120; got "
                        + maxMonths + " for balances up to " + upTo.toPlainString());
            }
        }
    }

    /**
     * What the patient pays when the plan is agreed: {@code percent} of the balance rounded half
     * up to the cent, but never less than {@code minimum}.
     */
    public record DownPayment(BigDecimal percent, BigDecimal minimum) {

        /** No down payment at all. */
        public static final DownPayment NONE = new DownPayment(BigDecimal.ZERO, BigDecimal.ZERO);

        public DownPayment {
            if (percent == null || percent.signum() < 0 || percent.compareTo(HUNDRED) >= 0) {
                throw new IllegalArgumentException("Down payment percent must be at least 0 and "
                        + "below 100, such as 10; got " + percent);
            }
            minimum = Cents.of("Down payment minimum", minimum);
        }

        /** The down payment on {@code balance}; it may reach the balance itself. */
        public BigDecimal amount(BigDecimal balance) {
            BigDecimal share = balance.multiply(percent)
                    .divide(HUNDRED, 2, RoundingMode.HALF_UP);
            return share.max(minimum).min(balance);
        }
    }

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public PlanRules {
        minimumInstallment = Cents.positive("minimumInstallment", minimumInstallment);
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("tiers is empty; give at least one, such as "
                    + "new Tier(new BigDecimal(\"5000.00\"), 12)");
        }
        for (int i = 1; i < tiers.size(); i++) {
            if (tiers.get(i).upTo().compareTo(tiers.get(i - 1).upTo()) <= 0) {
                throw new IllegalArgumentException("tiers must be sorted by upTo, each higher than "
                        + "the one before; got " + tiers.get(i - 1).upTo().toPlainString()
                        + " then " + tiers.get(i).upTo().toPlainString());
            }
        }
        if (downPayment == null) {
            throw new IllegalArgumentException("downPayment is missing; use DownPayment.NONE");
        }
        if (frequencies.isEmpty()) {
            throw new IllegalArgumentException("frequencies is empty; offer at least MONTHLY");
        }
        frequencies = Set.copyOf(EnumSet.copyOf(frequencies));
        atLeast("firstPaymentWithinDays", firstPaymentWithinDays, 0);
        atLeast("graceDays", graceDays, 0);
        atLeast("missesToBreak", missesToBreak, 1);
        atLeast("skipsAllowed", skipsAllowed, 0);
        if (remainder == null) {
            throw new IllegalArgumentException("remainder is missing; use Remainder.LAST");
        }
    }

    private static void atLeast(String name, int value, int least) {
        if (value < least) {
            throw new IllegalArgumentException(name + " must be at least " + least + "; got "
                    + value);
        }
    }

    /**
     * Rules with the given minimum and tiers and these defaults: no down payment, monthly only,
     * first payment within 30 days, 10 grace days, broken at 2 misses, remainder on the last
     * installment, no skips.
     */
    public static Builder builder(BigDecimal minimumInstallment, List<Tier> tiers) {
        return new Builder(minimumInstallment, tiers);
    }

    /** Collects the rules one option at a time; {@link #build()} validates them. */
    public static final class Builder {
        private final BigDecimal minimumInstallment;
        private final List<Tier> tiers;
        private DownPayment downPayment = DownPayment.NONE;
        private Set<Frequency> frequencies = Set.of(Frequency.MONTHLY);
        private int firstPaymentWithinDays = 30;
        private int graceDays = 10;
        private int missesToBreak = 2;
        private Remainder remainder = Remainder.LAST;
        private int skipsAllowed;

        private Builder(BigDecimal minimumInstallment, List<Tier> tiers) {
            this.minimumInstallment = minimumInstallment;
            this.tiers = tiers;
        }

        public Builder downPayment(DownPayment downPayment) {
            this.downPayment = downPayment;
            return this;
        }

        public Builder frequencies(Frequency... frequencies) {
            this.frequencies = Set.of(frequencies);
            return this;
        }

        public Builder firstPaymentWithinDays(int days) {
            this.firstPaymentWithinDays = days;
            return this;
        }

        public Builder graceDays(int days) {
            this.graceDays = days;
            return this;
        }

        public Builder missesToBreak(int misses) {
            this.missesToBreak = misses;
            return this;
        }

        public Builder remainder(Remainder remainder) {
            this.remainder = remainder;
            return this;
        }

        public Builder skipsAllowed(int skips) {
            this.skipsAllowed = skips;
            return this;
        }

        public PlanRules build() {
            return new PlanRules(minimumInstallment, tiers, downPayment, frequencies,
                    firstPaymentWithinDays, graceDays, missesToBreak, remainder, skipsAllowed);
        }
    }

    /** The longest term in months for {@code balance}; empty above the client's plan limit. */
    public OptionalInt maxMonths(BigDecimal balance) {
        return tiers.stream()
                .filter(t -> balance.compareTo(t.upTo()) <= 0)
                .mapToInt(Tier::maxMonths)
                .findFirst();
    }

    /** The latest first due date a plan agreed on {@code today} may have. */
    public LocalDate latestFirstDue(LocalDate today) {
        return today.plusDays(firstPaymentWithinDays);
    }

    /** Whether an installment due on {@code due} and still unpaid on {@code today} is missed. */
    public boolean missed(LocalDate due, LocalDate today) {
        return today.isAfter(due.plusDays(graceDays));
    }

    /** Whether {@code misses} missed installments break a plan. */
    public boolean breaks(int misses) {
        return misses >= missesToBreak;
    }
}
