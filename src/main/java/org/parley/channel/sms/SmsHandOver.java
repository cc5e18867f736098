package org.parley.channel.sms;

import org.parley.conversation.HeldTexts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * When a claimed text goes to Twilio: a paced one at its step of its sending number's
 * throughput, waited for on the sender's pass, and before its patient's contact hours end; and
 * every text only if a pause or cancel did not take it back, checked with the step again on
 * its request's own thread just before the request, so a request started late on a busy
 * machine does not carry its text past its step.
 */
final class SmsHandOver {

    /**
     * How long a worker waits for a paced text's step itself; a step further off puts the text
     * back in the queue with a wake at its step. A step at 10 a second (102.3 ms) is waited for.
     */
    static final Duration SHORT_WAIT = Duration.ofMillis(150);

    private static final System.Logger LOG = System.getLogger(SmsSender.class.getName());

    private final SmsOutbox outbox;
    private final SmsPacing pacing;
    private final HeldTexts held;
    private final Clock clock;
    private final Runnable flush;
    private final Consumer<Duration> wakeIn;
    private volatile SmsSender.Lapses lapses = SmsSender.Lapses.NONE;

    /**
     * @param flush  makes the store's writes so far durable (see SmsSender)
     * @param wakeIn looks at the outbox again after a while, for a text put back to its step
     */
    SmsHandOver(SmsOutbox outbox, Clock clock, Runnable flush, Consumer<Duration> wakeIn) {
        this.outbox = outbox;
        this.pacing = outbox.pacing();
        this.held = outbox.heldTexts();
        this.clock = clock;
        this.flush = flush;
        this.wakeIn = wakeIn;
    }

    /** Whom to tell of texts not sent because contact hours ended first. */
    void onLapse(SmsSender.Lapses lapses) {
        this.lapses = lapses;
    }

    /**
     * On the sender's pass, for a paced text: waits for its own step of its sending number's
     * throughput, the step taken for it before while it can still be kept, else the number's
     * next free one, and answers it. A step at most {@link #SHORT_WAIT} off is waited for here;
     * a later one puts the text back in the queue until then, so it neither holds a pass nor
     * goes early, and a step at or after the text's {@code goBy} (its patient's contact hours
     * end) is not waited for: the text lapses. A text is marked handed over before its wait of
     * at most {@link #SHORT_WAIT}, unless a pause or cancel took it back; from then on it goes
     * unless a pause or cancel in this process takes it back before its request
     * ({@link HeldTexts}), and a step it misses (woken late) is followed by the next free one
     * however far off.
     * Empty when it went back to the queue, lapsed or was taken back.
     * The pass waiting keeps the number's steps taken no further ahead than the texts being
     * handed over.
     */
    Optional<Instant> step(SmsOutbox.Claim claim, String from, SmsEncoding.Measure measure) {
        return step(claim, from, measure, claim.slot(), false);
    }

    /**
     * On the text's request thread, the last thing before the request: whether it goes now. A
     * text that is not paced must not have been taken back ({@link SmsOutbox#hand}); a paced
     * one, marked handed over before its wait, must still be at its {@code step}: a request
     * that started late (a busy machine) takes a fresh step and waits for it as {@link #step}
     * does.
     */
    boolean goes(SmsOutbox.Claim claim, String from, SmsEncoding.Measure measure,
                 Optional<Instant> step) {
        if (step.isEmpty()) {
            if (!hand(claim)) {
                return false;
            }
            // The claim durable before Twilio has the text: a process killed after this
            // finds the text tried and asks Twilio before sending it again.
            flush.run();
            return true;
        }
        Instant slot = step.get();
        while (true) {
            if (keeps(slot, clock.instant(), claim.perSecond())) {
                if (held.release(claim.conversationId(), claim.seq())) {
                    return true;
                }
                // A pause or cancel in this process took it back while it waited.
                outbox.drop(claim);
                LOG.log(System.Logger.Level.DEBUG, "SMS for conversation {0} seq {1} taken "
                        + "back before its request", claim.conversationId(),
                        Long.toString(claim.seq()));
                return false;
            }
            // Started late: going now would bring this text closer to the next one than a
            // step.
            Optional<Instant> fresh = step(claim, from, measure, Optional.empty(), true);
            if (fresh.isEmpty()) {
                return false;
            }
            slot = fresh.get();
        }
    }

