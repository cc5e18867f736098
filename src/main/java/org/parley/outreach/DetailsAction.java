package org.parley.outreach;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After a patient who answered an outreach message proved who they are: finds the latest send
 * said in this conversation to the account they proved, puts its arguments on the turn and
 * names its alert, so that the flow says the details the first message left out. Another
 * account's send, or none, gives {@code none}; a campaign's own template gives {@code other}.
 */
public final class DetailsAction implements Action {

    /** Templates whose details a flow says, by the outcome naming them. */
    static final Map<String, String> OUTCOMES = Map.of(
            "outreach.balance", "balance",
            "outreach.installment_due", "installment_due",
            "outreach.missed", "installment_missed",
            "outreach.plan", "plan_changed",
            "outreach.payment", "payment_received");

    private final Outbox outbox;

    /** @param outbox where the sends are; may be null only to list the outcomes */
    public DetailsAction(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String name() {
        return "outreach_details";
    }

    @Override
    public Set<String> outcomes() {
        Set<String> all = new java.util.TreeSet<>(OUTCOMES.values());
        all.addAll(List.of("other", "none"));
        return all;
    }

    @Override
    public String run(Turn turn) {
        Optional<String> account = turn.verifiedAccount();
        if (account.isEmpty()) {
            return "none";
        }
        Document send = outbox.collection().find(Filters.and(
                        Filters.eq("conversationId", turn.conversationId()),
                        Filters.in("status", "sent", "delivered")))
                .sort(Sorts.descending("sentAt")).limit(1).first();
        if (send == null || !account.get().equals(send.getString("account"))
                || !turn.clientId().equals(send.getString("clientId"))) {
            return "none";
        }
        Outbox.decode(send.get("args", Document.class)).forEach(turn::put);
        return OUTCOMES.getOrDefault(send.getString("template"), "other");
    }
}
