package org.parley.plans;

import java.util.List;

/** Stored plans told in short, so that a test compares a plan's whole history on one line each. */
final class PlanStories {

    private PlanStories() {
    }

    /**
     * Each version as "1 agreed: 12 x 102.87, last 102.93, 2027-01-03 to 2027-12-03", then
     * "2 move_day 15: ...", "3 new_amount 200.00: ...".
     */
    static List<String> versions(Plan plan) {
        return plan.versions().stream().map(PlanStories::version).toList();
    }

    static String version(PlanVersion v) {
        String change = v.change().map(PlanStories::change).orElse("agreed");
        Schedule s = v.schedule();
        return v.number() + " " + change + ": " + PlanFixtures.summary(s) + ", "
                + s.dueDates().getFirst() + " to " + s.dueDates().getLast();
    }

    static String change(PlanChange change) {
        return switch (change) {
            case PlanChange.MoveDay m -> "move_day " + m.dayOfMonth();
            case PlanChange.NewAmount a -> "new_amount " + a.installment().toPlainString();
            case PlanChange.NewTerm t -> "new_term " + t.installments();
            case PlanChange.Skip s -> "skip";
        };
    }

    /** The yes of a version as "channel seq text". */
    static String yes(Agreement agreement) {
        return agreement.channel() + " " + agreement.seq() + " " + agreement.text();
    }
}
