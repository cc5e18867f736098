package org.parley.outreach;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Room in the SMS outbox, per sending number and in all, that a text takes before it is said
 * and gives back once it is said or held. A number's texts queued there may cover no more than
 * {@link #AHEAD} of its sending at its {@code perSecond} (at least {@link #FLOOR}), so a text
 * said now reaches Twilio within seconds, not behind a queue other numbers filled; and the
 * whole outbox holds no more than {@link SmsBacklog#QUEUED_MAX}, since every claim of the SMS
 * sender reads it whole.
 *
 * <p>Taken under one lock, so workers saying side by side never overshoot: a text counts from
 * the moment it takes its room, through its saying, until the outbox is counted again. The
 * outbox is counted when a batch begins ({@link #forget}) and whenever the room seems used up,
 * since the SMS sender takes texts out meanwhile. Only one instance runs the sending job at a
 * time (its lease), so the lock of one process is enough.
 */
final class SmsRoom {

    /** How much of a number's sending may wait in the SMS outbox. */
    static final Duration AHEAD = Duration.ofSeconds(3);
    /** The fewest texts a number may have waiting, however slow its rate. */
    static final int FLOOR = 5;
    /** The reason a send is held when its number had no room in time. */
    static final String REASON = "sms_backlog";

    /** What was counted of one number's texts, or of all, and what was taken since. */
    private static final class Count {
        /** Queued in the outbox when last counted; -1 when to be counted before use. */
        private long counted = -1;
        /** Said since it was counted: in the outbox now, or soon. */
        private long said;
        /** Taken and being said. */
        private long taking;

        long estimate() {
            return counted + said + taking;
        }

        void count(long queued) {
            counted = queued;
            said = 0;
        }
    }

    /** Room one text holds; {@link #close} gives it back, as said once {@link #said}. */
    final class Taken implements AutoCloseable {
        private final String number;
        private boolean said;
        private boolean closed;

        private Taken(String number) {
            this.number = number;
        }

        /** The text is being said: from now on it counts as in the outbox. */
        void said() {
            said = true;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                release(number, said);
            }
        }
    }

    private final SmsBacklog backlog;
    private final Map<String, Count> numbers = new HashMap<>();
    private final Count all = new Count();

    SmsRoom(SmsBacklog backlog) {
        this.backlog = backlog;
    }

    /** The outbox whose texts are counted. */
    SmsBacklog backlog() {
        return backlog;
    }

    /** How many texts from a number at {@code perSecond} a second may wait in the outbox. */
    static long limit(int perSecond) {
        return Math.max(FLOOR, AHEAD.toSeconds() * Math.max(1, perSecond));
    }

    /**
     * Room for one text from {@code number}, waiting for the SMS sender to make some as the
     * outbox lets it (see {@link SmsBacklog#waitFor}); empty when none came.
     */
    Optional<Taken> take(String number, int perSecond) {
        Optional<Taken> now = tryTake(number, perSecond);
        if (now.isPresent()) {
            return now;
        }
        AtomicReference<Taken> later = new AtomicReference<>();
        backlog.waitFor(() -> {
            tryTake(number, perSecond).ifPresent(later::set);
            return later.get() != null;
        });
        return Optional.ofNullable(later.get());
    }

    /** Room for one text from {@code number} now, the outbox counted again if it seems full. */
    synchronized Optional<Taken> tryTake(String number, int perSecond) {
        Count mine = numbers.computeIfAbsent(number, n -> new Count());
        long limit = limit(perSecond);
        if (mine.counted < 0 || mine.estimate() >= limit) {
            mine.count(backlog.queued(number));
        }
        if (all.counted < 0 || all.estimate() >= SmsBacklog.QUEUED_MAX) {
            all.count(backlog.queued());
        }
        if (mine.estimate() >= limit || all.estimate() >= SmsBacklog.QUEUED_MAX) {
            return Optional.empty();
        }
        mine.taking++;
        all.taking++;
        return Optional.of(new Taken(number));
    }

    /** Counts the outbox again at the next take: a batch begins, texts have left since. */
    synchronized void forget() {
        numbers.values().forEach(c -> c.counted = -1);
        all.counted = -1;
    }

    private synchronized void release(String number, boolean said) {
        Count mine = numbers.get(number);
        mine.taking--;
        all.taking--;
        if (said) {
            mine.said++;
            all.said++;
        }
    }
}
