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
                        String conversationId, java.time.Instant at) {
    }

    public void record(String event, String actor, String clientId, String accountNumber,
                       String conversationId) {
        entries.insertOne(new Document("event", event)
                .append("actor", actor)
                .append("clientId", clientId)
                .append("accountNumber", accountNumber)
                .append("conversationId", conversationId)
                .append("at", Date.from(clock.instant())));
    }

    /** Entries about one conversation, oldest first. */
    public List<Entry> forConversation(String conversationId) {
        return entries.find(Filters.eq("conversationId", conversationId))
                .sort(Sorts.ascending("at"))
                .map(d -> new Entry(d.getString("event"), d.getString("actor"),
                        d.getString("clientId"), d.getString("accountNumber"),
                        d.getString("conversationId"), d.getDate("at").toInstant()))
                .into(new ArrayList<>());
    }
}
