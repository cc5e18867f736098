package org.parley.plans;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/**
 * Takes the patient's answer to a changed schedule: a yes adds the version to the plan with the
 * terms as shown and the yes; a no leaves the plan as it is; another change is worked out.
 */
final class AgreePlanChangeAction implements Action {

    private final PlanDesk desk;
    private final PlanChanging changing;

    AgreePlanChangeAction(PlanDesk desk, PlanChanging changing) {
        this.desk = desk;
        this.changing = changing;
    }

    @Override
    public String name() {
        return "plan_change_agree";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("agreed", "declined", "stale", "proposed", "adjusted", "refused", "cancel",
                "not_understood");
    }

    @Override
    public String run(Turn turn) {
        Optional<PlanDraft> draft = PlanDraft.in(turn.slots());
        Optional<Plan> plan = desk.active(turn);
        if (draft.isEmpty() || draft.get().change().isEmpty() || plan.isEmpty()) {
            return "stale";
        }
        Optional<Boolean> yes = desk.yesNo(turn);
        if (yes.isEmpty()) {
            return desk.phrases.change(turn.text(), turn.language(), true)
                    .map(request -> changing.answer(turn, plan.get(), request))
                    .orElse("not_understood");
        }
        PlanDraft.drop(turn.slots());
        if (!yes.get()) {
            return "declined";
        }

        // A payment or another change since the schedule was shown makes it out of date.
        Optional<PlanTranscript.Shown> shown = desk.transcript.shown(turn.conversationId(),
                AgreePlanAction.TERMS_KEY, AgreePlanAction.TERMS_LEADS);
        if (plan.get().version() != draft.get().planVersion() || shown.isEmpty()) {
            return "stale";
        }
        Schedule next = draft.get().schedule();
        try {
            desk.plans.change(plan.get(), draft.get().change().get(), next,
                    desk.rules(turn.clientId()).orElse(plan.get().rules()),
                    new ShownTerms(shown.get().text(), turn.language(), turn.channel()),
                    new Agreement(turn.conversationId(), turn.channel(), shown.get().seq(),
                            shown.get().answer(), shown.get().at()),
                    desk.today(turn.clientId()));
        } catch (PlanConflict e) {
            return "stale";
        }
        desk.audit(turn, "plan_changed");
        PlanArgs.terms(turn, next, true);
        return "agreed";
    }
}
