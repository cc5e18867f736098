package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/** Reads the change the patient asks for when asked what to change, and works it out. */
final class ReadPlanChangeAction implements Action {

    private final PlanDesk desk;
    private final PlanChanging changing;

    ReadPlanChangeAction(PlanDesk desk, PlanChanging changing) {
        this.desk = desk;
        this.changing = changing;
    }

    @Override
    public String name() {
        return "plan_change_read";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("proposed", "adjusted", "refused", "cancel", "no_plan", "not_understood");
    }

    @Override
    public String run(Turn turn) {
        Optional<Plan> plan = desk.active(turn);
        if (plan.isEmpty()) {
            return "no_plan";
        }
        return desk.phrases.change(turn.text(), turn.language(), false)
                .map(request -> changing.answer(turn, plan.get(), request))
                .orElse("not_understood");
    }
}
