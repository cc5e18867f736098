package org.parley.outreach;

import org.bson.Document;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One run of the sending job, shared among several workers: the due sends are read a batch at
 * a time, each batch is cut into one share per worker by the send's account, and the workers
 * claim and say their shares side by side on virtual threads. The next batch is read once every
 * worker is through with this one.
 *
 * <p>A send is said by a worker waiting on the store most of the time (a claim, the account,
 * consent, holds, caps, throughput, the conversation, the marking: each a round trip), so
 * workers side by side multiply what one instance sends. Every guarantee stays with the single
 * send: a claim is a conditional write on the send, so of two claimers one wins; the throughput
 * counters are atomic per second; a text's room in the SMS outbox is taken under one lock
 * ({@link SmsRoom}). What a share by account adds: all sends of one account in a
 * batch go through one worker, earliest first, so two workers never both pass one account's
 * frequency cap.
 */
final class Dispatch {

    /**
     * The most texts that may wait in the SMS outbox past their time before the run stops
     * saying more; the rest wait for the next run.
     */
    static final int BACKLOG_MAX = 100;

    private final Sender sender;
    private final int workers;
    private final SmsRoom room;
    private final SmsBacklog backlog;
    private final Clock clock;

    Dispatch(Sender sender, int workers, SmsRoom room, Clock clock) {
        if (workers < 1) {
            throw new IllegalArgumentException("The sending job needs at least 1 worker, not "
                    + workers);
        }
        this.sender = sender;
        this.workers = workers;
        this.room = room;
        this.backlog = room.backlog();
        this.clock = clock;
    }

    /** Claims and says up to {@code max} due sends; returns how many it claimed. */
    int run(int max, int batch) {
        // Clients whose sending number has its seconds taken up to Sender.AHEAD, or found no
        // room in the SMS outbox in time: their sends wait for the next run rather than each
        // being claimed only to be held.
        Set<String> throttled = ConcurrentHashMap.newKeySet();
        int done = 0;
        while (done < max) {
            if (backlog.over(BACKLOG_MAX, clock.instant())
                    && !backlog.eases(BACKLOG_MAX, clock)) {
                // Texts are said faster than they leave: said now, they would go late, and
                // the queue the SMS workers read on every take would grow.
                break;
            }
            // A batch no larger than the SMS outbox has room for in all; each text then takes
            // its own room, its number's and the outbox's (see SmsRoom), counted afresh.
            long left = Math.max(1, backlog.room(BACKLOG_MAX, clock.instant()));
            room.forget();
            List<Document> due = sender.due((int) Math.min(left, Math.min(batch, max - done)),
                    throttled);
            List<Document> skipped = java.util.Collections.synchronizedList(new ArrayList<>());
            int claimed = share(due, throttled, skipped);
            // Read but left for the next run: they are still due, so read them again then.
            sender.putBack(skipped);
            done += claimed;
            if (claimed == 0) {
                // Nothing due, or every candidate taken by another instance meanwhile.
                break;
            }
        }
        return done;
    }

    /** Says one batch: one share per worker, side by side; returns how many were claimed. */
    private int share(List<Document> due, Set<String> throttled, List<Document> skipped) {
        List<List<Document>> shares = shares(due, workers);
        if (shares.size() == 1) {
            return work(shares.get(0), throttled, skipped);
        }
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> running = new ArrayList<>();
            for (List<Document> share : shares) {
                running.add(threads.submit(() -> work(share, throttled, skipped)));
            }
            int claimed = 0;
            for (Future<Integer> f : running) {
                claimed += join(f);
            }
            return claimed;
        }
    }

    /**
     * Cuts {@code due} into at most {@code workers} shares by account, each in the order read
     * (earliest first); empty shares are left out.
     */
    static List<List<Document>> shares(List<Document> due, int workers) {
        List<List<Document>> byWorker = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            byWorker.add(new ArrayList<>());
        }
        for (Document send : due) {
            byWorker.get(worker(send, workers)).add(send);
        }
        byWorker.removeIf(List::isEmpty);
        return byWorker;
    }

    /** The worker whose share a send is: the same for every send of one account. */
    static int worker(Document send, int workers) {
        String account = send.getString("clientId") + "|" + send.getString("account");
        return Math.floorMod(account.hashCode(), workers);
    }

    /** One worker: claims and says its share in order; returns how many it claimed. */
    private int work(List<Document> share, Set<String> throttled, List<Document> skipped) {
        int claimed = 0;
        for (Document candidate : share) {
            String clientId = candidate.getString("clientId");
            if (throttled.contains(clientId)) {
                skipped.add(candidate);
                continue;
            }
            var c = sender.claim(candidate);
            if (c.isPresent()) {
                claimed++;
                if (sender.processOrGiveUp(c.get()) == Sender.Outcome.THROTTLED) {
                    throttled.add(clientId);
                }
            }
        }
        return claimed;
    }

    private static int join(Future<Integer> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // processOrGiveUp catches what a send throws; what is left is an Error or a store
            // failure in a claim, which fails the run as it did with one worker.
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("An outreach worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The sending job was interrupted", e);
        }
    }
}
