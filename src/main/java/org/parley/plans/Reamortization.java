package org.parley.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A running plan seen on one day: what is left to pay, the installments not yet due, and the
 * calendar period the next one falls on; each change builds the plan that replaces it.
 */
final class Reamortization {

    private final Schedule current;
    private final LocalDate asOf;
    private final BigDecimal left;
    private final List<Schedule.Installment> upcoming;
    private final int nextPeriod;
    private final PlanRules rules;

    private Reamortization(Schedule current, LocalDate asOf, BigDecimal left,
                           List<Schedule.Installment> upcoming, int nextPeriod,
                           PlanRules rules) {
        this.current = current;
        this.asOf = asOf;
        this.left = left;
        this.upcoming = upcoming;
        this.nextPeriod = nextPeriod;
        this.rules = rules;
    }

    static Reamortization of(Schedule current, LocalDate asOf, BigDecimal paidSoFar,
                             PlanRules rules) {
        BigDecimal paid = Cents.of("paidSoFar", paidSoFar);
        BigDecimal left = current.amountFinanced().subtract(paid);
        if (left.signum() <= 0) {
            throw new PlanRefused(Reason.NOTHING_LEFT, paid.toPlainString() + " paid covers the "
                    + current.amountFinanced().toPlainString() + " financed; close the plan");
        }

        // Installments due before asOf are past, paid or not; their shortfall is in what is left.
        List<Schedule.Installment> upcoming = current.installments().stream()
                .filter(i -> !i.due().isBefore(asOf))
                .toList();
        Frequency frequency = current.frequency();
        int nextPeriod = upcoming.isEmpty()
                ? frequency.periodOnOrAfter(current.start(), asOf)
                : frequency.periodOnOrAfter(current.start(), upcoming.getFirst().due());
        return new Reamortization(current, asOf, left, upcoming, nextPeriod, rules);
    }

    Schedule moveDay(int dayOfMonth) {
        if (current.frequency() != Frequency.MONTHLY) {
            throw new PlanRefused(Reason.DAY_MOVE_NEEDS_MONTHLY, "Only a monthly plan has a day "
                    + "of the month to move; this plan is " + current.frequency());
        }
        requireUpcoming("move the payment day");

        // The next installment keeps its month unless the new day there has already passed.
        LocalDate start = upcoming.getFirst().due().withDayOfMonth(dayOfMonth);
        if (start.isBefore(asOf)) {
            start = start.plusMonths(1);
        }
        return Schedule.of(BigDecimal.ZERO, Frequency.MONTHLY, start, 0, keptAmounts(),
                current.skipsUsed());
    }

    Schedule newAmount(BigDecimal installment) {
        BigDecimal minimum = rules.minimumInstallment();
        if (installment.compareTo(minimum) < 0 && installment.compareTo(left) < 0) {
            throw new PlanRefused(Reason.BELOW_MINIMUM, "An installment of "
                    + installment.toPlainString() + " is below the minimum "
                    + minimum.toPlainString() + "; offer at least that");
        }
        return newTerm(Cents.countAtMost(left, installment));
    }

    Schedule newTerm(int count) {
        int most = current.frequency().installmentsIn(maxMonths());
        if (count > most) {
            throw new PlanRefused(Reason.TERM_TOO_LONG, count + " installments are more than the "
                    + most + " allowed for the " + left.toPlainString() + " left");
        }
        if (!Cents.fits(left, count, rules.minimumInstallment())) {
            throw new PlanRefused(Reason.BELOW_MINIMUM, count + " installments of the "
                    + left.toPlainString() + " left fall below the minimum "
                    + rules.minimumInstallment().toPlainString() + "; offer at most "
                    + Cents.longestAtLeast(left, rules.minimumInstallment(), most));
        }
        List<BigDecimal> amounts = Cents.split(left, count, rules.remainder());
        return Schedule.of(BigDecimal.ZERO, current.frequency(), current.start(), nextPeriod,
                amounts, current.skipsUsed());
    }

    Schedule skip() {
        if (rules.skipsAllowed() == 0) {
            throw new PlanRefused(Reason.SKIP_NOT_ALLOWED, "The client allows no skipped "
                    + "payments; offer a new amount or term instead");
        }
        if (current.skipsUsed() >= rules.skipsAllowed()) {
            throw new PlanRefused(Reason.SKIPS_USED_UP, "This plan has used "
                    + current.skipsUsed() + " of " + rules.skipsAllowed() + " skips allowed; "
                    + "offer a new amount or term instead");
        }
        requireUpcoming("skip a payment");
        if (left.compareTo(upcomingSum()) > 0) {
            throw new PlanRefused(Reason.PLAN_BEHIND, left.subtract(upcomingSum()).toPlainString()
                    + " already due is unpaid; bring the plan up to date before a skip");
        }

        return Schedule.of(BigDecimal.ZERO, current.frequency(), current.start(), nextPeriod + 1,
                keptAmounts(), current.skipsUsed() + 1);
    }

    /** The longest term for what is left, as for a new balance. */
    private int maxMonths() {
        return rules.maxMonths(left).orElseThrow(() -> new PlanRefused(Reason.ABOVE_PLAN_LIMIT,
                "The " + left.toPlainString() + " left is above the plan limit of "
                        + rules.tiers().getLast().upTo().toPlainString()
                        + "; hand the patient to the billing office"));
    }

    private void requireUpcoming(String what) {
        if (upcoming.isEmpty()) {
            throw new PlanRefused(Reason.NO_INSTALLMENT_LEFT, "Every installment was due by "
                    + asOf + ", so there is none left to " + what + "; offer a new term instead");
        }
    }

    private BigDecimal upcomingSum() {
        return Cents.sum(upcoming.stream().map(Schedule.Installment::amount).toList());
    }

    /**
     * The upcoming amounts as they stand when they pay exactly what is left; otherwise what is
     * left split evenly over as many installments, so a plan paid ahead pays less each time.
     */
    private List<BigDecimal> keptAmounts() {
        if (upcomingSum().compareTo(left) == 0) {
            return upcoming.stream().map(Schedule.Installment::amount).toList();
        }
        long cents = left.movePointRight(2).longValueExact();
        int count = (int) Math.min(upcoming.size(), cents);
        return Cents.split(left, count, rules.remainder());
    }
}
