package org.parley.store;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes writes durable for many callers with one commit: a caller that asks while a commit is
 * running waits for it to end, and then needs a commit of its own only if no commit has started
 * since it asked. Callers that ask at once are thus covered by the same commit, instead of each
 * writing the file in turn.
 */
final class GroupCommit {

    private final Runnable commit;
    private final ReentrantLock lock = new ReentrantLock();
    /** How many flushes were asked for. */
    private final AtomicLong asked = new AtomicLong();
    /** The ask numbers up to which a finished commit covers; guarded by {@link #lock}. */
    private long covered;
    /** How many commits ran: for tests. */
    private final AtomicLong commits = new AtomicLong();

    GroupCommit(Runnable commit) {
        this.commit = commit;
    }

    /** Returns once every write made before this call is durable. */
    void flush() {
        long ask = asked.incrementAndGet();
        lock.lock();
        try {
            if (covered >= ask) {
                // A commit that started after this ask has finished.
                return;
            }
            long upTo = asked.get();
            commit.run();
            covered = upTo;
            commits.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    /** How many commits ran. */
    long commits() {
        return commits.get();
    }

    /** How many flushes wait for the commit running now: for tests. */
    int waiting() {
        return lock.getQueueLength();
    }
}
