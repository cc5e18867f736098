package org.parley.outreach;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.i18n.Renderer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * After a patient who answered an outreach message proved who they are: finds the latest send
 * said in this conversation to the account they proved, puts its arguments on the turn and
 * names its alert, so that the flow says the details the first message left out. A campaign
 * step gives {@code campaign} with its own full template rendered into {@code details} (in the
 * conversation's language, the channel's variant), which {@value #CAMPAIGN_KEY} says, and the
 * account's balance now in {@code balance}, which a step's text does not name. On a phone
 * several accounts share, a patient who verifies as an account whose own step of the campaign
 * they answered still waits for the phone's cap or for the account's earlier step hears that
 * step and the balance too (the step itself still goes when its hold ends). Another account's
 * send, or none, gives {@code none}; any other template gives {@code other}.
 */
public final class DetailsAction implements Action {

    /** The message that says a campaign step's details: its {@code details} argument. */
    public static final String CAMPAIGN_KEY = "outreach.campaign";
    private static final String REGION = "US";

    /** Templates whose details a flow says, by the outcome naming them. */
    static final Map<String, String> OUTCOMES = Map.of(
            "outreach.balance", "balance",
            "outreach.installment_due", "installment_due",
            "outreach.missed", "installment_missed",
            "outreach.plan", "plan_changed",
            "outreach.payment", "payment_received");

    private final Outbox outbox;
    private final Renderer renderer;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final AuditLog audit;

    /** Only to list the outcomes. */
    public DetailsAction(Outbox outbox) {
        this(outbox, null, null, null, null);
    }

    /**
     * @param outbox   where the sends are
     * @param renderer renders a campaign step's template
     * @param clients  the client's name, help number and currency for that template
     * @param accounts the balance a campaign step's answer is told
     * @param audit    where telling that balance is recorded ({@code balance_disclosed})
     */
    public DetailsAction(Outbox outbox, Renderer renderer, ClientStore clients,
                         AccountStore accounts, AuditLog audit) {
        this.outbox = outbox;
        this.renderer = renderer;
        this.clients = clients;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "outreach_details";
    }

    @Override
    public Set<String> outcomes() {
        Set<String> all = new java.util.TreeSet<>(OUTCOMES.values());
        all.addAll(List.of("campaign", "other", "none"));
        return all;
    }

    @Override
    public String run(Turn turn) {
        Optional<String> account = turn.verifiedAccount();
        if (account.isEmpty()) {
            return "none";
        }
        // The account's own send: on a phone several accounts share, the others' sends said
        // in this conversation (even later, or at the same instant) are not this patient's.
        Document send = outbox.collection().find(Filters.and(
                        Filters.eq("conversationId", turn.conversationId()),
                        Filters.eq("clientId", turn.clientId()),
                        Filters.eq("account", account.get()),
                        Filters.in("status", "sent", "delivered")))
                .sort(Sorts.descending("sentAt", "messageSeq")).limit(1).first();
        if (send == null) {
            send = heldStep(turn, account.get()).orElse(null);
        }
        if (send == null) {
            return "none";
        }
        Map<String, Object> args = Outbox.decode(send.get("args", Document.class));
        if (Send.CAMPAIGN.equals(send.getString("source"))) {
            Optional<Account> found = accounts.find(turn.clientId(), account.get());
            if (found.isEmpty()) {
                return "none";
            }
            turn.put("details", campaign(turn, send.getString("template"), args));
            turn.put("balance", found.get().totalDue());
            audit.record("balance_disclosed", "bot", turn.clientId(), account.get(),
                    turn.conversationId());
            return "campaign";
        }
        args.forEach(turn::put);
        return OUTCOMES.getOrDefault(send.getString("template"), "other");
    }

    /**
     * The verified account's own send of the campaign step last said in this conversation to
     * another account on the phone, while it waits only for a cap or for the account's earlier
     * step; never one held for a collection pause (an assistance application, a dispute) or a
     * paused campaign.
     */
    private Optional<Document> heldStep(Turn turn, String account) {
        Document answered = outbox.collection().find(Filters.and(
                        Filters.eq("conversationId", turn.conversationId()),
                        Filters.eq("clientId", turn.clientId()),
                        Filters.eq("source", Send.CAMPAIGN),
                        Filters.in("status", "sent", "delivered")))
                .sort(Sorts.descending("sentAt", "messageSeq")).limit(1).first();
        if (answered == null) {
            return Optional.empty();
        }
        // The same step's key for this account: campaign:{id}:{step}:{account}.
        String key = answered.getString("_id");
        String own = key.substring(0, key.length() - answered.getString("account").length())
                + account;
        Document held = outbox.collection().find(new Document("_id", own)).first();
        if (held == null || !"scheduled".equals(held.getString("status"))
                || held.get("pausedAt") != null) {
            return Optional.empty();
        }
        List<Document> holds = held.getList("holds", Document.class, List.of());
        String reason = holds.isEmpty() ? "" : holds.getLast().getString("reason");
        return reason.equals(StepOrder.REASON) || reason.startsWith("frequency_cap:")
                ? Optional.of(held) : Optional.empty();
    }

    /** A campaign step's own template, as the patient would have read it once verified. */
    private String campaign(Turn turn, String template, Map<String, Object> args) {
        Client client = clients.require(turn.clientId());
        Map<String, Object> all = new HashMap<>(Map.of("client", client.name(),
                "phone", client.supportPhone()));
        all.putAll(args);
        return renderer.render(turn.language(), REGION, turn.channel(), template, all,
                client.currency());
    }
}
