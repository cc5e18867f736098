package org.parley.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One installment of a stored plan version and where it stands. Number 0 is the down payment,
 * due the day the plan was agreed; the installments of the schedule run from 1.
 *
 * @param paid       how much of {@code amount} has been paid, 0.00 to {@code amount}
 * @param paymentIds the payments that paid toward it, oldest first
 */
public record PlanInstallment(int number, LocalDate due, BigDecimal amount, State state,
                              BigDecimal paid, List<String> paymentIds) {

    /** Where an installment stands. */
    public enum State {
        /** Not yet paid in full; it may be partly paid. */
        DUE,
        /** Paid in full. */
        PAID,
        /** Past its due date and grace days without being paid in full. */
        MISSED,
        /** Deferred by the patient's skip; a later installment replaced it. */
        SKIPPED;

        /** The lower-case name stored and shown in the API, such as {@code paid}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public PlanInstallment {
        if (number < 0) {
            throw new IllegalArgumentException("Installment number must be 0 (the down payment) "
                    + "or more; got " + number);
        }
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(state, "state");
        amount = Cents.positive("Installment " + number + " amount", amount);
        paid = Cents.of("Installment " + number + " paid", paid);
        if (paid.compareTo(amount) > 0) {
            throw new IllegalArgumentException("Installment " + number + " has "
                    + paid.toPlainString() + " paid on an amount of " + amount.toPlainString()
                    + "; apply the rest to the next installment");
        }
        paymentIds = List.copyOf(paymentIds);
    }

    /** A fresh installment: nothing paid yet. */
    static PlanInstallment due(int number, LocalDate due, BigDecimal amount) {
        return new PlanInstallment(number, due, amount, State.DUE, BigDecimal.ZERO, List.of());
    }

    /** What is still to pay on it; zero once paid or skipped. */
    public BigDecimal unpaid() {
        return state == State.PAID || state == State.SKIPPED
                ? BigDecimal.ZERO.setScale(2) : amount.subtract(paid);
    }

    /** Whether a payment can still go toward it: it is due or missed and not fully paid. */
    public boolean open() {
        return (state == State.DUE || state == State.MISSED) && unpaid().signum() > 0;
    }

    PlanInstallment with(State next) {
        return new PlanInstallment(number, due, amount, next, paid, paymentIds);
    }

    /** This installment with {@code applied} more paid by {@code paymentId}. */
    PlanInstallment pay(BigDecimal applied, String paymentId) {
        BigDecimal total = paid.add(applied);
        List<String> ids = new java.util.ArrayList<>(paymentIds);
        ids.add(paymentId);
        State next = total.compareTo(amount) == 0 ? State.PAID : state;
        return new PlanInstallment(number, due, amount, next, total, ids);
    }
}
