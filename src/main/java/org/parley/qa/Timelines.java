package org.parley.qa;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.TurnNote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Reads conversations' timelines from what every feature stored: the messages with the bot's
 * notes, the audit log, the consent ledger, the payments, the financing offers, and any
 * {@link EventSource} registered (the agent console's). Several conversations are read with one
 * query per collection.
 */
final class Timelines {

    /** Audit events that are a view or a copy of a transcript, not something in it. */
    private static final Set<String> NOT_IN_TIMELINE = Set.of("transcript_viewed",
            "transcript_exported", "personal_detail_revealed", "payments_viewed",
            "payment.receipt", "payment.sandbox");
    /** Audit event names and the kind each becomes; others keep their name. */
    private static final Map<String, String> AUDIT_KINDS = Map.of(
            "plan_agreed", QaEvent.PLAN_CREATED,
            "payment_link_issued", "payment_link",
            "handoff.requested", QaEvent.HANDOFF,
            "handoff.claimed", QaEvent.CLAIM,
            "handoff.transferred", QaEvent.TRANSFER,
            "handoff.closed", QaEvent.CLOSE,
            "agent.note", QaEvent.AGENT_NOTE);
    private static final Set<String> VERIFY_OUTCOMES = Set.of("verified", "failed", "locked",
            "ambiguous");

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> audit;
    private final MongoCollection<Document> consent;
    private final MongoCollection<Document> payments;
    private final MongoCollection<Document> offers;
    private final ConversationService conversations;
    private final List<EventSource> sources = new CopyOnWriteArrayList<>();

    Timelines(MongoDatabase db, ConversationService conversations) {
        this.messages = db.getCollection("messages");
        this.audit = db.getCollection("audit");
        this.consent = db.getCollection("consent");
        this.payments = db.getCollection("payments");
        this.offers = db.getCollection("financing_offers");
        this.conversations = conversations;
    }

    void addSource(EventSource source) {
        sources.add(source);
    }

    /** The timeline of one conversation, if it exists. */
    Optional<Timeline> of(String conversationId) {
        return conversations.find(conversationId)
                .map(c -> of(List.of(c)).get(conversationId));
    }

    /** The timelines of {@code batch}, by conversation id. */
    Map<String, Timeline> of(List<Conversation> batch) {
        List<String> ids = batch.stream().map(Conversation::id).toList();
        Map<String, List<Timeline.Line>> lines = new HashMap<>();
        Map<String, List<QaEvent>> events = new HashMap<>();
        for (Document d : messages.find(Filters.in("conversationId", ids))) {
            lines.computeIfAbsent(d.getString("conversationId"), k -> new ArrayList<>())
                    .add(line(d));
        }
        readAudit(ids, events);
        readConsent(ids, events);
        readPayments(ids, events);
        readOffers(ids, events);
        for (EventSource source : sources) {
            source.events(ids).forEach((id, found) -> events.computeIfAbsent(id,
                    k -> new ArrayList<>()).addAll(found));
        }

        Map<String, Timeline> timelines = new LinkedHashMap<>();
        for (Conversation c : batch) {
            List<Timeline.Line> own = lines.getOrDefault(c.id(), List.of());
            List<QaEvent> all = new ArrayList<>(fromNotes(c, own));
            all.addAll(events.getOrDefault(c.id(), List.of()));
            timelines.put(c.id(), Timeline.of(c, own, all));
        }
        return timelines;
    }

    private static Timeline.Line line(Document d) {
        String key = d.getString("key");
        List<String> keys = key == null || key.isEmpty() ? List.of()
                : Arrays.asList(key.split(","));
        Document delivery = d.get("delivery", Document.class);
        Document turn = d.get("turn", Document.class);
        return new Timeline.Line(d.getLong("seq"), d.getString("from"), d.getString("text"),
                d.getDate("at").toInstant(), keys,
                Optional.ofNullable(d.getString("agentId")),
                Optional.ofNullable(turn).map(TurnNote::read),
                Optional.ofNullable(delivery).map(x -> x.getString("status")));
    }

    /** Identity checks and the moment a person was asked for, from the bot's notes. */
    private static List<QaEvent> fromNotes(Conversation c, List<Timeline.Line> lines) {
        List<QaEvent> found = new ArrayList<>();
        boolean needsAgent = false;
        for (Timeline.Line l : lines.stream()
                .sorted(java.util.Comparator.comparingLong(Timeline.Line::seq)).toList()) {
            if (l.note().isEmpty()) {
                continue;
            }
            TurnNote note = l.note().get();
            Optional<String> outcome = note.reading().outcome();
            if (outcome.isPresent() && VERIFY_OUTCOMES.contains(outcome.get())
                    && note.reading().steps().stream().anyMatch(s -> s.startsWith("verify-"))) {
                found.add(new QaEvent(QaEvent.VERIFICATION, l.at(), Timeline.BOT,
                        Map.of("result", outcome.get())));
            }
            if (note.needsAgent() && !needsAgent) {
                found.add(new QaEvent(QaEvent.HANDOFF, l.at(), Timeline.BOT,
                        Map.of("reason", c.dialog().agentReason().orElse("unknown"))));
            }
            needsAgent = note.needsAgent();
        }
        return found;
    }

    private void readAudit(List<String> ids, Map<String, List<QaEvent>> events) {
        for (Document d : audit.find(Filters.in("conversationId", ids))) {
            String event = d.getString("event");
            if (NOT_IN_TIMELINE.contains(event) || event.startsWith("qa.")) {
                continue;
            }
            Map<String, String> details = new LinkedHashMap<>();
            Document extra = d.get("details", Document.class);
            if (extra != null) {
                extra.forEach((k, v) -> details.put(k, String.valueOf(v)));
            }
            add(events, d.getString("conversationId"), new QaEvent(
                    AUDIT_KINDS.getOrDefault(event, event), at(d, "at"), d.getString("actor"),
                    details));
        }
    }

    private void readConsent(List<String> ids, Map<String, List<QaEvent>> events) {
        for (Document d : consent.find(Filters.in("conversationId", ids))) {
            String how = d.getString("how");
            String actor = switch (how) {
                case "carrier_21610" -> "carrier";
                case "operator" -> "operator";
                default -> Timeline.PATIENT;
            };
            add(events, d.getString("conversationId"), new QaEvent(
                    "opt_in".equals(d.getString("action")) ? QaEvent.OPT_IN : QaEvent.OPT_OUT,
                    at(d, "at"), actor, Map.of("how", how)));
        }
    }

    private void readPayments(List<String> ids, Map<String, List<QaEvent>> events) {
        for (Document d : payments.find(Filters.and(Filters.eq("status", "applied"),
                Filters.or(Filters.in("conversationId", ids),
                        Filters.in("receipt.conversationId", ids))))) {
            Document receipt = d.get("receipt", Document.class);
            String id = Optional.ofNullable(d.getString("conversationId"))
                    .filter(ids::contains)
                    .orElseGet(() -> receipt.getString("conversationId"));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("paymentId", d.getString("paymentId"));
            details.put("method", String.valueOf(d.getString("method")));
            details.put("source", String.valueOf(d.getString("source")));
            Instant at = d.getDate("recordedAt") != null ? at(d, "recordedAt") : at(d, "paidAt");
            add(events, id, new QaEvent(QaEvent.PAYMENT, at, Timeline.PATIENT, details));
        }
    }

    private void readOffers(List<String> ids, Map<String, List<QaEvent>> events) {
        for (Document d : offers.find(Filters.in("conversationId", ids))) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("offerId", d.getString("_id"));
            details.put("partners", String.join(", ", d.getList("offered", Document.class)
                    .stream().map(o -> o.getString("name")).toList()));
            if (d.getString("chosen") != null) {
                details.put("chosen", d.getString("chosen"));
            }
            add(events, d.getString("conversationId"), new QaEvent(QaEvent.FINANCING_OFFER,
                    at(d, "offeredAt"), Timeline.BOT, details));
        }
    }

    private static void add(Map<String, List<QaEvent>> events, String conversationId,
                            QaEvent event) {
        events.computeIfAbsent(conversationId, k -> new ArrayList<>()).add(event);
    }

    private static Instant at(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? Instant.EPOCH : date.toInstant();
    }
}
