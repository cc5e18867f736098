package org.parley.store;

import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A job two instances schedule runs on one of them; a failed run leaves it free to retry; a run
 * that renews its lease keeps the job, and a job whose instance died passes on a minute later.
 */
class JobsTest {

    @TempDir
    Path data;
    Store store;
    final TestClock clock = new TestClock(TestParley.NOW);

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void whileOneInstanceRunsAJobTheOtherDoesNot() {
        AtomicInteger runs = new AtomicInteger();
        Jobs b = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", runs::incrementAndGet, Duration.ofHours(1));
        boolean[] ranOnB = new boolean[1];
        Jobs a = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", () -> ranOnB[0] = b.run("sweep"), Duration.ofHours(1));

        boolean ranOnA = a.run("sweep");

        assertEquals(true, ranOnA);
        assertEquals(false, ranOnB[0]);
        assertEquals(0, runs.get());
        assertEquals(true, b.run("sweep"));
        assertEquals(1, runs.get());
    }

    @Test
    void aJobCutOffByAKilledProcessRunsOnceItsLeaseIsOutNotAWholePeriodLater() throws Exception {
        Leases leases = new Leases(store.database(), clock);
        // One job's last run finished; the other's was cut off: its killed holder's lease is
        // still there, never done nor released.
        assertEquals(true, new Jobs(leases, clock).add("sweep", () -> { }, Duration.ofHours(1))
                .run("sweep"));
        leases.claim("campaigns", "instance-killed", Jobs.LEASE);
        clock.advance(Jobs.LEASE);

        CountDownLatch campaigns = new CountDownLatch(1);
        AtomicInteger sweeps = new AtomicInteger();
        Jobs restarted = new Jobs(leases, clock)
                .add("sweep", sweeps::incrementAndGet, Duration.ofHours(1))
                .add("campaigns", campaigns::countDown, Duration.ofHours(1));
        restarted.start();
        try {
            assertEquals(Set.of("campaigns"), restarted.resumedAtStart());
            // Run by the timer a second after start, its lease being out already.
            assertEquals(true, campaigns.await(30, TimeUnit.SECONDS));
            // The run's work is done; its lease is marked done just after.
            assertEquals(true, restarted.awaitTurn("campaigns", Duration.ofSeconds(30)));
            assertEquals(0, sweeps.get());
            assertEquals(Optional.empty(), leases.interrupted("campaigns"));
        } finally {
            restarted.close();
        }
    }

