package org.parley.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A payment plan of one account, with every version the patient agreed to, the payments applied
 * and how its status changed. An account has at most one active plan.
 *
 * @param version  the optimistic-lock version of the stored document, raised by every write
 * @param versions the agreed versions, oldest first; the last one is in force
 * @param misses   how many installments were marked missed over the plan's life
 */
public record Plan(String id, String clientId, String account, Status status, long version,
                   List<PlanVersion> versions, List<PlanPayment> payments, int misses,
                   List<StatusChange> statusChanges, Instant createdAt, Instant updatedAt) {

    /** Where a plan stands. */
    public enum Status {
        /** Agreed and running. */
        ACTIVE,
        /** Every installment paid. */
        COMPLETED,
        /** Too many missed installments: the client's collection rules apply again. */
        BROKEN,
        /** Cancelled by the patient (or for them by the client). */
        CANCELLED;

        /** The lower-case name stored and shown in the API, such as {@code active}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A status the plan moved to, when and why.
     *
     * @param reason    a stable code such as {@code paid_in_full}, {@code missed_payments}
     * @param agreement the patient's yes when they asked for it (a cancellation by message)
     */
    public record StatusChange(Status status, Instant at, String reason,
                               Optional<Agreement> agreement) {
    }

    public Plan {
        versions = List.copyOf(versions);
        payments = List.copyOf(payments);
        statusChanges = List.copyOf(statusChanges);
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("A plan needs at least its first version");
        }
    }

    /** The version in force. */
    public PlanVersion current() {
        return versions.getLast();
    }

    /** The schedule in force. */
    public Schedule schedule() {
        return current().schedule();
    }

    /** The client's rules the version in force was agreed under. */
    public PlanRules rules() {
        return current().rules();
    }

    /** The installments in force with their states, the down payment (number 0) first. */
    public List<PlanInstallment> installments() {
        return current().installments();
    }

    /** What has been paid toward the schedule in force, the down payment aside. */
    public BigDecimal paidSoFar() {
        return current().paidSoFar();
    }

    /** The earliest installment still due (not paid, missed or skipped), if any. */
    public Optional<PlanInstallment> nextDue() {
        return installments().stream()
                .filter(i -> i.state() == PlanInstallment.State.DUE)
                .findFirst();
    }

    /** The installments due on or before {@code day} that are not paid in full. */
    public List<PlanInstallment> unpaidBy(LocalDate day) {
        return installments().stream().filter(PlanInstallment::open)
                .filter(i -> !i.due().isAfter(day)).toList();
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }
}
