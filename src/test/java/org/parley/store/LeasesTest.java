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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lease is held by one instance at a time and passes on when its holder stops renewing it. */
class LeasesTest {

    @TempDir
    Path data;
    Store store;
    final TestClock clock = new TestClock(TestParley.NOW);
    Leases leases;

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
        leases = new Leases(store.database(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void releasingAllFreesEveryHeldLeaseAndLeavesACutOffRunInterruptedAndAFinishedOneNot() {
        leases.claim("cut-off", "instance-dead", Duration.ofMinutes(1));
        leases.claim("finished", "instance-dead", Duration.ofMinutes(1));
        leases.done("finished", "instance-dead", clock.instant().toString());
        clock.advance(Duration.ofSeconds(5));

        assertEquals(1, leases.releaseAll());

        assertEquals(Optional.of(Instant.parse("2026-12-04T15:00:05Z")),
                leases.interrupted("cut-off"));
        assertEquals(Optional.empty(), leases.interrupted("finished"));
        assertEquals("instance-b", leases.claim("cut-off", "instance-b", Duration.ofMinutes(1))
                .orElseThrow().holder());
    }

    @Test
    void aRunFinishedAtAnInstantWithMicrosecondsIsNotTakenForACutOffOne() {
        // A real clock has microseconds; the store keeps milliseconds.
        clock.set(Instant.parse("2026-12-04T15:00:00.123456Z"));
        leases.claim("campaigns", "instance-a", Duration.ofMinutes(1));
        leases.done("campaigns", "instance-a", clock.instant().toString());
        leases.claim("sweep", "instance-a", Duration.ofMinutes(1));
        leases.done("sweep", "instance-a", "2026-12-04");

        assertEquals(List.of(Optional.empty(), Optional.empty()),
                List.of(leases.interrupted("campaigns"), leases.interrupted("sweep")));
    }

    @Test
    void aFreeLeaseIsTakenAndAHeldOneIsRefusedToAnotherHolder() {
        Optional<Leases.Lease> a = leases.claim("sweep", "instance-a", Duration.ofMinutes(10));
        Optional<Leases.Lease> b = leases.claim("sweep", "instance-b", Duration.ofMinutes(10));

        assertEquals(Optional.of(new Leases.Lease("sweep", "instance-a",
                Instant.parse("2026-12-04T15:10:00Z"), Optional.empty())), a);
        assertEquals(Optional.empty(), b);
    }

    @Test
    void aLeaseWhoseHolderDiedPassesOnWhenItsTimeIsUp() {
        leases.claim("sweep", "instance-a", Duration.ofMinutes(10));

        clock.advance(Duration.ofMinutes(10));
        Optional<Leases.Lease> b = leases.claim("sweep", "instance-b", Duration.ofMinutes(10));

        assertEquals("instance-b", b.orElseThrow().holder());
        assertEquals(false, leases.done("sweep", "instance-a", "2026-12-04"));
    }

    @Test
    void aFinishedPeriodIsRememberedAndTheLeaseIsFreedAtOnce() {
        leases.claim("sweep", "instance-a", Duration.ofMinutes(10));

        assertTrue(leases.done("sweep", "instance-a", "2026-12-04"));
        Optional<Leases.Lease> b = leases.claim("sweep", "instance-b", Duration.ofMinutes(10));

        assertEquals(Optional.of("2026-12-04"), b.orElseThrow().lastDone());
    }

    @Test
    void ofEightInstancesClaimingAtOnceExactlyOneGetsTheLease() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "instance-" + i;
                claims.add(() -> leases.claim("sweep", holder, Duration.ofMinutes(10))
                        .isPresent());
            }
            int won = 0;
            for (Future<Boolean> f : pool.invokeAll(claims)) {
                won += f.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHolderThatRenewsKeepsItsLeasePastItsFirstMinute() {
        leases.claim("campaigns", "instance-a", Duration.ofMinutes(1));

        clock.advance(Duration.ofSeconds(50));
        boolean renewed = leases.renew("campaigns", "instance-a", Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(50));
        Optional<Leases.Lease> b = leases.claim("campaigns", "instance-b", Duration.ofMinutes(1));

        assertTrue(renewed);
        assertEquals(Optional.empty(), b);
    }

    @Test
    void aRenewalAfterAnotherHolderTookTheLeaseIsRefused() {
        leases.claim("campaigns", "instance-a", Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        leases.claim("campaigns", "instance-b", Duration.ofMinutes(1));

        boolean renewed = leases.renew("campaigns", "instance-a", Duration.ofMinutes(1));

        assertEquals(false, renewed);
    }

    @Test
    void losingTheRaceToMakeALeaseIsHeldWithoutAnException() {
        leases.claim("campaigns", "instance-a", Duration.ofMinutes(1));

        boolean made = leases.create("campaigns", "instance-b",
                clock.instant().plus(Duration.ofMinutes(1)));

        assertEquals(false, made);
        assertEquals("instance-a", store.database().getCollection("leases")
                .find(Filters.eq("_id", "campaigns")).first().getString("holder"));
    }

    @Test
    void aClaimRefusedBecauseAnotherHolderHasTheLeaseLogsNothing() {
        leases.claim("campaigns", "instance-dead", Duration.ofMinutes(1));
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    logged.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.empty(),
                        leases.claim("campaigns", "instance-restarted", Duration.ofMinutes(1)));
            }
        } finally {
            root.removeHandler(handler);
        }

        assertEquals(List.of(), logged.stream().map(r -> r.getLoggerName() + ": "
                + r.getMessage()).toList());
    }
}
