package org.parley.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The SMS outbox: outbound messages in the {@code messages} collection whose {@code delivery}
 * says where they stand. A worker claims one with a lease in a single atomic update, and every
 * later write is conditional on still holding that lease, so across any number of instances a
 * message is handed to Twilio by one worker at a time.
 */
final class SmsOutbox {

    static final String CHANNEL = "sms";

    private final MongoCollection<Document> messages;

    SmsOutbox(MongoDatabase db) {
        this.messages = db.getCollection("messages");
        messages.createIndex(Indexes.ascending("delivery.status", "delivery.nextAttemptAt"));
        messages.createIndex(Indexes.ascending("delivery.providerId"));
    }

    /** A message this worker holds until {@code leaseUntil}. */
    record Claim(ObjectId id, String lease, String conversationId, long seq, String text,
                 Optional<String> key, String to, int attempts) {
    }

    /** What a status callback did to the message it names. */
    enum Applied { CHANGED, UNCHANGED, UNKNOWN }

    /** The message a provider id belongs to, for a status callback. */
    record Sent(String conversationId, long seq, String to, DeliveryStatus status) {
    }

    /**
     * Claims the next due message: a queued one whose time has come, or one whose previous
     * worker let its lease run out.
     */
    Optional<Claim> claim(Instant now, Instant leaseUntil) {
        Date at = Date.from(now);
        Bson due = Filters.and(Filters.eq("delivery.channel", CHANNEL), Filters.or(
                Filters.and(Filters.eq("delivery.status", DeliveryStatus.QUEUED.stored()),
                        Filters.lte("delivery.nextAttemptAt", at)),
                Filters.and(Filters.eq("delivery.status", DeliveryStatus.SENDING.stored()),
                        Filters.lte("delivery.leaseUntil", at))));
        String lease = UUID.randomUUID().toString();
        Bson take = Updates.combine(
                Updates.set("delivery.status", DeliveryStatus.SENDING.stored()),
                Updates.set("delivery.lease", lease),
                Updates.set("delivery.leaseUntil", Date.from(leaseUntil)),
                Updates.set("delivery.updatedAt", at),
                Updates.inc("delivery.attempts", 1));
        Document doc = messages.findOneAndUpdate(due, take, new FindOneAndUpdateOptions()
                .sort(Sorts.ascending("delivery.nextAttemptAt", "seq"))
                .returnDocument(ReturnDocument.AFTER));
        if (doc == null) {
            return Optional.empty();
        }
        Document delivery = doc.get("delivery", Document.class);
        return Optional.of(new Claim(doc.getObjectId("_id"), lease, doc.getString("conversationId"),
                doc.getLong("seq"), doc.getString("text"),
                Optional.ofNullable(doc.getString("key")), delivery.getString("to"),
                delivery.getInteger("attempts")));
    }

    /** Twilio accepted the message under {@code providerId}. */
    boolean sent(Claim claim, String providerId, SmsEncoding.Measure measure, Instant now) {
        return finish(claim, DeliveryStatus.SENT, measure, now, Updates.combine(
                Updates.set("delivery.providerId", providerId),
                Updates.set("delivery.sentAt", Date.from(now)),
                Updates.unset("delivery.errorCode"),
                Updates.unset("delivery.error")));
    }

    /** The development outbox took the message: it is delivered there and then. */
    boolean delivered(Claim claim, String providerId, String via, SmsEncoding.Measure measure,
                      Instant now) {
        return finish(claim, DeliveryStatus.DELIVERED, measure, now, Updates.combine(
                Updates.set("delivery.providerId", providerId),
                Updates.set("delivery.channel", via),
                Updates.set("delivery.sentAt", Date.from(now))));
    }

    /** A transient failure: back to the queue until {@code nextAttemptAt}. */
    boolean retry(Claim claim, Instant nextAttemptAt, Optional<Integer> code, String reason,
                  SmsEncoding.Measure measure, Instant now) {
        return finish(claim, DeliveryStatus.QUEUED, measure, now, Updates.combine(
                Updates.set("delivery.nextAttemptAt", Date.from(nextAttemptAt)),
                Updates.set("delivery.errorCode", code.orElse(null)),
                Updates.set("delivery.error", reason)));
    }

