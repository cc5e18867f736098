package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/**
 * Reads the change the patient asks for when asked what to change, and works it out; a plain
 * no ({@code keep}) leaves the plan as it is.
 */
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
        // card_number is never returned by run: the engine follows it for a typed card number.
        return Set.of("proposed", "adjusted", "refused", "cancel", "no_plan", "bad_amount",
                "not_understood", "card_number", "keep");
    }

    /** An amount per period ("-$50 a month") answers this step, not a request to pay now. */
    @Override
    public boolean claims(Turn turn) {
        return desk.phrases.perPeriod(turn.text(), turn.language());
    }

    @Override
    public String run(Turn turn) {
        Optional<Plan> plan = desk.active(turn);
        if (plan.isEmpty()) {
            return "no_plan";
        }
        PlanArgs.frequency(turn, plan.get());
        if (desk.yesNo(turn).filter(yes -> !yes).isPresent()) {
            return "keep";
        }
        return desk.phrases.change(turn.text(), turn.language(), false)
                .map(request -> changing.answer(turn, plan.get(), request))
                .orElse("not_understood");
    }
}
