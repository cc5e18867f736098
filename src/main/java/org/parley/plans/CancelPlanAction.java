package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/** Takes the patient's answer to cancelling their plan: only a yes cancels it. */
final class CancelPlanAction implements Action {

    /** The message that asks; what was shown is read back from it. */
    static final String CANCEL_KEY = "plans.cancel_terms";

    private final PlanDesk desk;

    CancelPlanAction(PlanDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "plan_cancel";
    }

    @Override
    public Set<String> outcomes() {
        // card_number is never returned by run: the engine follows it for a typed card number.
        return Set.of("cancelled", "declined", "stale", "not_understood", "card_number");
    }

    @Override
    public String run(Turn turn) {
        Optional<Boolean> yes = desk.yesNo(turn);
        if (yes.isEmpty()) {
            return "not_understood";
        }
        String asked = turn.slots().remove(PlanChanging.CANCEL);
        if (!yes.get()) {
            return "declined";
        }
        Optional<Plan> plan = desk.active(turn);
        Optional<PlanTranscript.Shown> shown = desk.transcript.shown(turn.conversationId(),
                CANCEL_KEY);
        if (plan.isEmpty() || shown.isEmpty()
                || !Long.toString(plan.get().version()).equals(asked)) {
            return "stale";
        }
        try {
            desk.plans.cancel(plan.get(), new Agreement(turn.conversationId(), turn.channel(),
                    shown.get().seq(), shown.get().answer(), shown.get().at()));
        } catch (PlanConflict e) {
            return "stale";
        }
        desk.audit(turn, "plan_cancelled");
        return "cancelled";
    }
}
