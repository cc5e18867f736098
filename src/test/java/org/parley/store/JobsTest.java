package org.parley.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A job two instances schedule runs on one of them; a failed run leaves it free to retry. */
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
                .add("sweep", runs::incrementAndGet, Duration.ofMinutes(5), Duration.ofHours(1));
        boolean[] ranOnB = new boolean[1];
        Jobs a = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", () -> ranOnB[0] = b.run("sweep"), Duration.ofMinutes(5),
                        Duration.ofHours(1));

        boolean ranOnA = a.run("sweep");

        assertEquals(true, ranOnA);
        assertEquals(false, ranOnB[0]);
        assertEquals(0, runs.get());
        assertEquals(true, b.run("sweep"));
        assertEquals(1, runs.get());
    }

    @Test
    void aRunThatFailsFreesTheJobForTheNextTry() {
        AtomicInteger tries = new AtomicInteger();
        Jobs a = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", () -> {
                    if (tries.incrementAndGet() == 1) {
                        throw new IllegalStateException("store went away");
                    }
                }, Duration.ofMinutes(5), Duration.ofHours(1));
        Jobs b = new Jobs(new Leases(store.database(), clock), clock)
                .add("sweep", tries::incrementAndGet, Duration.ofMinutes(5), Duration.ofHours(1));

        assertEquals(false, a.run("sweep"));
        assertEquals(true, b.run("sweep"));
        assertEquals(2, tries.get());
    }
}
