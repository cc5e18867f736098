package org.parley.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One agreed version of a plan: the schedule with each installment's state, the client's rules
 * it was made under, what changed from the version before, the terms as the patient read them
 * and their yes. Only the latest version's installments are live; earlier ones stay as they
 * were when replaced, so a later change never rewrites what was agreed.
 *
 * @param number       1 for the plan as first agreed, then 2, 3, ...
 * @param change       empty for the first version, else the change that made this one
 * @param installments the down payment (number 0, when there is one) and each installment
 * @param skipped      for a skip, the installment of the version before that it deferred, as
 *                     numbered there; empty for any other version
 */
public record PlanVersion(int number, Instant at, Optional<PlanChange> change,
                          Schedule schedule, PlanRules rules, List<PlanInstallment> installments,
                          ShownTerms terms, Agreement agreement,
                          Optional<PlanInstallment> skipped) {

    public PlanVersion {
        installments = List.copyOf(installments);
        java.util.Objects.requireNonNull(skipped, "skipped");
    }

    /** A version whose installments are the schedule's, nothing paid yet. */
    static PlanVersion of(int number, Optional<PlanChange> change, Schedule schedule,
                          PlanRules rules, ShownTerms terms, Agreement agreement,
                          java.time.LocalDate agreedOn) {
        List<PlanInstallment> installments = new java.util.ArrayList<>();
        if (schedule.downPayment().signum() > 0) {
            installments.add(PlanInstallment.due(0, agreedOn, schedule.downPayment()));
        }
        schedule.installments().forEach(i ->
                installments.add(PlanInstallment.due(i.number(), i.due(), i.amount())));
        return new PlanVersion(number, agreement.at(), change, schedule, rules, installments,
                terms, agreement, Optional.empty());
    }

    /** What has been paid toward the installments of the schedule, the down payment aside. */
    public BigDecimal paidSoFar() {
        return installments.stream().filter(i -> i.number() > 0).map(PlanInstallment::paid)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
    }

    /** Whether nothing is left to pay: every installment is paid or skipped. */
    public boolean paidInFull() {
        return installments.stream().allMatch(i -> i.unpaid().signum() == 0);
    }

    PlanVersion withInstallments(List<PlanInstallment> next) {
        return new PlanVersion(number, at, change, schedule, rules, next, terms, agreement,
                skipped);
    }

    /** This version recording {@code deferred} as the installment its skip deferred. */
    PlanVersion skipping(PlanInstallment deferred) {
        return new PlanVersion(number, at, change, schedule, rules, installments, terms,
                agreement, Optional.of(deferred.with(PlanInstallment.State.SKIPPED)));
    }
}
