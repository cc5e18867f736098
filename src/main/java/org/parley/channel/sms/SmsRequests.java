package org.parley.channel.sms;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The requests to Twilio of claimed texts, each on its own virtual thread, and the record of
 * each outcome on its message. The sender's passes claim texts and hand each over here, so a
 * pass goes on to the next text while its request waits for the text's step and for Twilio's
 * answer (200 ms or more a text): the rate a number may take, not the number of passes, bounds
 * the sending. The step is waited for and checked on the request's own thread, the last thing
 * before the request, so a thread started late on a busy machine does not carry its text past
 * its step.
 *
 * <p>At most {@link #OPEN} requests are open at once. A pass takes room for its text before
 * the text's step is taken, never after, so a text never goes late for want of room.
 */
final class SmsRequests implements AutoCloseable {

    /**
     * Requests open at once: 100 texts a second answered in 300 ms each keep 30 open.
     * {@link TwilioHttpClient} keeps as many connections, and a few for the in-doubt lookups.
     */
    static final int OPEN = 32;

    private static final System.Logger LOG = System.getLogger(SmsSender.class.getName());

    private final Semaphore room = new Semaphore(OPEN);
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("sms-request-", 1).factory());
    private final SmsOutbox outbox;
    private final SmsGateway gateway;
    private final OptOutSink optOuts;
    private final Clock clock;
    private final SmsSender.Policy policy;

    SmsRequests(SmsOutbox outbox, SmsGateway gateway, OptOutSink optOuts, Clock clock,
                SmsSender.Policy policy) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.optOuts = optOuts;
        this.clock = clock;
        this.policy = policy;
    }

    /** Waits for room for one more request; {@link #give} or {@link #unreserve} frees it. */
    void reserve() {
        room.acquireUninterruptibly();
    }

    /** Frees the room a text took and is not going to use (it went back to the queue). */
    void unreserve() {
        room.release();
    }

    /**
     * Hands the claimed text to Twilio on a thread of its own, in the room reserved for it,
     * once {@code ready} says it goes (it waits for its step there; false: it went back to the
     * queue or was taken back), or records the earlier try Twilio already holds; records the
     * outcome, then runs {@code done}.
     */
    void give(Text text, BooleanSupplier ready, Runnable done) {
        Runnable request = () -> {
            try {
                if (ready.getAsBoolean()) {
                    finish(text);
                }
            } finally {
                room.release();
                done.run();
            }
        };
        try {
            threads.execute(request);
        } catch (RejectedExecutionException e) {
            // Closing: the pass that claimed it sends it itself.
            request.run();
        }
    }

    /** A claimed text about to be sent, and what its outcome is recorded with. */
    record Text(SmsOutbox.Claim claim, SmsGateway.Outgoing outgoing,
                Optional<SmsGateway.Outcome> earlier, SmsEncoding.Measure measure,
                String clientId) {
    }

    /** Waits for the open requests, so none is cut off between Twilio's accept and its record. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(policy.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void finish(Text text) {
        SmsOutbox.Claim claim = text.claim();
        SmsEncoding.Measure measure = text.measure();
        SmsGateway.Outcome outcome = text.earlier().orElseGet(() -> send(text.outgoing()));
        Instant done = clock.instant();
        boolean recorded = switch (outcome) {
            case SmsGateway.Accepted a -> outbox.sent(claim, a.providerId(), measure, done);
            case SmsGateway.Delivered d -> outbox.delivered(claim, d.providerId(), d.via(), measure,
                    done);
            case SmsGateway.Transient t -> claim.attempts() >= policy.maxAttempts()
                    ? outbox.failed(claim, t.code(), t.reason(), measure, done)
                    : outbox.retry(claim, done.plus(policy.backoff(claim.attempts())), t.code(),
                    t.reason(), measure, done);
            case SmsGateway.Rejected r -> outbox.failed(claim, r.code(), r.reason(), measure, done);
        };
        // The outcome is not flushed on its own: the next text's flush, or the store's own
        // within a second, writes it; a process killed before that finds the text tried and
        // asks Twilio, which has it.
        log(claim, outcome, recorded);
        if (outcome instanceof SmsGateway.Rejected r
                && r.code().filter(code -> code == SmsSender.OPTED_OUT).isPresent()) {
            optOut(text.clientId(), claim);
        }
    }

    private SmsGateway.Outcome send(SmsGateway.Outgoing message) {
        try {
            return gateway.send(message);
        } catch (RuntimeException e) {
            // Counted as an attempt like any other, so a message that always breaks the SDK
            // ends up failed rather than retried for ever.
            // The exception's message may quote the number, so only its type is logged.
            LOG.log(System.Logger.Level.WARNING, "SMS for conversation {0} seq {1} broke the "
                    + "gateway with {2}", message.conversationId(), Long.toString(message.seq()),
                    e.getClass().getName());
            return new SmsGateway.Transient(Optional.empty(), "gateway failed: "
                    + e.getClass().getSimpleName());
        }
    }

    /** Twilio holds the number as opted out; the ledger must agree, and says so once. */
    private void optOut(String clientId, SmsOutbox.Claim claim) {
        try {
            if (!optOuts.optedOut(clientId, SmsOutbox.CHANNEL, claim.to())) {
                optOuts.optOut(clientId, SmsOutbox.CHANNEL, claim.to(), SmsSender.CARRIER_OPT_OUT,
                        Optional.of(claim.conversationId()));
            }
        } catch (RuntimeException e) {
            // The message is already failed; the next send to this number meets 21610 again
            // and records it then.
            LOG.log(System.Logger.Level.WARNING, "Opt-out for conversation "
                    + claim.conversationId() + " after Twilio 21610 could not be recorded", e);
        }
    }

    private static String code(Optional<Integer> code) {
        return code.map(String::valueOf).orElse("none");
    }

    private static void log(SmsOutbox.Claim claim, SmsGateway.Outcome outcome, boolean recorded) {
        if (!recorded) {
            LOG.log(System.Logger.Level.WARNING, "SMS for conversation {0} seq {1}: lease lost "
                    + "before its outcome was stored", claim.conversationId(),
                    Long.toString(claim.seq()));
            return;
        }
        switch (outcome) {
            case SmsGateway.Accepted a -> LOG.log(System.Logger.Level.DEBUG,
                    "SMS for conversation {0} seq {1} accepted as {2}", claim.conversationId(),
                    Long.toString(claim.seq()), a.providerId());
            case SmsGateway.Delivered d -> LOG.log(System.Logger.Level.DEBUG,
                    "SMS for conversation {0} seq {1} delivered to {2}", claim.conversationId(),
                    Long.toString(claim.seq()), d.via());
            case SmsGateway.Transient t -> LOG.log(System.Logger.Level.INFO,
                    "SMS for conversation {0} seq {1} attempt {2} failed transiently, code {3}",
                    claim.conversationId(), Long.toString(claim.seq()),
                    Integer.toString(claim.attempts()), code(t.code()));
            case SmsGateway.Rejected r -> LOG.log(System.Logger.Level.WARNING,
                    "SMS for conversation {0} seq {1} rejected, code {2}", claim.conversationId(),
                    Long.toString(claim.seq()), code(r.code()));
        }
    }
}
