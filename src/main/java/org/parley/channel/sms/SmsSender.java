package org.parley.channel.sms;

import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Works the SMS outbox: claims each due message under a lease, checks consent, shapes the text
 * for SMS, hands it to the gateway and records the outcome on the message.
 *
 * <p>A busy or unreachable provider puts the message back in the queue with exponential backoff;
 * after {@link Policy#maxAttempts()} tries it fails. A refusal fails it at once, and Twilio's
 * 21610 (the number replied STOP to Twilio) also records the opt-out. A number that opted out
 * gets nothing but the compliance messages that confirm the opt-out or opt-in.
 */
public final class SmsSender implements AutoCloseable {

    /** Twilio's code for a number that has opted out of messages from this sender. */
    static final int OPTED_OUT = 21610;
    /** How an opt-out learned from Twilio's 21610 is recorded in the consent ledger. */
    static final String CARRIER_OPT_OUT = "carrier_21610";
    /** Why a paced text that could not be handed over before its {@code goBy} was not sent. */
    public static final String CONTACT_HOURS_ENDED = "contact_hours_ended";

    /**
     * Told of each paced text not sent because its patient's contact hours ended before its
     * step: the message is stored as suppressed ({@link #CONTACT_HOURS_ENDED}) and whoever
     * said it says it again in the next hours.
     */
    @FunctionalInterface
    public interface Lapses {
        /** Nobody to tell. */
        Lapses NONE = (conversationId, seq, now) -> { };

        void lapsed(String conversationId, long seq, Instant now);
    }

    /**
     * Passes that may run at once. A pass claims a text, waits for its step and hands it to
     * {@link SmsRequests}, whose requests wait on Twilio; the lease on each claim keeps every
     * message to one pass. More is not faster on the embedded store: each claim reads the whole
     * outbox, and 16 passes against a fast fake Twilio sent about 1 text a second where 4 sent
     * 58 and 8 sent 53 (README, Measured).
     */
    static final int WORKERS = 8;

    private static final System.Logger LOG = System.getLogger(SmsSender.class.getName());

    private final SmsOutbox outbox;
    private final SmsGateway gateway;
    private final ConversationService conversations;
    private final ClientStore clients;
    private final OptOutSink optOuts;
    private final Set<String> complianceKeys;
    private final Optional<String> statusCallback;
    private final Clock clock;
    private final Policy policy;
    private final Runnable flush;
    private final SmsRequests requests;
    private final SmsHandOver handOver;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean stopping;
    private volatile ScheduledExecutorService poller;

    /**
     * How long a claim holds, how often to try and how long to wait between tries.
     *
     * @param lease        how long a claimed message is left to its worker; longer than a send
     * @param maxAttempts  tries before a message that keeps failing transiently is failed
     * @param firstBackoff the wait after the first failure, doubled after each further one
     * @param maxBackoff   the longest wait between two tries
     */
    public record Policy(Duration lease, int maxAttempts, Duration firstBackoff,
                         Duration maxBackoff) {

        public static Policy defaults() {
            return new Policy(Duration.ofSeconds(30), 8, Duration.ofSeconds(1),
                    Duration.ofMinutes(5));
        }

        /** The wait after the {@code attempts}-th failed try: 1 s, 2 s, 4 s ... up to the cap. */
        Duration backoff(int attempts) {
            int doublings = Math.min(Math.max(attempts - 1, 0), 30);
            Duration wait = firstBackoff.multipliedBy(1L << doublings);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    SmsSender(SmsOutbox outbox, SmsGateway gateway, ConversationService conversations,
              ClientStore clients, OptOutSink optOuts, Set<String> complianceKeys,
              Optional<String> statusCallback, Clock clock, Policy policy) {
        this(outbox, gateway, conversations, clients, optOuts, complianceKeys, statusCallback,
                clock, policy, () -> { });
    }

    /**
     * @param flush makes the store's writes so far durable; run once a text is claimed and
     *              before it is handed to Twilio, so a killed process finds the text tried and
     *              asks Twilio about it rather than sending it again
     */
    SmsSender(SmsOutbox outbox, SmsGateway gateway, ConversationService conversations,
              ClientStore clients, OptOutSink optOuts, Set<String> complianceKeys,
              Optional<String> statusCallback, Clock clock, Policy policy, Runnable flush) {
        this.flush = flush;
        this.outbox = outbox;
        this.gateway = gateway;
        this.conversations = conversations;
        this.clients = clients;
        this.optOuts = optOuts;
        this.complianceKeys = Set.copyOf(complianceKeys);
        this.statusCallback = statusCallback;
        this.clock = clock;
        this.policy = policy;
        this.requests = new SmsRequests(outbox, gateway, optOuts, clock, policy);
        this.handOver = new SmsHandOver(outbox, clock, flush, this::wakeIn);
    }

    /** How many claimed messages are being sent now; guarded by itself. */
    private final int[] inFlight = new int[1];
    /** The conversations whose message a pass of this sender has in hand. */
    private final Set<String> inHand = ConcurrentHashMap.newKeySet();
    /** Claims one at a time, so two passes never take two texts of one conversation. */
    private final ReentrantLock claiming = new ReentrantLock();

    /**
     * Sends every message due now, waiting for Twilio's answers, until none is left; returns
     * how many were handled.
     */
    public int drain() {
        int handled = 0;
        while (true) {
            int pass = claimAll();
            handled += pass;
            boolean open;
            synchronized (inFlight) {
                open = inFlight[0] > 0;
            }
            try {
                // A conversation's next text is claimed once its text in hand is answered.
                awaitIdle(policy.lease());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return handled;
            }
            if (stopping || (pass == 0 && !open)) {
                return handled;
            }
        }
    }

    /** Claims and hands on every message due now, not waiting for Twilio's answers. */
    private int claimAll() {
        int handled = 0;
        while (!stopping && runOnce()) {
            handled++;
        }
        return handled;
    }

    /**
     * Claims and handles one due message; false when none is due. Each claim starts another
     * pass beside this one (up to {@link #WORKERS}), so texts go to Twilio side by side while
     * there are more; a conversation in hand is left to its pass, so its texts keep their order.
     */
    public boolean runOnce() {
        Instant now = clock.instant();
        Optional<SmsOutbox.Claim> claimed;
        claiming.lock();
        try {
            claimed = outbox.claim(now, now.plus(policy.lease()), inHand);
            claimed.ifPresent(c -> {
                inHand.add(c.conversationId());
                // Counted before the next claimer looks: a drain that then finds nothing to
                // claim waits for this one instead of taking the sender for idle.
                synchronized (inFlight) {
                    inFlight[0]++;
                }
            });
        } finally {
            claiming.unlock();
        }
        if (claimed.isEmpty()) {
            return false;
        }
        wake();
        boolean given = false;
        try {
            given = handle(claimed.get(), now);
        } finally {
            if (!given) {
                done(claimed.get());
            }
        }
        return true;
    }

    /** The claimed message is dealt with: its conversation's next one may be claimed. */
    private void done(SmsOutbox.Claim claim) {
        inHand.remove(claim.conversationId());
        synchronized (inFlight) {
            inFlight[0]--;
            inFlight.notifyAll();
        }
    }

    /**
     * Waits until no message claimed by this sender is still being sent, for a caller that is
     * about to change something a send in hand depends on (a test moving its clock by days).
     *
     * @return false when sends were still in hand after {@code timeout}
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (inFlight) {
            while (inFlight[0] > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(inFlight, left);
            }
            return true;
        }
    }

    /** Whom to tell of texts not sent because contact hours ended first. */
    public void onLapse(Lapses lapses) {
        handOver.onLapse(lapses);
    }

    /**
     * Queues again the messages a writer stored but died before queueing; {@link #start} does
     * this first. Returns how many it queued.
     */
    public int repair() {
        int queued = outbox.repair();
        if (queued > 0) {
            LOG.log(System.Logger.Level.WARNING, "SMS outbox: {0} stored messages had not been "
                    + "queued, a writer having stopped between the two writes; queued them now",
                    Integer.toString(queued));
        }
        return queued;
    }

    /**
     * Repairs the outbox, then polls it every {@code interval}, on {@link #WORKERS} virtual
     * threads.
     */
    public synchronized void start(Duration interval) {
        if (poller != null) {
            return;
        }
        repair();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(WORKERS,
                Thread.ofVirtual().name("sms-sender-", 1).factory());
        // A wake for a paced text's step is not waited for by a stop.
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        poller = pool;
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Looks at the outbox now, on a sender thread, when polling has started. Wakes that come
     * while one is still waiting to run are folded into it: that pass starts later than each of
     * them, so it sees every message they were about. A wake during a pass starts another beside
     * it, which is how the workers come to send in parallel. Not synchronized: a pass calls it,
     * and {@link #close} holds the lock while it waits for the passes.
     */
    public void wake() {
        ScheduledExecutorService pool = poller;
        if (pool != null && !stopping && wakePending.compareAndSet(false, true)) {
            try {
                pool.execute(() -> {
                    wakePending.set(false);
                    poll();
                });
            } catch (RejectedExecutionException e) {
                // Closing: the pass is not needed.
                wakePending.set(false);
            }
        }
    }

    /**
     * Stops polling after the message in hand, so a send is not cut off between Twilio's accept
     * and the write that records it.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        if (poller == null) {
            return;
        }
        poller.shutdown();
        try {
            if (!poller.awaitTermination(policy.lease().toMillis(), TimeUnit.MILLISECONDS)) {
                poller.shutdownNow();
            }
        } catch (InterruptedException e) {
            poller.shutdownNow();
            Thread.currentThread().interrupt();
        }
        requests.close();
    }

    private void poll() {
        try {
            claimAll();
        } catch (RuntimeException e) {
            // The claimed message keeps its lease and is claimed again once it runs out.
            LOG.log(System.Logger.Level.WARNING, "SMS outbox pass failed; retrying on the next "
                    + "poll", e);
        }
    }

    /** Deals with a claimed message; true when it went on to a request to Twilio. */
    private boolean handle(SmsOutbox.Claim claim, Instant now) {
        String body = SmsText.plain(claim.text());
        SmsEncoding.Measure measure = SmsEncoding.measure(body);

        Optional<Client> client = conversations.find(claim.conversationId())
                .map(Conversation::clientId).flatMap(clients::find);
        if (client.isEmpty() || client.get().smsNumber().isBlank()) {
            outbox.failed(claim, Optional.empty(), "no_sms_number", measure, now);
            LOG.log(System.Logger.Level.WARNING, "SMS for conversation {0} seq {1} failed: its "
                    + "client has no smsNumber; set one to send texts", claim.conversationId(),
                    Long.toString(claim.seq()));
            return false;
        }
        String clientId = client.get().id();

        SmsGateway.Outgoing outgoing = new SmsGateway.Outgoing(claim.conversationId(),
                claim.seq(), client.get().smsNumber(), claim.to(), body, statusCallback);
        Optional<SmsGateway.Outcome> earlier = claim.attempts() > 1
                ? earlierTry(outgoing) : Optional.empty();
        if (earlier.isEmpty()) {
            boolean compliance = claim.key().filter(complianceKeys::contains).isPresent();
            if (!compliance && optOuts.optedOut(clientId, SmsOutbox.CHANNEL, claim.to())) {
                outbox.suppressed(claim, measure, now);
                LOG.log(System.Logger.Level.DEBUG, "SMS for conversation {0} seq {1} "
                        + "suppressed: opted out", claim.conversationId(),
                        Long.toString(claim.seq()));
                return false;
            }
        }

        // Room for the request is taken before the step, so the text goes at its step. The
        // pass waits for the step; the request's own thread checks it again, just before it
        // goes, so a thread that starts late on a busy machine does not take it past its step.
        requests.reserve();
        boolean paced = earlier.isEmpty() && claim.perSecond() > 0;
        Optional<Instant> step = paced ? handOver.step(claim, outgoing.from(), measure)
                : Optional.empty();
        if (paced && step.isEmpty()) {
            requests.unreserve();
            return false;
        }
        requests.give(new SmsRequests.Text(claim, outgoing, earlier, measure, clientId),
                () -> earlier.isPresent() || handOver.goes(claim, outgoing.from(), measure, step),
                () -> {
                    done(claim);
                    // The conversation's next message, left while this one was in hand.
                    wake();
                });
        return true;
    }

    /**
     * A message tried before: the try may have reached Twilio with its answer lost (a timeout,
     * a worker killed before storing it). Twilio has no idempotency key, so its list of the
     * recipient's messages is read first; a match Parley does not know yet is that try, recorded
     * as sent without sending again. When the list cannot be read the message waits for its next
     * try rather than risk a second text. Empty when the message is Twilio's to take.
     */
    private Optional<SmsGateway.Outcome> earlierTry(SmsGateway.Outgoing message) {
        SmsGateway.Lookup lookup;
        try {
            lookup = gateway.find(message, id -> outbox.findByProviderId(id).isPresent());
        } catch (RuntimeException e) {
            lookup = new SmsGateway.Unknown("the lookup broke with "
                    + e.getClass().getSimpleName());
        }
        return switch (lookup) {
            case SmsGateway.Held h -> {
                LOG.log(System.Logger.Level.INFO, "SMS for conversation {0} seq {1}: an earlier "
                        + "try reached Twilio as {2}; recorded, not sent again",
                        message.conversationId(), Long.toString(message.seq()), h.providerId());
                yield Optional.of(new SmsGateway.Accepted(h.providerId()));
            }
            case SmsGateway.NotHeld n -> Optional.empty();
            case SmsGateway.Unknown u -> Optional.of(new SmsGateway.Transient(Optional.empty(),
                    "not sent: " + u.reason() + "; an earlier try may have reached Twilio"));
        };
    }

    /** Looks at the outbox again after {@code delay}, when polling has started. */
    private void wakeIn(Duration delay) {
        ScheduledExecutorService pool = poller;
        if (pool != null && !stopping) {
            try {
                pool.schedule(this::wake, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                // Closing: the text waits in the outbox for the next start.
            }
        }
    }
}