    @Test
    void aRunThatFailsFreesTheJobForTheNextTry() {
        AtomicInteger tries = new AtomicInteger();
        Jobs a = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", () -> {
                    if (tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("store went away");
                    }
                }, Duration.ofHours(1));
        Jobs b = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", tries::incrementAndGet, Duration.ofHours(1));

        assertEquals(false, a.run("sweep"));
        assertEquals(true, b.run("sweep"));
        assertEquals(2, tries.get());
    }

    @Test
    void aSecondRunOnTheSameInstanceIsBusyWhileTheFirstRuns() {
        AtomicInteger runs = new AtomicInteger();
        Jobs.Outcome[] second = new Jobs.Outcome[1];
        Jobs[] a = new Jobs[1];
        a[0] = new Jobs(new Leases(store.database(), clock), clock)
                .add("campaigns", () -> {
                    runs.incrementAndGet();
                    second[0] = a[0].runOnce("campaigns");
                }, Duration.ofHours(1));

        Jobs.Outcome first = a[0].runOnce("campaigns");

        assertEquals(Jobs.Outcome.RAN, first);
        assertEquals(Jobs.Outcome.BUSY, second[0]);
        assertEquals(1, runs.get());
    }

    @Test
    void aRunAskedForWhileTheSameJobRunsHereWaitsForItAndThenRuns() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Jobs[] a = new Jobs[1];
        Thread[] asker = new Thread[1];
        boolean[] askerRan = new boolean[1];
        a[0] = new Jobs(new Leases(store.database(), clock), clock)
                .add("outreach-send", () -> {
                    if (runs.incrementAndGet() == 1) {
                        // A test asks for a run while the timer's is under way.
                        asker[0] = Thread.ofPlatform().start(() ->
                                askerRan[0] = a[0].run("outreach-send"));
                        awaitWaiting(asker[0]);
                    }
                }, Duration.ofHours(1));

        Jobs.Outcome timers = a[0].runOnce("outreach-send");
        asker[0].join(Duration.ofSeconds(10));

        assertEquals(Jobs.Outcome.RAN, timers);
        assertEquals(true, askerRan[0]);
        assertEquals(2, runs.get());
    }

    @Test
    void aJobWhoseInstanceDiedIsTakenOverOnceItsOneMinuteLeaseRunsOut() {
        Leases leases = new Leases(store.database(), clock);
        leases.claim("campaigns", "instance-killed", Jobs.LEASE);
        AtomicInteger runs = new AtomicInteger();
        Jobs restarted = new Jobs(leases, clock)
                .add("campaigns", runs::incrementAndGet, Duration.ofHours(1));

        clock.advance(Duration.ofSeconds(59));
        Jobs.Outcome before = restarted.runOnce("campaigns");
        clock.advance(Duration.ofSeconds(1));
        Jobs.Outcome after = restarted.runOnce("campaigns");

        assertEquals(Jobs.Outcome.BUSY, before);
        assertEquals(Jobs.Outcome.RAN, after);
        assertEquals(1, runs.get());
    }

    @Test
    void aLongRunThatRenewsItsLeaseIsNeverTakenOver() {
        List<Jobs.Outcome> tries = new ArrayList<>();
        Jobs b = new Jobs(new Leases(store.database(), clock), clock)
                .add("campaigns", () -> { }, Duration.ofHours(1));
        Jobs[] a = new Jobs[1];
        a[0] = new Jobs(new Leases(store.database(), clock), clock)
                .add("campaigns", () -> {
                    // Ten minutes of planning, with the heartbeat's renewal every 20 s.
                    for (int beat = 0; beat < 30; beat++) {
                        clock.advance(Jobs.RENEW_EVERY);
                        a[0].renew();
                        tries.add(b.runOnce("campaigns"));
                    }
                }, Duration.ofHours(1));

        Jobs.Outcome run = a[0].runOnce("campaigns");

        assertEquals(Jobs.Outcome.RAN, run);
        assertEquals(Collections.nCopies(30, Jobs.Outcome.BUSY), tries);
        assertEquals(Jobs.Outcome.RAN, b.runOnce("campaigns"));
    }

    @Test
    void theHeartbeatRenewsTheLeaseOfARunningJobOnItsOwn() {
        Leases leases = new Leases(store.database(), clock);
        Instant[] leasedUntil = new Instant[1];
        Jobs a = new Jobs(leases, clock, Duration.ofMillis(5))
                .add("campaigns", () -> {
                    clock.advance(Duration.ofMinutes(5));
                    leasedUntil[0] = awaitLeaseUntil(TestParley.NOW.plus(Duration.ofMinutes(6)));
                }, Duration.ofDays(1));
        a.start();
        try {
            assertEquals(Jobs.Outcome.RAN, a.runOnce("campaigns"));
        } finally {
            a.close();
        }

        assertEquals(TestParley.NOW.plus(Duration.ofMinutes(6)), leasedUntil[0]);
    }

    /** Waits, bounded at 10 s, until {@code thread} is parked waiting for its turn. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }

    /**
     * Waits for the heartbeat's thread to move the lease to {@code until}; it beats every few
     * milliseconds, so the loop polls with a short park, bounded at 10 s.
     */
    private Instant awaitLeaseUntil(Instant until) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Instant seen = leaseUntil();
        while (!seen.equals(until) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            seen = leaseUntil();
        }
        return seen;
    }

    private Instant leaseUntil() {
        return store.database().getCollection("leases").find(Filters.eq("_id", "campaigns"))
                .first().getDate("until").toInstant();
    }
}