    private Optional<Instant> step(SmsOutbox.Claim claim, String from,
                                   SmsEncoding.Measure measure, Optional<Instant> taken,
                                   boolean handed) {
        while (true) {
            Instant now = clock.instant();
            Instant slot = taken.filter(s -> keeps(s, now, claim.perSecond()))
                    .orElseGet(() -> pacing.take(from, claim.perSecond(), now));
            if (claim.goBy().filter(by -> !slot.isBefore(by)).isPresent()) {
                held.forget(claim.conversationId(), claim.seq());
                lapse(claim, measure, now);
                return Optional.empty();
            }
            Duration wait = Duration.between(now, slot);
            // Once marked handed over, a text goes: a pause or cancel no longer takes it back,
            // so it is not put back in the queue either, however far off its next step is.
            if (wait.compareTo(SHORT_WAIT) > 0 && !handed) {
                if (outbox.await(claim, slot)) {
                    wakeIn.accept(wait);
                }
                return Optional.empty();
            }
            if (!handed) {
                // Marked handed over, unless taken back meanwhile, and the claim durable, before
                // Twilio has the text and before the wait, so that neither write, slow under
                // load, pushes the text off its step.
                // Held here first: a take-back in this process between the two finds it in
                // one of them.
                held.hold(claim.conversationId(), claim.seq());
                if (!hand(claim)) {
                    held.forget(claim.conversationId(), claim.seq());
                    return Optional.empty();
                }
                flush.run();
                handed = true;
                wait = Duration.between(clock.instant(), slot);
            }
            if (wait.isPositive()) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    held.forget(claim.conversationId(), claim.seq());
                    outbox.await(claim, slot);
                    return Optional.empty();
                }
            }
            if (keeps(slot, clock.instant(), claim.perSecond())) {
                return Optional.of(slot);
            }
            // Woken late (a busy machine, a pause of the JVM): the number's next free step.
            taken = Optional.empty();
        }
    }

    /** Stores the text as not sent, its contact hours over, and tells whoever said it. */
    private void lapse(SmsOutbox.Claim claim, SmsEncoding.Measure measure, Instant now) {
        if (!outbox.lapsed(claim, measure, now)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "SMS for conversation {0} seq {1} not sent: its "
                + "patient''s contact hours ended before its step", claim.conversationId(),
                Long.toString(claim.seq()));
        try {
            lapses.lapsed(claim.conversationId(), claim.seq(), now);
        } catch (RuntimeException e) {
            // The message is stored as not sent; the outreach's own look at its sends finds it.
            LOG.log(System.Logger.Level.WARNING, "SMS for conversation " + claim.conversationId()
                    + " seq " + claim.seq() + ": telling of its lapse failed", e);
        }
    }

    /** Marks the text handed over; false when a pause or cancel took it back meanwhile. */
    private boolean hand(SmsOutbox.Claim claim) {
        if (outbox.hand(claim, clock.instant())) {
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, "SMS for conversation {0} seq {1} taken back before "
                + "Twilio had it", claim.conversationId(), Long.toString(claim.seq()));
        return false;
    }

    /**
     * Whether a text may still go at {@code step} at {@code now}: not before it (it waits), and
     * not later than {@link SmsPacing#lateMicros} past it, for which its steps leave room.
     */
    static boolean keeps(Instant step, Instant now, int perSecond) {
        return !now.isAfter(step.plus(SmsPacing.lateMicros(perSecond), ChronoUnit.MICROS));
    }
}
