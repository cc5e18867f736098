package org.parley.channel.email;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Every inbound message Parley took, one document per client and Message-ID in
 * {@code email_inbound}: claimed before it is handled, so the same message delivered twice (a
 * retried webhook, the webhook and IMAP both) is handled once, and recorded after with what
 * became of it. The answered ones from an address in the last hour are its rate.
 */
final class InboundLog {

    /** How long a claim is left to the instance handling it before another may take over. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final MongoCollection<Document> inbound;

    InboundLog(MongoDatabase db) {
        this.inbound = db.getCollection("email_inbound");
        inbound.createIndex(Indexes.ascending("clientId", "from", "answered", "at"));
    }

    /** What became of a message. */
    record Done(Optional<String> conversationId, String outcome, boolean answered) {
    }

    /**
     * Claims the message for handling now.
     *
     * @return false when it was handled before, or is being handled elsewhere now
     */
    boolean claim(String clientId, String messageId, String from, Instant now) {
        String id = id(clientId, messageId);
        try {
            inbound.insertOne(new Document("_id", id).append("clientId", clientId)
                    .append("from", from).append("at", Date.from(now)).append("done", false));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // A claim whose handler died is taken over once it has run out.
        return inbound.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("done", false),
                        Filters.lt("at", Date.from(now.minus(CLAIM)))),
                Updates.set("at", Date.from(now))).getModifiedCount() == 1;
    }

    /** Gives a claim up after a failure, so a retry of the same message handles it. */
    void release(String clientId, String messageId) {
        inbound.deleteOne(new Document("_id", id(clientId, messageId)).append("done", false));
    }

    void done(String clientId, String messageId, Done done) {
        inbound.updateOne(new Document("_id", id(clientId, messageId)), Updates.combine(
                Updates.set("done", true),
                Updates.set("outcome", done.outcome()),
                Updates.set("answered", done.answered()),
                Updates.set("conversationId", done.conversationId().orElse(null))));
    }

    /** How many messages from {@code from} were answered since {@code since}. */
    long answeredSince(String clientId, String from, Instant since) {
        return inbound.countDocuments(new Document("clientId", clientId).append("from", from)
                .append("answered", true).append("at", new Document("$gte", Date.from(since))));
    }

    /** What became of a message taken before; empty when it was never taken. */
    Optional<String> outcome(String clientId, String messageId) {
        return Optional.ofNullable(inbound.find(new Document("_id", id(clientId, messageId)))
                .first()).map(d -> d.getString("outcome"));
    }

    private static String id(String clientId, String messageId) {
        return clientId + "|" + messageId;
    }
}
