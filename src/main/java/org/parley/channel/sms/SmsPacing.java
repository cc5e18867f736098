package org.parley.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.store.DuplicateKey;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Spaces the paced texts of each sending number as they are handed to Twilio, shared by every
 * instance: a number's document in {@code sms_pacing} holds the first instant (in microseconds)
 * not yet given to one of its texts, and a text takes that instant (or now, when it is later),
 * rounded up to the millisecond, and moves it on by one {@linkplain #stepMicros step}.
 *
 * <p>A text may go at its instant or at most {@linkplain #lateMicros a little late}, so a
 * second of hand-overs holds the texts whose instants lie in that second or just before it. A
 * step is therefore a little longer than {@code 1 / perSecond}: {@code perSecond} steps span a
 * second plus that lateness, plus the millisecond of rounding and {@link #MARGIN_MICROS} for the
 * request to reach Twilio. No second, however it is cut, holds more than {@code perSecond}
 * hand-overs (99.3 a second at most when the rate is 100), and a backlog (texts late after a
 * slow answer or a restart) goes out spaced, not together.
 */
final class SmsPacing {

    private static final String NEXT = "nextMicros";
    private static final long SECOND_MICROS = 1_000_000;
    /** The most a text may go after its instant, at any rate. */
    private static final long MAX_LATE_MICROS = 20_000;
    /** Rounding to the millisecond (1 ms) and the request on its way to Twilio (2 ms). */
    static final long MARGIN_MICROS = 3_000;

    private final MongoCollection<Document> numbers;

    SmsPacing(MongoDatabase db) {
        this.numbers = db.getCollection("sms_pacing");
    }

    /**
     * How late a text may still go after its instant at {@code perSecond}: half the rate's own
     * interval, at most 20 ms.
     */
    static long lateMicros(int perSecond) {
        return Math.min(SECOND_MICROS / (2L * Math.max(1, perSecond)), MAX_LATE_MICROS);
    }

    /** The length of one text's step at {@code perSecond}, in microseconds. */
    static long stepMicros(int perSecond) {
        int rate = Math.max(1, perSecond);
        return Math.ceilDiv(SECOND_MICROS + lateMicros(rate) + MARGIN_MICROS, rate);
    }

    /** Takes the next free instant of {@code number} at or after {@code now}. */
    Instant take(String number, int perSecond, Instant now) {
        Document id = new Document("_id", number);
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        // Two single-document updates, each atomic: the first lifts the free instant to now,
        // the second takes it; a text of another instance between the two takes the instant
        // before, which is also at or after now.
        DuplicateKey.upsert(numbers, id, Updates.max(NEXT, nowMicros));
        Document before = numbers.findOneAndUpdate(id, Updates.inc(NEXT, stepMicros(perSecond)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        // Rounded up: the outbox keeps instants to the millisecond, and a text must not go
        // before its own.
        return Instant.ofEpochMilli(Math.ceilDiv(before.getLong(NEXT), 1000L));
    }
}
