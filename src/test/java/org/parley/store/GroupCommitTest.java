package org.parley.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Flushes asked for while a commit runs share the next one: the file is written once for all
 * of them, and a flush asked for with no commit running gets its own.
 */
class GroupCommitTest {

    @Test
    void threeFlushesAskedDuringACommitShareOneMoreCommit() throws InterruptedException {
        CountDownLatch inFirst = new CountDownLatch(1);
        CountDownLatch finishFirst = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        GroupCommit commits = new GroupCommit(() -> {
            if (runs.incrementAndGet() == 1) {
                inFirst.countDown();
                await(finishFirst);
            }
        });

        Thread first = Thread.ofVirtual().start(commits::flush);
        inFirst.await();
        List<Thread> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(Thread.ofVirtual().start(commits::flush));
        }
        while (commits.waiting() < 3) {
            Thread.onSpinWait();
        }
        finishFirst.countDown();
        first.join();
        for (Thread t : waiting) {
            t.join();
        }

        assertEquals(2, runs.get());
        assertEquals(2, commits.commits());
    }

    @Test
    void flushesOneAfterAnotherEachCommit() {
        AtomicInteger runs = new AtomicInteger();
        GroupCommit commits = new GroupCommit(runs::incrementAndGet);

        commits.flush();
        commits.flush();

        assertEquals(2, runs.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
