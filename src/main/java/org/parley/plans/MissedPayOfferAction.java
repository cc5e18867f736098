package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * Answers "pay my bill" after a missed-payment notice: the patient is offered the missed amount
 * of their plan, or another amount. Outcomes: {@code offer} with {@code missedAmount}, or
 * {@code pay} when the message already names what to pay ("I'll pay $60.87", "all of it") or
 * nothing of the plan is missed any more, for the pay flow to answer as usual.
 */
final class MissedPayOfferAction implements Action {

    private final PlanDesk desk;
    private final MoneyParser money = new MoneyParser();

    MissedPayOfferAction(PlanDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "missed_pay_offer";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("offer", "pay");
    }

    @Override
    public String run(Turn turn) {
        if (money.parse(turn.text(), turn.language()) instanceof MoneyParser.Result.Amount) {
            return "pay";
        }
        List<BigDecimal> missed = desk.active(turn).stream()
                .flatMap(plan -> plan.installments().stream())
                .filter(i -> i.state() == PlanInstallment.State.MISSED)
                .map(PlanInstallment::unpaid).filter(unpaid -> unpaid.signum() > 0).toList();
        if (missed.isEmpty()) {
            return "pay";
        }
        turn.put("missedAmount", Cents.sum(missed));
        return "offer";
    }
}
