package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Set;

/**
 * Tells a request to pay an amount per period ("I can pay $300 every two weeks", "puedo pagar
 * $500 cada dos semanas") from a request to pay now: the first asks for a plan, or a change to
 * the one the patient has, whatever words of paying it uses. Outcomes: {@code plan} when the
 * message names an amount with a plan period, {@code pay} otherwise.
 */
final class PlanOrPayAction implements Action {

    private final PlanDesk desk;

    PlanOrPayAction(PlanDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "plan_or_pay";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("plan", "pay");
    }

    @Override
    public String run(Turn turn) {
        return desk.phrases.perPeriod(turn.text(), turn.language()) ? "plan" : "pay";
    }
}
