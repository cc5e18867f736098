package org.parley.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What people did with handed-off conversations, in {@code handoff_events}, for the agent console
 * and for QA: each handoff, claim, transfer, return to the queue, return to the bot and close,
 * with the agent and the disposition, and agents' internal notes. One document per event:
 * {@code conversationId}, {@code clientId}, {@code type}, {@code agentId} (empty for the
 * system), {@code at}, and what the type adds ({@code reason}, {@code toAgentId},
 * {@code language}, {@code flow}, {@code disposition}, {@code text}).
 */
public final class HandoffEvents {

    /** The kinds of event. */
    public enum Type {
        QUEUED, CLAIMED, TRANSFERRED, REQUEUED, RETURNED, CLOSED, NOTE;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One event as recorded; {@code id} is its document's id. */
    public record Event(String conversationId, String clientId, Type type,
                        Optional<String> agentId, Map<String, Object> details, Instant at,
                        String id) {
        public Event {
            details = Map.copyOf(details);
        }
    }

    private final MongoCollection<Document> events;

    public HandoffEvents(MongoDatabase db) {
        this.events = db.getCollection("handoff_events");
        events.createIndex(Indexes.ascending("conversationId", "at"));
        events.createIndex(Indexes.ascending("clientId", "type", "at"));
        events.createIndex(Indexes.ascending("agentId", "at"));
    }

    /** Records one event; {@code details} must hold no patient text, phone or amount. */
    public void record(String conversationId, String clientId, Type type,
                       Optional<String> agentId, Map<String, ?> details, Instant at) {
        Document doc = new Document("conversationId", conversationId)
                .append("clientId", clientId)
                .append("type", type.id())
                .append("agentId", agentId.orElse(null))
                .append("at", Date.from(at));
        details.forEach(doc::append);
        events.insertOne(doc);
    }

    /** The events of each of {@code conversationIds}, oldest first, with one query. */
    public Map<String, List<Event>> of(java.util.Collection<String> conversationIds) {
        Map<String, List<Event>> found = new LinkedHashMap<>();
        events.find(Filters.in("conversationId", conversationIds))
                .sort(Sorts.ascending("at", "_id"))
                .forEach(d -> found.computeIfAbsent(d.getString("conversationId"),
                        k -> new ArrayList<>()).add(read(d)));
        return found;
    }

    /** The conversation's events, oldest first. */
    public List<Event> of(String conversationId) {
        return events.find(Filters.eq("conversationId", conversationId))
                .sort(Sorts.ascending("at", "_id"))
                .map(HandoffEvents::read).into(new ArrayList<>());
    }

    private static Event read(Document d) {
        Map<String, Object> details = new LinkedHashMap<>();
        d.forEach((k, v) -> {
            if (!List.of("_id", "conversationId", "clientId", "type", "agentId", "at").contains(k)
                    && v != null) {
                details.put(k, v instanceof Date date ? date.toInstant() : v);
            }
        });
        return new Event(d.getString("conversationId"), d.getString("clientId"),
                Type.valueOf(d.getString("type").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(d.getString("agentId")), details,
                d.getDate("at").toInstant(), d.getObjectId("_id").toHexString());
    }
}
