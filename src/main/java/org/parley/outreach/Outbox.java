package org.parley.outreach;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outreach outbox: every proactive message is written here before anything is sent, one
 * document per {@link Send} in collection {@code outreach_sends} under the send's idempotency
 * key, and the sending job claims due documents from it with a lease. Every write that makes a
 * send due at some time is followed by its entry in {@link DueSends}, where the job finds it.
 *
 * <p>Fields of {@code outreach_sends} (read by the campaign results):
 * <ul>
 *   <li>{@code _id}: the send's key; {@code clientId}, {@code account}, {@code source}
 *       ({@code "alert"} or {@code "campaign"}), {@code event}, {@code campaignId} (null for an
 *       alert), {@code step} (0 for an alert), {@code template}, {@code args}, {@code channels},
 *       {@code options}, {@code goTo}, {@code after} ({@code {key, days}}: the account's
 *       earlier campaign step it follows, see {@link StepOrder})</li>
 *   <li>{@code dueAt} (date): when it may go out next; moved later by every hold</li>
 *   <li>{@code status}: {@code "scheduled"}, {@code "sending"} (claimed, with {@code claimedBy}
 *       and {@code leaseUntil}), {@code "sent"}, {@code "delivered"}, {@code "failed"} or
 *       {@code "suppressed"}</li>
 *   <li>{@code holds}: list of {@code {reason, at, until}}, one for every time the send was
 *       held back and rescheduled (quiet hours, caps, assistance pending, ...)</li>
 *   <li>{@code releases}: list of {@code {reason, at}}, one for every time a lifted hold made
 *       the send due at once ({@code account_hold_lifted}, {@code assistance_decided})</li>
 *   <li>{@code reason}: why a send is {@code suppressed} or {@code failed}</li>
 *   <li>{@code channel}, {@code conversationId}, {@code messageSeq}, {@code sentAt}: where
 *       and when it was said; {@code acceptedAt}: when its channel took the message (Twilio
 *       accepted the text, the mail server the email), recorded by the follow-up</li>
 *   <li>{@code deliveredAt}: from the SMS status callback; {@code failed} with a reason from
 *       a failed delivery or an email bounce</li>
 *   <li>{@code repliedAt}: the patient's first reply after the send in that conversation;
 *       {@code optedOutAt}: when they opted out of that channel after it</li>
 * </ul>
 */
public final class Outbox {

    /** The collection of sends. */
    public static final String COLLECTION = "outreach_sends";

    private final MongoCollection<Document> sends;
    private final Contacts contacts;
    private final DueSends due;
    private final Clock clock;

    /** Over {@code db}, on the system clock. */
    public Outbox(MongoDatabase db) {
        this(db, Clock.systemUTC());
    }

    /** Over {@code db}; {@code clock} says which second's lane a send due now goes in. */
    public Outbox(MongoDatabase db, Clock clock) {
        this.sends = db.getCollection(COLLECTION);
        this.clock = clock;
        this.contacts = new Contacts(db);
        this.due = new DueSends(db, sends, clock);
        // Unique by _id anyway: they answer the sender's conditional claims and writes (the
        // send as it was read, the send while its worker holds it) from an index, where the
        // embedded store would otherwise read every send for each.
        IndexOptions unique = new IndexOptions().unique(true);
        sends.createIndex(Indexes.ascending("_id", "status", "dueAt"), unique);
        sends.createIndex(Indexes.ascending("_id", "status", "leaseUntil"), unique);
        sends.createIndex(Indexes.ascending("_id", "status", "claimedBy"), unique);
        sends.createIndex(Indexes.ascending("_id", "status"), unique);
        sends.createIndex(Indexes.ascending("status", "dueAt"));
        sends.createIndex(Indexes.ascending("clientId", "account", "status"));
        sends.createIndex(Indexes.ascending("conversationId", "sentAt"));
        sends.createIndex(Indexes.ascending("campaignId", "step"));
    }

    /**
     * Records {@code send} as scheduled, once.
     *
     * @return true when it was recorded now, false when a send with its key already exists
     *     (whatever its status), in which case nothing changes and nothing is sent again
     */
    public boolean schedule(Send send) {
        Document doc = new Document("_id", send.key())
                .append("clientId", send.clientId())
                .append("account", send.account())
                .append("source", send.source())
                .append("event", send.event())
                .append("campaignId", send.campaignId())
                .append("step", send.step())
                .append("template", send.template())
                .append("args", encode(send.args()))
                .append("channels", send.channels())
                .append("dueAt", Date.from(send.dueAt()))
                .append("options", send.options())
                .append("goTo", send.goTo().orElse(null))
                .append("status", "scheduled")
                .append("holds", List.of());
        send.after().ifPresent(a -> doc.append("after", new Document("key", a.key())
                .append("days", a.days())));
        try {
            sends.insertOne(doc);
            due.enter(send.clientId(), send.key(), send.dueAt());
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    /**
     * Ends now the lease of every send a worker holds, as if each had run out: for a start on a
     * store no other process can reach, where every worker holding one died with its process.
     * Each send is then taken over as one whose lease ran out: a send already said in its
     * conversation is marked sent, not said again. Reads every send once on the embedded store.
     *
     * @return how many sends were released
     */
    public int releaseClaims() {
        Instant now = clock.instant();
        List<DueSends.Entry> released = new ArrayList<>();
        for (Document held : sends.find(Filters.and(Filters.eq("status", "sending"),
                Filters.gt("leaseUntil", Date.from(now))))
                .projection(Projections.include("clientId", "status", "leaseUntil"))) {
            // The send as read, by the keys of a unique index: one lookup, not another scan.
            if (sends.updateOne(new Document("_id", held.getString("_id"))
                            .append("status", "sending")
                            .append("leaseUntil", held.getDate("leaseUntil")),
                    Updates.set("leaseUntil", Date.from(now))).getModifiedCount() == 1) {
                released.add(new DueSends.Entry(held.getString("clientId"),
                        held.getString("_id"), now));
            }
        }
        due.enter(released);
        return released.size();
    }

    /** Stores arguments so that they read back with their types: money, dates and text. */
    static Document encode(Map<String, Object> args) {
        Document out = new Document();
        args.forEach((name, value) -> out.append(name, switch (value) {
            case BigDecimal b -> new Decimal128(b);
            case LocalDate d -> new Document("date", d.toString());
            case Instant i -> Date.from(i);
            default -> value;
        }));
        return out;
    }

    /** The arguments {@link #encode} stored, with their Java types back. */
    static Map<String, Object> decode(Document stored) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (stored == null) {
            return out;
        }
        stored.forEach((name, value) -> out.put(name, switch (value) {
            case Decimal128 d -> d.bigDecimalValue();
            case Document d when d.containsKey("date") -> LocalDate.parse(d.getString("date"));
            case Date d -> d.toInstant();
            default -> value;
        }));
        return out;
    }

    MongoCollection<Document> collection() {
        return sends;
    }

    Contacts contacts() {
        return contacts;
    }

    DueSends due() {
        return due;
    }

    /**
     * Tells the sending job that the sends {@code filter} finds came due at {@code at}; call
     * after writing them so (a campaign resumed), as {@link #schedule} does for a new send.
     */
    public void cameDue(Bson filter, Instant at) {
        due.enter(sends.find(filter).projection(Projections.include("clientId"))
                .map(d -> new DueSends.Entry(d.getString("clientId"), d.getString("_id"), at))
                .into(new ArrayList<>()));
    }
}
