package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/**
 * Starts changing the verified patient's plan: what they asked for in the same message ("move
 * my payment to the 15th") is answered at once; otherwise they are shown where the plan stands
 * and asked what to change. A patient with no plan goes on to set one up.
 */
final class StartPlanChangeAction implements Action {

    private final PlanDesk desk;
    private final PlanChanging changing;

    StartPlanChangeAction(PlanDesk desk, PlanChanging changing) {
        this.desk = desk;
        this.changing = changing;
    }

    @Override
    public String name() {
        return "plan_change_start";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("no_plan", "ask", "proposed", "adjusted", "refused", "cancel");
    }

    @Override
    public String run(Turn turn) {
        PlanDraft.drop(turn.slots());
        turn.slots().remove(PlanChanging.CANCEL);
        Optional<Plan> plan = desk.active(turn);
        if (plan.isEmpty()) {
            return "no_plan";
        }
        desk.audit(turn, PlanSetUp.BALANCE_DISCLOSED);
        PlanArgs.standing(turn, plan.get());
        String outcome = desk.phrases.change(turn.text(), turn.language(), true)
                .map(request -> changing.answer(turn, plan.get(), request))
                .orElse("ask");
        return outcome.equals("not_understood") ? "ask" : outcome;
    }
}
