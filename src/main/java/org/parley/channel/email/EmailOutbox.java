package org.parley.channel.email;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.parley.conversation.ConversationStore;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The email part of the shared {@code outbox} collection: the entries with
 * {@code channel: email}, each claimed under a lease in one atomic update, so across instances
 * one worker at a time hands a message to SMTP. The outcome is written on the message's
 * {@code delivery} (with the Message-ID as its provider id) while the lease still holds, then
 * the entry leaves the outbox, or goes back to the queue for a retry.
 */
final class EmailOutbox {

    static final String CHANNEL = "email";

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> outbox;

    EmailOutbox(MongoDatabase db) {
        this.messages = db.getCollection("messages");
        this.outbox = db.getCollection("outbox");
    }

    /** A message this worker holds under {@code lease}. */
    record Claim(ObjectId id, String lease, String conversationId, long seq, String text,
                 Optional<String> key, String to, int attempts, Duration leaseLength) {
    }

    /** Claims the next due message, or one whose worker let its lease run out. */
    Optional<Claim> claim(Instant now, Duration lease) {
        while (true) {
            Date at = Date.from(now);
            Bson due = Filters.and(Filters.eq("channel", CHANNEL), Filters.or(
                    Filters.and(Filters.eq("status", "queued"), Filters.lte("nextAttemptAt", at)),
                    Filters.and(Filters.eq("status", "sending"), Filters.lte("leaseUntil", at))));
            String id = UUID.randomUUID().toString();
            Document doc = outbox.findOneAndUpdate(due, Updates.combine(
                            Updates.set("status", "sending"), Updates.set("lease", id),
                            Updates.set("leaseUntil", Date.from(now.plus(lease))),
                            Updates.inc("attempts", 1)),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt", "seq"))
                            .returnDocument(ReturnDocument.AFTER));
            if (doc == null) {
                return Optional.empty();
            }
            Claim claim = new Claim(doc.getObjectId("_id"), id, doc.getString("conversationId"),
                    doc.getLong("seq"), doc.getString("text"),
                    Optional.ofNullable(doc.getString("key")), doc.getString("to"),
                    doc.getInteger("attempts"), lease);
            if (pending(claim)) {
                return Optional.of(claim);
            }
            // Its outcome was written by a worker that died before taking it out.
            outbox.deleteOne(held(claim));
        }
    }

    private boolean pending(Claim claim) {
        Document doc = messages.find(new Document("_id", claim.id())).first();
        Document delivery = doc == null ? null : doc.get("delivery", Document.class);
        return delivery != null && List.of("queued", "sending")
                .contains(delivery.getString("status"));
    }

    /** Whether an agent wrote the message: it is then not marked as automatic. */
    boolean fromPerson(Claim claim) {
        Document doc = messages.find(new Document("_id", claim.id())).first();
        return doc != null && String.valueOf(doc.getString("dedupe")).startsWith("agent:");
    }

    /**
     * Whether the message answers the patient (stored in their turn) rather than a notice said
     * outside one.
     */
    boolean isReply(Claim claim) {
        Document doc = messages.find(new Document("_id", claim.id())).first();
        return doc == null || !String.valueOf(doc.getString("dedupe")).startsWith("notice:");
    }

    /** Queues again messages stored as queued that have no outbox entry: a writer died. */
    int repair() {
        int queued = 0;
        for (Document doc : messages.find(Filters.and(Filters.eq("delivery.channel", CHANNEL),
                Filters.in("delivery.status", "queued", "sending")))) {
            Document delivery = doc.get("delivery", Document.class);
            try {
                outbox.insertOne(ConversationStore.outboxEntry(doc.getObjectId("_id"),
                        doc.getString("conversationId"), doc.getLong("seq"), CHANNEL,
                        delivery.getString("to"), doc.getString("text"), doc.getString("key"),
                        delivery.getDate("nextAttemptAt")));
                queued++;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return queued;
    }

    /**
     * Records the outcome if the lease is still this worker's; a retry goes back to the queue
     * at {@code retryAt}, anything else leaves the outbox.
     *
     * @param status {@code sent}, {@code delivered}, {@code queued}, {@code failed} or
     *               {@code suppressed}
     */
    boolean finish(Claim claim, String status, Optional<String> messageId,
                   Optional<String> error, Optional<Instant> retryAt, Instant now) {
        if (outbox.updateOne(held(claim), Updates.set("leaseUntil",
                Date.from(now.plus(claim.leaseLength())))).getMatchedCount() == 0) {
            return false;
        }
        messages.updateOne(new Document("_id", claim.id()), Updates.combine(
                Updates.set("delivery.status", status),
                Updates.set("delivery.attempts", claim.attempts()),
                Updates.set("delivery.updatedAt", Date.from(now)),
                Updates.set("delivery.providerId", messageId.orElse(null)),
                Updates.set("delivery.error", error.orElse(null)),
                messageId.isPresent() ? Updates.set("delivery.sentAt", Date.from(now))
                        : Updates.unset("delivery.sentAt")));
        if (retryAt.isPresent()) {
            outbox.updateOne(held(claim), Updates.combine(Updates.set("status", "queued"),
                    Updates.set("nextAttemptAt", Date.from(retryAt.get())),
                    Updates.unset("lease"), Updates.unset("leaseUntil")));
        } else {
            outbox.deleteOne(held(claim));
        }
        return true;
    }

    /** The conversation and seq of the message Parley sent as {@code messageId}, if any. */
    Optional<Sent> sent(String messageId) {
        return Optional.ofNullable(messages.find(new Document("delivery.providerId", messageId))
                .first()).filter(d -> d.get("delivery", Document.class) != null
                        && CHANNEL.equals(d.get("delivery", Document.class).getString("channel")))
                .map(d -> new Sent(d.getObjectId("_id"), d.getString("conversationId"),
                        d.getLong("seq"), d.get("delivery", Document.class).getString("to")));
    }

    /** One of Parley's sent messages. */
    record Sent(ObjectId id, String conversationId, long seq, String to) {
    }

    /** A permanent bounce: the message did not arrive. */
    void bounced(Sent sent, Optional<String> status, Instant now) {
        messages.updateOne(new Document("_id", sent.id()), Updates.combine(
                Updates.set("delivery.status", "bounced"),
                Updates.set("delivery.error", status.map(s -> "bounced " + s).orElse("bounced")),
                Updates.set("delivery.updatedAt", Date.from(now))));
    }

    private static Bson held(Claim claim) {
        return new Document("_id", claim.id()).append("lease", claim.lease());
    }
}
