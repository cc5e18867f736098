package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts setting up a plan for the verified patient: a patient who has one goes on to change
 * it; otherwise the plans that fit are listed, or what the patient asked for ("I can do $75 a
 * month", in this message or before verifying) is answered at once. Requests to change a plan
 * arrive here too: with no plan to cancel, the patient is told so and asked whether to set one
 * up; with no plan to change ("move my payment to the 15th"), they are told so before the
 * plans are listed.
 */
final class StartPlanAction implements Action {

    private final PlanDesk desk;
    private final PlanSetUp setUp;

    StartPlanAction(PlanDesk desk, PlanSetUp setUp) {
        this.desk = desk;
        this.setUp = setUp;
    }

    @Override
    public String name() {
        return "plan_start";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("has_plan", "offers", "no_plan", "nothing_to_cancel", "proposed",
                "adjusted", "countered", "bad_amount", "nothing_due", "no_rules", "refused");
    }

    @Override
    public String run(Turn turn) {
        // A request remembered before verification is for the change flow when there is a plan.
        if (desk.active(turn).isPresent()) {
            return "has_plan";
        }
        PlanDraft.drop(turn.slots());
        turn.slots().remove(PlanDesk.LISTING);
        Optional<PlanRequest> asked = desk.asked(turn);
        if (asked.filter(PlanRequest.Cancel.class::isInstance).isPresent()) {
            return "nothing_to_cancel";
        }
        Optional<PlanSetUp.Situation> found = setUp.situation(turn);
        if (found.isEmpty()) {
            return "no_rules";
        }
        PlanSetUp.Situation s = found.get();
        if (s.balance().signum() <= 0) {
            return "nothing_due";
        }

        List<Schedule> offers;
        try {
            offers = s.offers(desk);
        } catch (PlanRefused refused) {
            desk.audit(turn, PlanSetUp.BALANCE_DISCLOSED);
            turn.put("reason", refused.reason().code());
            turn.put("balance", s.balance());
            return "refused";
        }
        boolean change = asked.filter(r -> r instanceof PlanRequest.Day
                || r instanceof PlanRequest.SkipNext).isPresent();
        if (asked.isPresent() && !change) {
            String outcome = setUp.answer(turn, s, asked.get(), offers);
            if (outcome.equals("bad_amount")) {
                setUp.list(turn, s, offers);
                return outcome;
            }
            if (!outcome.equals("not_understood") && !outcome.equals("listed")) {
                return outcome;
            }
        }
        setUp.list(turn, s, offers);
        // "Move my payment to the 15th" with no plan to change: say so before the plans.
        return change ? "no_plan" : "offers";
    }
}
