package org.parley.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The record of every disclosure: who saw which account's data, when, and in which
 * conversation. Entries are only ever added.
 */
public final class AuditLog {

    private final MongoCollection<Document> entries;
    private final Clock clock;

    public AuditLog(MongoDatabase db, Clock clock) {
        this.entries = db.getCollection("audit");
        this.clock = clock;
        entries.createIndex(Indexes.ascending("clientId", "accountNumber", "at"));
        entries.createIndex(Indexes.ascending("conversationId"));
    }

    /** One audited event. */
    public record Entry(String event, String actor, String clientId, String accountNumber,
                        String conversationId, java.time.Instant at,
                        Map<String, String> details) {
        public Entry {
            details = Map.copyOf(details);
        }

        /** An entry without details. */
        public Entry(String event, String actor, String clientId, String accountNumber,
                     String conversationId, java.time.Instant at) {
            this(event, actor, clientId, accountNumber, conversationId, at, Map.of());
        }
    }

    public void record(String event, String actor, String clientId, String accountNumber,
                       String conversationId) {
        record(event, actor, clientId, accountNumber, conversationId, Map.of());
    }

    /**
     * Records an event with {@code details} that say more of what happened (which part of a
     * transcript was shown, in which format): names and ids only, never patient data.
     */
    public void record(String event, String actor, String clientId, String accountNumber,
                       String conversationId, Map<String, String> details) {
        Document entry = new Document("event", event)
                .append("actor", actor)
                .append("clientId", clientId)
                .append("accountNumber", accountNumber)
                .append("conversationId", conversationId)
                .append("at", Date.from(clock.instant()));
        if (!details.isEmpty()) {
            entry.append("details", new Document(new java.util.TreeMap<>(details)));
        }
        entries.insertOne(entry);
    }

    /** Entries about one conversation, oldest first. */
    public List<Entry> forConversation(String conversationId) {
        return entries.find(Filters.eq("conversationId", conversationId))
                .sort(Sorts.ascending("at"))
                .map(AuditLog::entry)
                .into(new ArrayList<>());
    }

    /**
     * Entries of one conversation or one client, or both, from {@code from} (included) to
     * {@code to} (excluded), oldest first, at most {@code limit}.
     */
    public List<Entry> find(java.util.Optional<String> conversationId,
                            java.util.Optional<String> clientId, java.time.Instant from,
                            java.time.Instant to, int limit) {
        List<org.bson.conversions.Bson> filters = new ArrayList<>();
        conversationId.ifPresent(id -> filters.add(Filters.eq("conversationId", id)));
        clientId.ifPresent(id -> filters.add(Filters.eq("clientId", id)));
        filters.add(Filters.gte("at", Date.from(from)));
        filters.add(Filters.lt("at", Date.from(to)));
        return entries.find(Filters.and(filters)).sort(Sorts.ascending("at")).limit(limit)
                .map(AuditLog::entry).into(new ArrayList<>());
    }

    private static Entry entry(Document d) {
        return new Entry(d.getString("event"), d.getString("actor"), d.getString("clientId"),
                d.getString("accountNumber"), d.getString("conversationId"),
                d.getDate("at").toInstant(), details(d));
    }

    private static Map<String, String> details(Document d) {
        Map<String, String> details = new java.util.TreeMap<>();
        Document stored = d.get("details", Document.class);
        if (stored != null) {
            stored.forEach((k, v) -> details.put(k, String.valueOf(v)));
        }
        return details;
    }
}
