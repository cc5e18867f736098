package org.parley.channel.sms;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.parley.conversation.ConversationStore;
import org.parley.conversation.HeldTexts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The SMS outbox: each outbound text waits in the small {@code outbox} collection, one document
 * per message under the message's own {@code _id}, while the message in {@code messages} keeps
 * its {@code delivery} for the transcript and the status callbacks. A worker claims an outbox
 * document with a lease in a single atomic update, and renews that lease, still conditionally,
 * before it records the outcome, so across any number of instances a message is handed to
 * Twilio by one worker at a time and a worker whose lease was taken over records nothing. The
 * outbox document is deleted once the message is sent or given up on; the message is written
 * first, so a worker that dies between the two leaves an outbox document whose next claim finds
 * the message already done.
 */
final class SmsOutbox {

    static final String CHANNEL = "sms";

    private static final String QUEUED = DeliveryStatus.QUEUED.stored();
    private static final String SENDING = DeliveryStatus.SENDING.stored();
    /** On a paced text's outbox entry: the hand-over instant it waits for. */
    private static final String SLOT = "slotAt";

    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> outbox;
    private final SmsPacing pacing;
    private final HeldTexts heldTexts;

    SmsOutbox(MongoDatabase db) {
        this.pacing = new SmsPacing(db);
        this.heldTexts = HeldTexts.of(db);
        this.messages = db.getCollection("messages");
        this.outbox = db.getCollection("outbox");
        messages.createIndex(Indexes.ascending("delivery.status", "delivery.nextAttemptAt"));
        messages.createIndex(Indexes.ascending("delivery.providerId"));
        outbox.createIndex(Indexes.ascending("channel", "status", "nextAttemptAt"));
        // Unique by _id anyway: it answers the lease-holder's conditional writes from an index.
        outbox.createIndex(Indexes.ascending("_id", "lease"), new IndexOptions().unique(true));
    }

    /**
     * A message this worker holds until {@code leaseUntil}.
     *
     * @param perSecond the rate its sending number's paced texts are spaced at; 0 for a text
     *                  that is not paced (a reply in a conversation)
     * @param slot      the hand-over instant taken for it before it was put back to wait for it
     * @param goBy      when its patient's contact hours end: it is not handed over from then on
     */
    record Claim(ObjectId id, String lease, String conversationId, long seq, String text,
                 Optional<String> key, String to, int attempts, Duration leaseLength,
                 int perSecond, Optional<Instant> slot, Optional<Instant> goBy) {
    }

    /** What a status callback did to the message it names. */
    enum Applied { CHANGED, UNCHANGED, UNKNOWN }

    /** The message a provider id belongs to, for a status callback. */
    record Sent(String conversationId, long seq, String to, DeliveryStatus status) {
    }

    /**
     * Claims the next due message: a queued one whose time has come, or one whose previous
     * worker let its lease run out, of a conversation not in {@code busy}. Texts that are not
     * paced (replies in a conversation) come before paced ones, then the earliest due. A message
     * that worker already recorded an outcome for is only taken out of the outbox.
     */
    Optional<Claim> claim(Instant now, Instant leaseUntil, Set<String> busy) {
        while (true) {
            Optional<Claim> claim = take(now, leaseUntil, busy);
            if (claim.isEmpty() || claim.get().attempts() == 1 || pending(claim.get())) {
                return claim;
            }
            outbox.deleteOne(held(claim.get()));
        }
    }

    private Optional<Claim> take(Instant now, Instant leaseUntil, Set<String> busy) {
        Date at = Date.from(now);
        Bson due = Filters.and(Filters.eq("channel", CHANNEL), Filters.or(
                Filters.and(Filters.eq("status", QUEUED), Filters.lte("nextAttemptAt", at)),
                Filters.and(Filters.eq("status", SENDING), Filters.lte("leaseUntil", at))));
        if (!busy.isEmpty()) {
            due = Filters.and(due, Filters.nin("conversationId", busy));
        }
        String lease = UUID.randomUUID().toString();
        Bson take = Updates.combine(
                Updates.set("status", SENDING),
                Updates.set("lease", lease),
                Updates.set("leaseUntil", Date.from(leaseUntil)),
                Updates.inc("attempts", 1));
        Document doc = outbox.findOneAndUpdate(due, take, new FindOneAndUpdateOptions()
                // No perSecond (a reply) sorts before any number.
                .sort(Sorts.ascending(ConversationStore.PER_SECOND, "nextAttemptAt", "seq"))
                .returnDocument(ReturnDocument.AFTER));
        if (doc == null) {
            return Optional.empty();
        }
        return Optional.of(new Claim(doc.getObjectId("_id"), lease, doc.getString("conversationId"),
                doc.getLong("seq"), doc.getString("text"),
                Optional.ofNullable(doc.getString("key")), doc.getString("to"),
                doc.getInteger("attempts"), Duration.between(now, leaseUntil),
                doc.getInteger(ConversationStore.PER_SECOND, 0),
                Optional.ofNullable(doc.getDate(SLOT)).map(Date::toInstant),
                Optional.ofNullable(doc.getDate(ConversationStore.GO_BY)).map(Date::toInstant)));
    }

    /**
     * Puts a claimed paced text back to wait for its hand-over {@code slot}, not counted as a
     * try; false when the lease is no longer this worker's.
     */
    boolean await(Claim claim, Instant slot) {
        return putBack(claim, slot, Updates.set(SLOT, Date.from(slot)));
    }

