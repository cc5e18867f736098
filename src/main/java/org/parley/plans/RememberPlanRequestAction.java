package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Set;

/**
 * Remembers what the patient asked of a plan ("I can do $75 a month", "move my payment to the
 * 15th", "cancel my plan") from the message that asked, before identity is checked; the plan
 * flows take it up once the patient is verified. Nothing is looked up and nothing is said here.
 */
final class RememberPlanRequestAction implements Action {

    private final PlanDesk desk;

    RememberPlanRequestAction(PlanDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "remember_plan_request";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("remembered");
    }

    @Override
    public String run(Turn turn) {
        desk.requests.remember(turn.conversationId(),
                desk.phrases.request(turn.text(), turn.language()));
        return "remembered";
    }
}
