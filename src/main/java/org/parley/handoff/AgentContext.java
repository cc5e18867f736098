package org.parley.handoff;

import org.parley.assistance.Application;
import org.parley.assistance.Applications;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.billing.Encounter;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.dialog.DialogState;
import org.parley.plans.Plan;
import org.parley.plans.PlanInstallment;
import org.parley.plans.PlanStore;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an agent sees of a conversation they hold, as the console's JSON: the transcript
 * (card numbers were masked before anything was stored), who the patient proved to be, their
 * balance, visits, plans and latest assistance application once verified, the files they
 * sent, what the bot last
 * understood, why it handed over,
 * the agents' notes and the client's canned replies in the patient's language. Every view is
 * audited as a transcript view by the agent.
 */
final class AgentContext {

    private final ConversationService conversations;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final PlanStore plans;
    private final Applications applications;
    private final HandoffEvents events;
    private final CannedReplies canned;
    private final AuditLog audit;
    private final ConversationFiles files;
    private final ConsentLedger consent;

    AgentContext(ConversationService conversations, ClientStore clients, AccountStore accounts,
                 PlanStore plans, Applications applications, HandoffEvents events,
                 CannedReplies canned, AuditLog audit, ConversationFiles files,
                 ConsentLedger consent) {
        this.conversations = conversations;
        this.clients = clients;
        this.accounts = accounts;
        this.plans = plans;
        this.applications = applications;
        this.events = events;
        this.canned = canned;
        this.audit = audit;
        this.files = files;
        this.consent = consent;
    }

    /**
     * Whether the patient opted out of the conversation's channel: nothing but the opt-out's
     * confirmation may be sent there. Web chat has no opt-out; the patient closes the chat.
     */
    boolean optedOut(Conversation c) {
        return !c.address().isEmpty() && consent.optedOut(c.clientId(), c.channel(), c.address());
    }

