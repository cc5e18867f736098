package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * How many texts wait in the SMS outbox past their time: said by the sender but not yet handed
 * to Twilio. The sending job says no more while this is high, so that texts are not said
 * faster than they leave (a text handed over long after it was said could leave outside
 * contact hours), and so that the outbox the SMS workers read on every take stays small.
 */
@FunctionalInterface
interface SmsBacklog {

    /** How long a run waits at most for the backlog to come down. */
    Duration WAIT = Duration.ofSeconds(3);
    /** How often it looks meanwhile. */
    Duration LOOK_EVERY = Duration.ofMillis(100);

    /** No backlog is ever seen: for a sender without an SMS outbox. */
    SmsBacklog NONE = now -> 0;

    /** The texts queued in the SMS outbox whose time to go had come by {@code now}. */
    long overdue(Instant now);

    /**
     * Whether the backlog, now over {@code max}, comes down to it soon enough to go on saying
     * texts in this run. Without a wait of its own (a test's fixed backlog), it does not.
     */
    default boolean eases(long max, Clock clock) {
        return false;
    }

    /**
     * Counted in the SMS outbox ({@code outbox}, channel {@code sms}) of {@code db}; over the
     * limit, it looks again every {@link #LOOK_EVERY} for up to {@link #WAIT}, so a run is not
     * given up for a backlog the SMS sender clears in a moment (the next run is seconds away,
     * and the texts queued ahead may be gone by then).
     */
    static SmsBacklog of(MongoDatabase db) {
        MongoCollection<Document> outbox = db.getCollection("outbox");
        return new SmsBacklog() {
            @Override
            public long overdue(Instant now) {
                return outbox.countDocuments(Filters.and(Filters.eq("channel", "sms"),
                        Filters.eq("status", "queued"),
                        Filters.lte("nextAttemptAt", Date.from(now))));
            }

            @Override
            public boolean eases(long max, Clock clock) {
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(LOOK_EVERY);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (overdue(clock.instant()) <= max) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
