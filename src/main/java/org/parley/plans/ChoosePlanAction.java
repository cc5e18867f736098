package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the patient's answer to the plans listed: a pick by number or words, a term, an amount
 * they can pay (checked, and countered when it does not fit), or another frequency's plans.
 */
final class ChoosePlanAction implements Action {

    private final PlanDesk desk;
    private final PlanSetUp setUp;

    ChoosePlanAction(PlanDesk desk, PlanSetUp setUp) {
        this.desk = desk;
        this.setUp = setUp;
    }

    @Override
    public String name() {
        return "plan_choose";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("proposed", "adjusted", "countered", "listed", "not_understood");
    }

    @Override
    public String run(Turn turn) {
        Optional<PlanSetUp.Situation> found = setUp.situation(turn);
        if (found.isEmpty()) {
            return "not_understood";
        }
        PlanSetUp.Situation s = found.get();
        List<Schedule> offers;
        try {
            offers = s.offers(desk);
        } catch (PlanRefused refused) {
            return "not_understood";
        }
        return desk.phrases.setUp(turn.text(), turn.language(), offers.size(), false)
                .map(request -> setUp.answer(turn, s, request, offers))
                .orElse("not_understood");
    }
}
