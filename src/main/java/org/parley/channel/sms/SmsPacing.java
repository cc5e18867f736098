package org.parley.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.store.DuplicateKey;

import java.time.Instant;

/**
 * Spaces the paced texts of each sending number as they are handed to Twilio, shared by every
 * instance: a number's document in {@code sms_pacing} holds the first instant not yet given to
 * one of its texts, and a text takes that instant (or now, when it is later) and moves it on by
 * one step of {@code ceil(1000 / perSecond)} milliseconds. No two texts of a number share a
 * step, so no wall-clock second holds more than {@code perSecond} hand-overs, and a backlog
 * (texts late after a slow answer or a restart) goes out spaced, not together.
 */
final class SmsPacing {

    private static final String NEXT = "next";

    private final MongoCollection<Document> numbers;

    SmsPacing(MongoDatabase db) {
        this.numbers = db.getCollection("sms_pacing");
    }

    /** The length of one text's step at {@code perSecond}, in milliseconds. */
    static long stepMillis(int perSecond) {
        return Math.ceilDiv(1000L, Math.max(1, perSecond));
    }

    /** Takes the next free instant of {@code number} at or after {@code now}. */
    Instant take(String number, int perSecond, Instant now) {
        Document id = new Document("_id", number);
        // Two single-document updates, each atomic: the first lifts the free instant to now,
        // the second takes it; a text of another instance between the two takes the instant
        // before, which is also at or after now.
        DuplicateKey.upsert(numbers, id, Updates.max(NEXT, now.toEpochMilli()));
        Document before = numbers.findOneAndUpdate(id, Updates.inc(NEXT, stepMillis(perSecond)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        return Instant.ofEpochMilli(before.getLong(NEXT));
    }
}
