package org.parley.plans;

import org.parley.billing.Account;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.payments.PayNowAction;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Takes the patient's answer to the terms shown: a yes stores the plan with the terms exactly as
 * they were shown and the yes itself; a no goes back to the plans; another amount or term is
 * answered like the first one. A plan with a down payment is {@code agreed_down_payment}, with
 * the down payment left in the slot {@link PayNowAction#DUE_NOW} for the link that pays it.
 */
final class AgreePlanAction implements Action {

    /** The message the terms start with; what was shown is read back from it. */
    static final String TERMS_KEY = "plans.terms";
    /** Said just before the terms, as part of them: why the installments are what they are. */
    static final Set<String> TERMS_LEADS = Set.of("plans.adjusted");

    private final PlanDesk desk;
    private final PlanSetUp setUp;

    AgreePlanAction(PlanDesk desk, PlanSetUp setUp) {
        this.desk = desk;
        this.setUp = setUp;
    }

    @Override
    public String name() {
        return "plan_agree";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("agreed", "agreed_down_payment", "declined", "proposed", "adjusted",
                "countered", "stale", "not_understood");
    }

    @Override
    public String run(Turn turn) {
        Optional<PlanDraft> draft = PlanDraft.in(turn.slots());
        Optional<Boolean> yes = desk.yesNo(turn);
        if (draft.isEmpty()) {
            return "stale";
        }
        if (yes.isEmpty()) {
            return other(turn);
        }
        PlanDraft.drop(turn.slots());
        if (!yes.get()) {
            return "declined";
        }

        // The balance may have changed since the terms were shown (a payment came in).
        Account account = desk.account(turn);
        Schedule schedule = draft.get().schedule();
        Optional<PlanSetUp.Situation> s = setUp.situation(turn);
        Optional<PlanTranscript.Shown> shown = desk.transcript.shown(turn.conversationId(),
                TERMS_KEY, TERMS_LEADS);
        if (s.isEmpty() || account.totalDue().compareTo(schedule.total()) != 0
                || shown.isEmpty()) {
            return "stale";
        }
        Agreement agreement = new Agreement(turn.conversationId(), turn.channel(),
                shown.get().seq(), shown.get().answer(), shown.get().at());
        try {
            desk.plans.create(turn.clientId(), account.accountNumber(), schedule, s.get().rules(),
                    new ShownTerms(shown.get().text(), turn.language(), turn.channel()),
                    agreement, s.get().today());
        } catch (PlanConflict e) {
            return "stale";
        }
        desk.audit(turn, "plan_agreed");
        PlanArgs.terms(turn, schedule, false);
        if (schedule.downPayment().signum() > 0) {
            turn.slots().put(PayNowAction.DUE_NOW, schedule.downPayment().toPlainString());
            return "agreed_down_payment";
        }
        return "agreed";
    }

    /** Not a yes or a no: perhaps another amount or term ("what about $50 a month?"). */
    private String other(Turn turn) {
        Optional<PlanSetUp.Situation> found = setUp.situation(turn);
        Optional<PlanRequest> asked = desk.phrases.setUp(turn.text(), turn.language(), 0, true);
        if (found.isEmpty() || asked.isEmpty()) {
            return "not_understood";
        }
        List<Schedule> offers;
        try {
            offers = found.get().offers(desk);
        } catch (PlanRefused refused) {
            return "not_understood";
        }
        return setUp.answer(turn, found.get(), asked.get(), offers);
    }
}
