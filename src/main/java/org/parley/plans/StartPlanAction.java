package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts setting up a plan for the verified patient: a patient who has one goes on to change
 * it; otherwise the plans that fit are listed, or what the patient already asked for ("I can do
 * $75 a month") is answered at once. Requests to change a plan arrive here too: with no plan to
 * change ("cancel my plan"), the patient is told so before the plans are listed.
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
        return Set.of("has_plan", "offers", "no_plan", "proposed", "adjusted", "countered",
                "nothing_due", "no_rules", "refused");
    }

    @Override
    public String run(Turn turn) {
        if (desk.active(turn).isPresent()) {
            return "has_plan";
        }
        PlanDraft.drop(turn.slots());
        turn.slots().remove(PlanDesk.LISTING);
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
        Optional<PlanRequest> asked = desk.phrases.setUp(turn.text(), turn.language(),
                offers.size(), true);
        if (asked.isPresent()) {
            String outcome = setUp.answer(turn, s, asked.get(), offers);
            if (!outcome.equals("not_understood") && !outcome.equals("listed")) {
                return outcome;
            }
        }
        setUp.list(turn, s, offers);
        // "Cancel my plan" with no plan to cancel: say so before the plans that fit.
        boolean aboutAPlan = desk.phrases.change(turn.text(), turn.language(), true)
                .filter(r -> !(r instanceof PlanRequest.Amount || r instanceof PlanRequest.Term))
                .isPresent();
        return aboutAPlan ? "no_plan" : "offers";
    }
}
