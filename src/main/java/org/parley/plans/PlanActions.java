package org.parley.plans;

import com.mongodb.client.MongoDatabase;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.conversation.ConversationStore;
import org.parley.dialog.Action;
import org.parley.i18n.LocaleContent;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The dialog actions of payment plans, for {@code dialogs/payment-plan.yaml} (setting one up)
 * and {@code dialogs/change-plan.yaml} (changing or cancelling one).
 */
public final class PlanActions {

    private PlanActions() {
    }

    /**
     * Every plan action over the given stores; what patients ask before they are verified
     * waits in {@code db}. Built with no stores at all (nulls) they still name themselves and
     * their outcomes, for the content check.
     */
    public static List<Action> all(PlanStore plans, ClientSettings settings,
                                   AccountStore accounts, ClientStore clients, AuditLog audit,
                                   ConversationStore conversations, MongoDatabase db,
                                   Map<String, LocaleContent> locales, Clock clock) {
        PlanDesk desk = new PlanDesk(plans, settings, accounts, clients, audit,
                new ConversationTranscript(conversations),
                db == null ? null : new PlanRequests(db, clock), locales, clock);
        PlanSetUp setUp = new PlanSetUp(desk);
        PlanChanging changing = new PlanChanging(desk);
        return List.of(new RememberPlanRequestAction(desk), new PlanOrPayAction(desk),
                new MissedPayOfferAction(desk),
                new StartPlanAction(desk, setUp),
                new ChoosePlanAction(desk, setUp),
                new AgreePlanAction(desk, setUp), new StartPlanChangeAction(desk, changing),
                new ReadPlanChangeAction(desk, changing),
                new AgreePlanChangeAction(desk, changing), new CancelPlanAction(desk));
    }
}
