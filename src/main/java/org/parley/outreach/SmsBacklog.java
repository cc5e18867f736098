package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.parley.conversation.ConversationStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.BooleanSupplier;

/**
 * How many texts wait in the SMS outbox: past their time (said by the sender but not yet handed
 * to Twilio), in all, and per sending number. The sending job says no more while too many are
 * late or the outbox is full, and each text takes room in it first (see {@link SmsRoom}), so
 * that texts are not said faster than they leave (a text handed over long after it was said
 * could leave outside contact hours), and so that the outbox the SMS workers read on every take
 * stays small.
 */
@FunctionalInterface
interface SmsBacklog {

    /** How long a run waits at most for the backlog to come down. */
    Duration WAIT = Duration.ofSeconds(3);
    /** How often it looks meanwhile. */
    Duration LOOK_EVERY = Duration.ofMillis(100);

    /**
     * The most texts that may wait in the SMS outbox in all, due or paced for later seconds,
     * whatever their numbers: its workers read them all on every take, so a longer queue slows
     * the hand-over to Twilio (3 s of texts at 100 a second). Each number has less room of its
     * own (see {@link SmsRoom}).
     */
    long QUEUED_MAX = 300;

    /** No backlog is ever seen: for a sender without an SMS outbox. */
    SmsBacklog NONE = now -> 0;

    /** The texts queued in the SMS outbox whose time to go had come by {@code now}. */
    long overdue(Instant now);

    /** Every text queued in the SMS outbox, due or paced for later. */
    default long queued() {
        return 0;
    }

    /**
     * The texts queued in the SMS outbox, due or paced for later, that go from {@code number}
     * (its outbox entries name it, see {@link SmsRoom}).
     */
    default long queued(String number) {
        return 0;
    }

    /**
     * Whether more than {@code max} texts are past their time, or the outbox is full: no text
     * more may wait in it.
     */
    default boolean over(long max, Instant now) {
        return overdue(now) > max || queued() >= QUEUED_MAX;
    }

    /**
     * How many more texts may be said before the backlog is over {@code max} past their time
     * or {@link #QUEUED_MAX} in all: what one batch of the run may take. Without an SMS outbox,
     * no bound.
     */
    default long room(long max, Instant now) {
        return Long.MAX_VALUE;
    }

    /**
     * Whether the backlog, now over {@code max} (or {@link #QUEUED_MAX} in all), comes down to
     * it soon enough to go on saying
     * texts in this run. Without a wait of its own (a test's fixed backlog), it does not.
     */
    default boolean eases(long max, Clock clock) {
        return waitFor(() -> !over(max, clock.instant()));
    }

    /**
     * Whether {@code ok}, asked again while the SMS sender hands texts over, comes true soon
     * enough to go on. Without a wait of its own (a test's fixed backlog), it does not.
     */
    default boolean waitFor(BooleanSupplier ok) {
        return false;
    }

    /**
     * Counted in the SMS outbox ({@code outbox}, channel {@code sms}) of {@code db}; over the
     * limit, it looks again every {@link #LOOK_EVERY} for up to {@link #WAIT}, so a run is not
     * given up for a backlog the SMS sender clears in a moment (the next run is seconds away,
     * and the texts queued ahead may be gone by then).
     */
    static SmsBacklog of(MongoDatabase db) {
        return of(db, WAIT);
    }

    /** Counted as {@link #of(MongoDatabase)} is, waiting up to {@code wait} (tests: none). */
    static SmsBacklog of(MongoDatabase db, Duration wait) {
        MongoCollection<Document> outbox = db.getCollection("outbox");
        return new SmsBacklog() {
            @Override
            public long overdue(Instant now) {
                return outbox.countDocuments(Filters.and(Filters.eq("channel", "sms"),
                        Filters.eq("status", "queued"),
                        Filters.lte("nextAttemptAt", Date.from(now))));
            }

            @Override
            public long queued(String number) {
                return outbox.countDocuments(Filters.and(Filters.eq("channel", "sms"),
                        Filters.eq("status", "queued"),
                        Filters.eq(ConversationStore.NUMBER, number)));
            }

            @Override
            public long room(long max, Instant now) {
                return Math.min(max - overdue(now), QUEUED_MAX - queued());
            }

            @Override
            public long queued() {
                return outbox.countDocuments(Filters.and(Filters.eq("channel", "sms"),
                        Filters.eq("status", "queued")));
            }

            @Override
            public boolean waitFor(BooleanSupplier ok) {
                long deadline = System.nanoTime() + wait.toNanos();
                while (System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(LOOK_EVERY);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                    if (ok.getAsBoolean()) {
                        return true;
                    }
                }
                return false;
            }
        };
    }
}
