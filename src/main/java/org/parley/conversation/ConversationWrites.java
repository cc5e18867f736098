package org.parley.conversation;

import org.parley.NotFoundException;
import org.parley.dialog.DialogState;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How one conversation is changed: under a lock of this instance, again after a write lost to
 * another writer (another instance, or one that died half way), with the next message's seq
 * and the conversation's version read from the store.
 */
final class ConversationWrites {

    private static final int MAX_RETRIES = 5;

    private final ConversationStore store;
    private final ReentrantLock[] stripes = new ReentrantLock[64];

    ConversationWrites(ConversationStore store) {
        this.store = store;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs one write of the conversation under its lock, and again after a write lost to
     * another writer, until it is done or {@code already} finds it done by someone else.
     */
    <T> T locked(String conversationId, Supplier<Optional<T>> already, Supplier<T> once) {
        return locked(conversationId, Optional::empty, already, once);
    }

    /**
     * Runs a write stored under the key {@code dedupe} once: when a message under that key is
     * found, before the lock or after a write lost to another writer, {@code done} answers
     * from it instead.
     */
    <T> T once(String conversationId, String dedupe, Function<Message, T> done,
               Supplier<T> write) {
        Optional<Message> seen = store.findByDedupe(conversationId, dedupe);
        if (seen.isPresent()) {
            return done.apply(seen.get());
        }
        return locked(conversationId, () -> store.findByDedupe(conversationId, dedupe).map(done),
                write);
    }

    /**
     * Runs a write stored under the key {@code dedupe} once, looking for that key under the
     * lock before each attempt; {@code done} answers from a message found there.
     */
    <T> T onceLookingFirst(String conversationId, String dedupe, Function<Message, T> done,
                           Supplier<T> write) {
        return locked(conversationId, () -> store.findByDedupe(conversationId, dedupe).map(done),
                Optional::empty, write);
    }

    private <T> T locked(String conversationId, Supplier<Optional<T>> doneBefore,
                         Supplier<Optional<T>> doneAfterConflict, Supplier<T> once) {
        ReentrantLock lock = stripe(conversationId);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<T> done = doneBefore.get();
                if (done.isPresent()) {
                    return done.get();
                }
                try {
                    return once.get();
                } catch (ConversationStore.Conflict e) {
                    done = doneAfterConflict.get();
                    if (done.isPresent()) {
                        return done.get();
                    }
                    if (attempt == MAX_RETRIES) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The conversation, or the error that names the id not found. */
    Conversation require(String conversationId) {
        return store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId));
    }

    /** The seq the conversation's next message takes. */
    long nextSeq(Conversation c) {
        // A writer that died between storing its messages and the conversation left nextSeq
        // taken; only then is the highest stored seq looked for.
        return store.seqTaken(c.id(), c.nextSeq())
                ? Math.max(c.nextSeq(), store.lastSeq(c.id()) + 1) : c.nextSeq();
    }

    /**
     * Stores {@code c} one version on, with {@code dialog} and {@code nextSeq}, as changed at
     * {@code updatedAt}.
     *
     * @return the conversation as stored
     * @throws ConversationStore.Conflict when another writer changed it first
     */
    Conversation advance(Conversation c, DialogState dialog, long nextSeq, Instant updatedAt) {
        Conversation next = new Conversation(c.id(), c.clientId(), c.channel(), c.address(),
                dialog, c.resumeTokenHash(), nextSeq, c.version() + 1, c.createdAt(), updatedAt);
        store.update(next, c.version());
        return next;
    }

    private ReentrantLock stripe(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