    /** The whole context of {@code handoff}'s conversation, as seen by {@code agentId}. */
    Map<String, Object> of(Handoff handoff, String agentId) {
        Conversation c = conversations.find(handoff.conversationId()).orElseThrow();
        Client client = clients.require(c.clientId());
        DialogState d = c.dialog();
        Optional<Account> account = d.verifiedAccount()
                .flatMap(number -> accounts.find(c.clientId(), number));
        audit.record("transcript_viewed", "agent:" + agentId, c.clientId(),
                d.verifiedAccount().orElse(null), c.id());

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "context");
        out.put("conversationId", c.id());
        out.put("handoff", handoff(handoff));
        out.put("client", Map.of("id", client.id(), "name", client.name()));
        out.put("channel", c.channel());
        out.put("address", masked(c.address()));
        out.put("consent", Map.of("channel", c.channel(), "optedOut", optedOut(c)));
        out.put("language", d.language());
        out.put("startedAt", c.createdAt().toString());
        out.put("verification", verification(d));
        out.put("account", account.map(a -> account(a, client)).orElse(null));
        out.put("plans", account.map(a -> plans.plans(c.clientId(), a.accountNumber()).stream()
                .map(AgentContext::plan).toList()).orElse(List.of()));
        out.put("assistance", account.flatMap(a -> applications.latest(c.clientId(),
                a.accountNumber())).map(AgentContext::application).orElse(null));
        out.put("bot", bot(d));
        out.put("messages", conversations.messages(c.id()).stream()
                .map(AgentContext::message).toList());
        out.put("lastSeq", conversations.lastSeq(c.id()));
        out.put("attachments", files.list(c.id()).stream().map(f -> file(c.id(), f)).toList());
        out.put("notes", events.of(c.id()).stream()
                .filter(e -> e.type() == HandoffEvents.Type.NOTE).map(AgentContext::note)
                .toList());
        out.put("cannedReplies", canned.of(c.clientId(), d.language()).stream()
                .map(r -> Map.of("title", r.title(), "text", r.text())).toList());
        return out;
    }

    /** A queued or held handoff as the console lists it. */
    static Map<String, Object> handoff(Handoff h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversationId", h.conversationId());
        out.put("clientId", h.clientId());
        out.put("channel", h.channel());
        out.put("language", h.language());
        out.put("priority", h.priority());
        out.put("reason", h.reason());
        out.put("status", h.status().id());
        out.put("agentId", h.agentId().orElse(null));
        out.put("queuedAt", h.queuedAt().toString());
        out.put("round", h.round());
        return out;
    }

    /** A message as the console shows it: always as text. */
    static Map<String, Object> message(Message m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seq", m.seq());
        out.put("from", m.from());
        out.put("text", m.text());
        out.put("at", m.at().toString());
        return out;
    }

    /** A file the patient sent, with the link the holding agent downloads it from. */
    private static Map<String, Object> file(String conversationId, ConversationFiles.File f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", f.id());
        out.put("fileName", f.fileName());
        out.put("contentType", f.contentType());
        out.put("size", f.size());
        out.put("receivedAt", f.receivedAt().toString());
        out.put("href", AgentFiles.link(conversationId, f.id()));
        return out;
    }

    static Map<String, Object> note(HandoffEvents.Event e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("agentId", e.agentId().orElse(""));
        out.put("agentName", String.valueOf(e.details().getOrDefault("agentName", "")));
        out.put("text", String.valueOf(e.details().getOrDefault("text", "")));
        out.put("at", e.at().toString());
        return out;
    }

    private static Map<String, Object> verification(DialogState d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verified", d.verified());
        out.put("accountNumber", d.verifiedAccount().orElse(null));
        out.put("failedAttempts", d.failedAttempts());
        out.put("locked", d.locked());
        return out;
    }

    private static Map<String, Object> bot(DialogState d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", d.flow());
        out.put("step", d.step());
        out.put("lastIntent", d.lastIntent().orElse(null));
        out.put("reason", d.agentReason().orElse(null));
        out.put("notUnderstoodInARow", d.misunderstood());
        out.put("history", d.history());
        return out;
    }

    private static Map<String, Object> account(Account a, Client client) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accountNumber", a.accountNumber());
        out.put("name", a.firstName() + " " + a.lastName());
        out.put("currency", client.currency());
        out.put("balance", money(a.totalDue()));
        out.put("dueDate", a.dueDate().map(Object::toString).orElse(null));
        out.put("visits", a.openEncounters().stream().map(AgentContext::visit).toList());
        out.put("lastPayment", a.lastPayment().map(p -> Map.of("date", p.date().toString(),
                "amount", money(p.amount()))).orElse(null));
        return out;
    }

    private static Map<String, Object> visit(Encounter e) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", e.serviceDate().toString());
        out.put("description", e.description());
        out.put("provider", e.provider());
        out.put("owed", money(e.patientResponsibility()));
        out.put("dueDate", e.dueDate().toString());
        return out;
    }

    private static Map<String, Object> application(Application a) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", a.id());
        out.put("program", a.program().name());
        out.put("status", a.status().code());
        out.put("missing", a.missing());
        out.put("createdAt", a.createdAt().toString());
        return out;
    }

    private static Map<String, Object> plan(Plan p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("status", p.status().code());
        out.put("frequency", p.schedule().frequency().name().toLowerCase(java.util.Locale.ROOT));
        out.put("installments", p.installments().size());
        out.put("paidSoFar", money(p.paidSoFar()));
        out.put("misses", p.misses());
        Optional<PlanInstallment> next = p.nextDue();
        out.put("nextDue", next.map(i -> Map.of("date", i.due().toString(),
                "amount", money(i.unpaid()))).orElse(null));
        return out;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A phone or email with all but its end hidden: enough to tell two patients apart. */
    static String masked(String address) {
        if (address.isEmpty()) {
            return "";
        }
        int keep = Math.min(4, address.length() / 3);
        return "•".repeat(Math.max(0, address.length() - keep))
                + address.substring(address.length() - keep);
    }
}