    /** A permanent failure, with the provider's code and reason. */
    boolean failed(Claim claim, Optional<Integer> code, String reason, SmsEncoding.Measure measure,
                   Instant now) {
        return finish(claim, DeliveryStatus.FAILED, measure, now, Updates.combine(
                Updates.set("delivery.errorCode", code.orElse(null)),
                Updates.set("delivery.error", reason)));
    }

    /** Not sent because the number opted out. */
    boolean suppressed(Claim claim, SmsEncoding.Measure measure, Instant now) {
        return finish(claim, DeliveryStatus.SUPPRESSED, measure, now,
                Updates.set("delivery.error", "opted_out"));
    }

    private boolean finish(Claim claim, DeliveryStatus status, SmsEncoding.Measure measure,
                           Instant now, Bson more) {
        Bson held = Filters.and(Filters.eq("_id", claim.id()),
                Filters.eq("delivery.status", DeliveryStatus.SENDING.stored()),
                Filters.eq("delivery.lease", claim.lease()));
        Bson update = Updates.combine(
                Updates.set("delivery.status", status.stored()),
                Updates.set("delivery.encoding", measure.encoding().name()),
                Updates.set("delivery.segments", measure.segments()),
                Updates.set("delivery.updatedAt", Date.from(now)),
                Updates.unset("delivery.lease"),
                Updates.unset("delivery.leaseUntil"),
                more);
        return messages.updateOne(held, update).getModifiedCount() == 1;
    }

    /** The message Twilio knows as {@code providerId}, if it is one of Parley's. */
    Optional<Sent> findByProviderId(String providerId) {
        return Optional.ofNullable(messages.find(Filters.eq("delivery.providerId", providerId))
                .first()).map(doc -> {
                    Document delivery = doc.get("delivery", Document.class);
                    return new Sent(doc.getString("conversationId"), doc.getLong("seq"),
                            delivery.getString("to"),
                            DeliveryStatus.valueOf(
                                    delivery.getString("status").toUpperCase(Locale.ROOT)));
                });
    }

    /**
     * Moves the message forward to {@code status}; a message already there or past it is left
     * alone, so a late or repeated callback changes nothing. The condition is part of the update,
     * so two callbacks racing cannot undo each other.
     */
    Applied apply(String providerId, DeliveryStatus status, Optional<Integer> errorCode,
                  Instant now) {
        Bson earlier = Filters.and(Filters.eq("delivery.providerId", providerId),
                Filters.in("delivery.status", status.earlier()));
        List<Bson> sets = new ArrayList<>(List.of(
                Updates.set("delivery.status", status.stored()),
                Updates.set("delivery.updatedAt", Date.from(now))));
        errorCode.ifPresent(code -> sets.add(Updates.set("delivery.errorCode", code)));
        if (messages.updateOne(earlier, Updates.combine(sets)).getModifiedCount() == 1) {
            return Applied.CHANGED;
        }
        return findByProviderId(providerId).isPresent() ? Applied.UNCHANGED : Applied.UNKNOWN;
    }

    /** Every message of a conversation after {@code afterSeq}, in order, as a phone sees it. */
    List<PhoneMessage> thread(String conversationId, long afterSeq) {
        return messages.find(Filters.and(Filters.eq("conversationId", conversationId),
                        Filters.gt("seq", afterSeq)))
                .sort(Sorts.ascending("seq"))
                .map(SmsOutbox::phoneMessage)
                .into(new ArrayList<>());
    }

    private static PhoneMessage phoneMessage(Document doc) {
        Document delivery = doc.get("delivery", Document.class);
        String from = doc.getString("from");
        String text = doc.getString("text");
        Instant at = doc.getDate("at").toInstant();
        if (delivery == null) {
            SmsEncoding.Measure measure = SmsEncoding.measure(text);
            return new PhoneMessage(doc.getString("conversationId"), doc.getLong("seq"), from, text,
                    "received", measure.encoding(), measure.segments(), at);
        }
        String sent = SmsText.plain(text);
        SmsEncoding.Measure measure = SmsEncoding.measure(sent);
        SmsEncoding encoding = Optional.ofNullable(delivery.getString("encoding"))
                .map(SmsEncoding::valueOf).orElse(measure.encoding());
        int segments = Optional.ofNullable(delivery.getInteger("segments"))
                .orElse(measure.segments());
        return new PhoneMessage(doc.getString("conversationId"), doc.getLong("seq"), from, sent,
                delivery.getString("status"), encoding, segments, at);
    }
}