    private boolean putBack(Claim claim, Instant at, Bson slot) {
        messages.updateOne(new Document("_id", claim.id()),
                Updates.set("delivery.nextAttemptAt", Date.from(at)));
        return outbox.updateOne(held(claim), Updates.combine(
                Updates.set("status", QUEUED),
                Updates.set("nextAttemptAt", Date.from(at)),
                slot,
                Updates.inc("attempts", -1),
                Updates.unset("lease"),
                Updates.unset("leaseUntil"),
                Updates.unset(ConversationStore.HANDED))).getModifiedCount() == 1;
    }

    /**
     * Marks the claimed text handed over to Twilio, unless a pause or cancel took it back while
     * it was held ({@link ConversationStore#withdraw}): one conditional write against the
     * take-back's own, so of the two exactly one wins. Taken back, the text leaves the outbox
     * (the take-back stored it as suppressed) and false is answered; false also when the lease
     * is no longer this worker's. The sender sends only after true.
     */
    boolean hand(Claim claim, Instant now) {
        if (outbox.updateOne(Filters.and(held(claim),
                        Filters.exists(ConversationStore.WITHDRAWN, false)),
                Updates.set(ConversationStore.HANDED, Date.from(now))).getMatchedCount() == 1) {
            return true;
        }
        drop(claim);
        return false;
    }

    /** Whether the claimed message still waits to be sent: a retry, not a recorded outcome. */
    private boolean pending(Claim claim) {
        Document doc = messages.find(new Document("_id", claim.id()))
                .projection(Projections.include("delivery.status")).first();
        return doc != null && List.of(QUEUED, SENDING)
                .contains(doc.get("delivery", Document.class).getString("status"));
    }

    /**
     * Queues again every message stored as queued or sending that has no outbox document: a
     * writer died between storing the message and queueing it. Returns how many were queued.
     */
    int repair() {
        int queued = 0;
        for (Document doc : messages.find(Filters.and(Filters.eq("delivery.channel", CHANNEL),
                Filters.in("delivery.status", QUEUED, SENDING)))) {
            Document delivery = doc.get("delivery", Document.class);
            try {
                outbox.insertOne(ConversationStore.outboxEntry(doc.getObjectId("_id"),
                        doc.getString("conversationId"), doc.getLong("seq"), CHANNEL,
                        delivery.getString("to"), doc.getString("text"), doc.getString("key"),
                        delivery.getDate("nextAttemptAt")).append("attempts",
                        delivery.getInteger("attempts", 0)).append(ConversationStore.PER_SECOND,
                        delivery.getInteger(ConversationStore.PER_SECOND)).append(
                        ConversationStore.GO_BY, delivery.getDate(ConversationStore.GO_BY)));
                queued++;
            } catch (MongoWriteException e) {
                // Already in the outbox: the usual case.
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
        }
        return queued;
    }

    /** The hand-over steps of each sending number, kept in the same store. */
    SmsPacing pacing() {
        return pacing;
    }

    /** The texts this process's sender holds handed over, before their requests. */
    HeldTexts heldTexts() {
        return heldTexts;
    }

    /** Removes a claimed text a pause or cancel took back; the take-back stored it. */
    void drop(Claim claim) {
        outbox.deleteOne(held(claim));
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
        return finish(claim, DeliveryStatus.QUEUED, measure, now, Optional.of(nextAttemptAt),
                Updates.combine(Updates.set("delivery.nextAttemptAt", Date.from(nextAttemptAt)),
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

    /**
     * Not sent because its patient's contact hours ended before it could be handed over
     * ({@link SmsSender#CONTACT_HOURS_ENDED}); the outreach that said it says it again in the
     * next hours.
     */
    boolean lapsed(Claim claim, SmsEncoding.Measure measure, Instant now) {
        return finish(claim, DeliveryStatus.SUPPRESSED, measure, now,
                Updates.set("delivery.error", SmsSender.CONTACT_HOURS_ENDED));
    }

    /** Not sent because the number opted out. */
    boolean suppressed(Claim claim, SmsEncoding.Measure measure, Instant now) {
        return finish(claim, DeliveryStatus.SUPPRESSED, measure, now,
                Updates.set("delivery.error", "opted_out"));
    }

    /**
     * Records the outcome if the lease is still this worker's: renews it, writes the message,
     * then takes the message out of the outbox, or for a retry puts it back in the queue.
     */
    private boolean finish(Claim claim, DeliveryStatus status, SmsEncoding.Measure measure,
                           Instant now, Bson more) {
        return finish(claim, status, measure, now, Optional.empty(), more);
    }

    private boolean finish(Claim claim, DeliveryStatus status, SmsEncoding.Measure measure,
                           Instant now, Optional<Instant> retryAt, Bson more) {
        if (outbox.updateOne(held(claim), Updates.set("leaseUntil",
                Date.from(now.plus(claim.leaseLength())))).getMatchedCount() == 0) {
            return false;
        }

        messages.updateOne(new Document("_id", claim.id()), Updates.combine(
                Updates.set("delivery.status", status.stored()),
                Updates.set("delivery.attempts", claim.attempts()),
                Updates.set("delivery.encoding", measure.encoding().name()),
                Updates.set("delivery.segments", measure.segments()),
                Updates.set("delivery.updatedAt", Date.from(now)),
                more));

        if (retryAt.isPresent()) {
            outbox.updateOne(held(claim), Updates.combine(
                    Updates.set("status", QUEUED),
                    Updates.set("nextAttemptAt", Date.from(retryAt.get())),
                    Updates.unset("lease"),
                    Updates.unset("leaseUntil"),
                    Updates.unset(ConversationStore.HANDED)));
        } else {
            outbox.deleteOne(held(claim));
        }
        return true;
    }

    /** The claim's outbox document, as long as its lease is still the claim's. */
    private static Bson held(Claim claim) {
        return new Document("_id", claim.id()).append("lease", claim.lease());
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
