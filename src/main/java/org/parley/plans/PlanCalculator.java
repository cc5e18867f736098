package org.parley.plans;

import org.parley.plans.PlanChange.MoveDay;
import org.parley.plans.PlanChange.NewAmount;
import org.parley.plans.PlanChange.NewTerm;
import org.parley.plans.PlanChange.Skip;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The arithmetic of payment plans: the options a client's rules allow for a balance, the check
 * of a plan the patient proposes, and re-amortising a running plan after a change.
 *
 * <p>Installments of one plan are equal in cents; the cents left over go on the installment the
 * rules name. The term limit counts installments: a term of 12 months is 12 monthly or 26
 * biweekly installments. Dates are passed in; nothing here reads a clock.
 */
public final class PlanCalculator {

    /** The terms in months offered when they fit, besides the longest that fits. */
    public static final List<Integer> OFFER_MONTHS = List.of(3, 6, 12, 18, 24);

    private final List<Integer> offerMonths;

    public PlanCalculator() {
        this(OFFER_MONTHS);
    }

    /** A calculator that offers the given terms in months, when they fit. */
    public PlanCalculator(List<Integer> offerMonths) {
        if (offerMonths.isEmpty() || offerMonths.stream().anyMatch(m -> m < 1)) {
            throw new IllegalArgumentException("offerMonths must list terms of 1 month or more, "
                    + "such as [3, 6, 12]; got " + offerMonths);
        }
        this.offerMonths = List.copyOf(offerMonths);
    }

    /**
     * The plans that fit: for each frequency the client offers, the offered terms within the
     * balance's tier whose installments reach the minimum, and the longest term that fits, from
     * the fewest installments to the most; monthly plans first.
     *
     * @throws PlanRefused when no plan of two or more installments fits the balance
     */
    public List<Schedule> offers(BigDecimal balance, LocalDate firstDue, PlanRules rules) {
        Terms terms = terms(balance, rules);

        List<Schedule> offers = new ArrayList<>();
        for (Frequency frequency : Frequency.values()) {
            if (!rules.frequencies().contains(frequency)) {
                continue;
            }
            int longest = terms.longest(frequency, rules);
            TreeSet<Integer> counts = new TreeSet<>();
            for (int months : offerMonths) {
                counts.add(frequency.installmentsIn(months));
            }
            counts.add(longest);
            counts.removeIf(count -> count < 2 || count > longest);
            for (int count : counts) {
                offers.add(terms.schedule(count, frequency, firstDue, rules));
            }
        }
        if (offers.isEmpty()) {
            throw new PlanRefused(Reason.BALANCE_TOO_SMALL, "A balance of "
                    + balance.toPlainString() + " cannot be split into two installments of at "
                    + "least " + rules.minimumInstallment().toPlainString()
                    + "; ask for the whole balance");
        }
        return List.copyOf(offers);
    }

