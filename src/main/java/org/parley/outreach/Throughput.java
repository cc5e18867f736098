package org.parley.outreach;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.store.DuplicateKey;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Twilio's throughput per sending number, shared by every instance: each second of each number
 * is a counter in {@code outreach_throughput}, and a text takes the first second whose counter
 * is still under the rate. A number's last full second is remembered so a long queue does not
 * count up from now every time.
 */
final class Throughput {

    /** How far ahead a text may be given a second; past that the queue is far too long. */
    private static final int MAX_SECONDS_AHEAD = 24 * 3600;
    private static final Duration KEEP = Duration.ofHours(1);

    private final MongoCollection<Document> seconds;

    Throughput(MongoDatabase db) {
        this.seconds = db.getCollection("outreach_throughput");
    }

    /**
     * Takes a place for one text from {@code number} at {@code perSecond} a second.
     *
     * @return {@code now} when it may go at once, else when it may go: its place in the first
     *     second with room, the second's texts spread evenly across it
     */
    Instant reserve(String number, int perSecond, Instant now) {
        Document hint = seconds.find(Filters.eq("_id", number)).first();
        long second = Math.max(now.getEpochSecond(), hint == null ? 0
                : hint.getLong("fullUpTo") + 1);
        for (long end = second + MAX_SECONDS_AHEAD; second < end; second++) {
            int count = increment(number + "@" + second, second);
            if (count == perSecond) {
                markFull(number, second);
            }
            if (count <= perSecond) {
                // The texts of one second are spread evenly across it, not sent in a clump at
                // its start that could run into the next second's.
                Instant at = Instant.ofEpochSecond(second)
                        .plusMillis((count - 1) * 1000L / perSecond);
                return at.isAfter(now) ? at : now;
            }
        }
        throw new IllegalStateException("Number " + number + " has no free second within a day "
                + "at " + perSecond + " a second; raise throughput.perSecond in the outreach "
                + "settings or send fewer messages");
    }

    /** Remembers that the number's seconds are full up to {@code second}. */
    private void markFull(String number, long second) {
        DuplicateKey.upsert(seconds, Filters.eq("_id", number), Updates.max("fullUpTo", second));
    }

    /** Forgets the counters of seconds long past. */
    void sweep(Instant now) {
        seconds.deleteMany(Filters.lt("at", Date.from(now.minus(KEEP))));
    }

    /**
     * Counts one more text in the second's counter and answers its place in the second, from 1.
     * Worked out from the counter as it was before, not read from it after: the embedded store
     * answers an update with the very document it keeps, and a text of another worker that
     * counts in the same second changes it before the answer is sent, so two texts would both
     * read 2 and the second's first place would go unused (a text a second late).
     */
    private int increment(String id, long second) {
        for (int attempt = 1; ; attempt++) {
            try {
                Document before = seconds.findOneAndUpdate(Filters.eq("_id", id),
                        Updates.combine(Updates.inc("count", 1), Updates.setOnInsert("at",
                                Date.from(Instant.ofEpochSecond(second)))),
                        new FindOneAndUpdateOptions().upsert(true)
                                .returnDocument(ReturnDocument.BEFORE));
                // None before (or an empty one, as some stores answer): this text's upsert
                // made the counter.
                return (before == null ? 0 : before.getInteger("count", 0)) + 1;
            } catch (MongoWriteException | MongoCommandException e) {
                // Two instances inserted the same second's counter at once: count again.
                if (!DuplicateKey.is(e) || attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
