package org.parley.store;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import org.h2.mvstore.MVStore;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded server's file backend, committed only between whole write commands.
 *
 * <p>The H2 file store keeps every collection and every index in its own map and, left to
 * itself, writes them out once a second while writes go on, map by map: a commit could keep
 * a send marked sent without the message said before it, or a document without its entry in
 * an index, and a process killed just after would reopen to that. Here the store is opened
 * with its own commits switched off; a write command holds a shared lock from start to end and
 * a commit takes the lock exclusively, so each commit holds exactly the writes finished before
 * it. {@link Store} commits once a second and whenever a caller flushes.
 */
final class EmbeddedBackend extends H2Backend {

    /** Commands that change nothing, answered without waiting for a commit. */
    private static final Set<String> READS = Set.of("find", "getmore", "count", "distinct",
            "listcollections", "listindexes", "killcursors", "ping", "ismaster", "hello",
            "buildinfo", "whatsmyuri", "serverstatus", "dbstats", "collstats", "getlasterror",
            "endsessions", "getparameter", "hostinfo", "getcmdlineopts", "connectionstatus");

    private final ReentrantReadWriteLock commits = new ReentrantReadWriteLock();

    private EmbeddedBackend(MVStore store) {
        super(store);
    }

    /**
     * Opens the file, creating it if needed, with H2's own background commits off.
     *
     * @throws RuntimeException from H2 when the file cannot be opened (in use, unreadable)
     */
    static EmbeddedBackend open(String file) {
        return new EmbeddedBackend(new MVStore.Builder().fileName(file).autoCommitDisabled()
                .open());
    }

    /**
     * Every command of the MongoDB driver: it speaks OP_MSG, whose messages come here (the
     * older OP_QUERY path carries only its first handshake).
     */
    @Override
    public Document handleMessage(MongoMessage message) {
        Document query = message.getDocument();
        if (readOnly(query.keySet().iterator().next(), query)) {
            return super.handleMessage(message);
        }
        commits.readLock().lock();
        try {
            return super.handleMessage(message);
        } finally {
            commits.readLock().unlock();
        }
    }

    /**
     * Writes every finished write command to the file, none half done. Write commands wait
     * only while the commit takes its picture of the maps; the file is written after, while
     * they go on, and this returns once it is.
     */
    @Override
    public void commit() {
        MVStore store = getMvStore();
        commits.writeLock().lock();
        try {
            // The picture now, the file written by H2's own thread; when another store
            // operation holds the store (compacting), the whole commit is done here instead.
            if (store.tryCommit() < 0 && store.hasUnsavedChanges()) {
                store.commit();
            }
        } finally {
            commits.writeLock().unlock();
        }
        store.getFileStore().executeFileStoreOperation(() -> { });
    }

    /**
     * Rewrites sparsely used parts of the file, as H2's background thread would have; the
     * rewritten pages reach the file with the next commit.
     */
    void compact() {
        getMvStore().compact(80, 4 * 1024 * 1024);
    }

    private static boolean readOnly(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            return !(query.get("pipeline") instanceof List<?> stages) || stages.stream()
                    .noneMatch(s -> s instanceof Document d
                            && (d.containsKey("$out") || d.containsKey("$merge")));
        }
        return READS.contains(name);
    }
}