    /**
     * The plan with exactly {@code count} installments, when the rules allow it.
     *
     * @throws PlanRefused when the frequency is not offered, the term is too long for the
     *                     balance, or the installments would fall below the minimum
     */
    public Schedule schedule(BigDecimal balance, int count, Frequency frequency,
                             LocalDate firstDue, PlanRules rules) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be 1 or more; got " + count);
        }
        Terms terms = terms(balance, rules);
        if (!rules.frequencies().contains(frequency)) {
            throw new PlanRefused(Reason.FREQUENCY_NOT_OFFERED, frequency
                    + " plans are not offered; offer one of " + rules.frequencies());
        }
        int most = frequency.installmentsIn(terms.maxMonths());
        if (count > most) {
            throw new PlanRefused(Reason.TERM_TOO_LONG, count + " installments are more than the "
                    + most + " allowed for a balance of " + balance.toPlainString());
        }
        if (!Cents.fits(terms.financed(), count, rules.minimumInstallment())) {
            throw new PlanRefused(Reason.BELOW_MINIMUM, count + " installments of "
                    + terms.financed().toPlainString() + " fall below the minimum "
                    + rules.minimumInstallment().toPlainString() + "; offer at most "
                    + terms.longest(frequency, rules));
        }
        return terms.schedule(count, frequency, firstDue, rules);
    }

    /**
     * Checks a plan of {@code proposedAmount} per installment: it is accepted as the fewest
     * equal installments of at most that amount, or countered with the closest plan that fits.
     * A frequency the client does not offer is countered on the first one it does.
     *
     * @throws PlanRefused when the balance gets no plan at all
     */
    public Proposal check(BigDecimal balance, BigDecimal proposedAmount, Frequency frequency,
                          LocalDate firstDue, PlanRules rules) {
        BigDecimal proposed = Cents.positive("proposedAmount", proposedAmount);
        Terms terms = terms(balance, rules);
        if (!rules.frequencies().contains(frequency)) {
            Frequency offered = Arrays.stream(Frequency.values())
                    .filter(rules.frequencies()::contains)
                    .findFirst().orElseThrow();
            Schedule closest = check(balance, proposed, offered, firstDue, rules).schedule();
            return Proposal.counter(Reason.FREQUENCY_NOT_OFFERED, closest);
        }

        BigDecimal financed = terms.financed();
        BigDecimal minimum = rules.minimumInstallment();
        if (proposed.compareTo(minimum) < 0 && proposed.compareTo(financed) < 0) {
            int count = terms.longest(frequency, rules);
            return Proposal.counter(Reason.BELOW_MINIMUM,
                    terms.schedule(count, frequency, firstDue, rules));
        }

        int count = Cents.countAtMost(financed, proposed);
        int most = frequency.installmentsIn(terms.maxMonths());
        if (count > most) {
            return Proposal.counter(Reason.TERM_TOO_LONG,
                    terms.schedule(most, frequency, firstDue, rules));
        }
        // Equal shares can dip below the minimum when the amount is close to it: one fewer fits.
        if (!Cents.fits(financed, count, minimum)) {
            return Proposal.counter(Reason.BELOW_MINIMUM,
                    terms.schedule(count - 1, frequency, firstDue, rules));
        }
        return Proposal.accepted(terms.schedule(count, frequency, firstDue, rules));
    }

    /**
     * Re-amortises a running plan on {@code asOf}, after {@code paidSoFar} was paid toward its
     * amount financed. The result finances what is left, numbered from 1, on the same calendar
     * unless the day moves. A change is held to the rules as if what is left were a new balance.
     *
     * <p>A skip defers the next payment to the end: that payment and every later one fall one
     * period later with their amounts unchanged, so the patient never pays more per installment
     * for having skipped; the plan gets one period longer. A skip is refused while payments
     * already due are unpaid. When what is left differs from the installments not yet due, a day
     * move or a skip splits what is left evenly over as many installments.
     *
     * @throws PlanRefused when the rules do not allow the change
     */
    public Schedule reamortize(Schedule current, LocalDate asOf, BigDecimal paidSoFar,
                               PlanChange change, PlanRules rules) {
        Reamortization plan = Reamortization.of(current, asOf, paidSoFar, rules);
        return switch (change) {
            case MoveDay move -> plan.moveDay(move.dayOfMonth());
            case NewAmount amount -> plan.newAmount(amount.installment());
            case NewTerm term -> plan.newTerm(term.installments());
            case Skip skip -> plan.skip();
        };
    }

    /** The resolved terms of a plan on a balance: down payment, amount financed, longest term. */
    record Terms(BigDecimal downPayment, BigDecimal financed, int maxMonths) {

        /** The most installments of this frequency that the tier and the minimum allow. */
        int longest(Frequency frequency, PlanRules rules) {
            return Cents.longestAtLeast(financed, rules.minimumInstallment(),
                    frequency.installmentsIn(maxMonths));
        }

        Schedule schedule(int count, Frequency frequency, LocalDate firstDue, PlanRules rules) {
            List<BigDecimal> amounts = Cents.split(financed, count, rules.remainder());
            return Schedule.of(downPayment, frequency, firstDue, 0, amounts, 0);
        }
    }

    /** The down payment, amount financed and longest term of a plan on {@code balance}. */
    static Terms terms(BigDecimal balance, PlanRules rules) {
        BigDecimal owed = Cents.positive("balance", balance);
        int maxMonths = rules.maxMonths(owed).orElseThrow(() -> new PlanRefused(
                Reason.ABOVE_PLAN_LIMIT, "A balance of " + owed.toPlainString() + " is above "
                + "the plan limit of " + rules.tiers().getLast().upTo().toPlainString()
                + "; hand the patient to the billing office"));

        BigDecimal down = rules.downPayment().amount(owed);
        if (down.compareTo(owed) >= 0) {
            throw new PlanRefused(Reason.DOWN_PAYMENT_COVERS_BALANCE, "The down payment of "
                    + down.toPlainString() + " covers the whole balance of "
                    + owed.toPlainString() + "; ask for the whole balance");
        }
        return new Terms(down, owed.subtract(down), maxMonths);
    }
}
