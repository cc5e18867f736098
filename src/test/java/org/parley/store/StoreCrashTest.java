package org.parley.store;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the embedded store has after a kill is what it had at one moment: every write that
 * finished before another is there when the other is, and every document is found through each
 * of its indexes. Parley's exactly-once rests on it: a send marked sent has its message, and a
 * send found scanning is found by the exact-key claim.
 */
class StoreCrashTest {

    /** Crash cycles per test: each writes side by side with commits, kills, reopens, checks. */
    private static final int CYCLES = 4;
    private static final int WRITERS = 8;
    private static final int PER_WRITER = 40;

    @TempDir
    Path data;

    @Test
    void aWriteThatFollowedAnotherIsNeverKeptWithoutItAfterAKill() throws Exception {
        List<String> broken = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            Store store = Store.embedded(data, "parley");
            // The messages' maps come before the sends' in the store, as in Parley.
            MongoCollection<Document> messages = messages(store);
            MongoCollection<Document> sends = sends(store);
            writeThenKill(store, cycle, (writer, key) -> {
                // As the sender does: the message first, then the send marked sent.
                messages.insertOne(new Document("_id", key));
                sends.updateOne(new Document("_id", key).append("status", "sending"),
                        Updates.set("status", "sent"));
            }, sends);

            Store reopened = Store.embedded(data, "parley");
            Set<Object> said = new HashSet<>();
            reopened.database().getCollection("messages").find()
                    .forEach(d -> said.add(d.get("_id")));
            for (Document send : sends(reopened).find(new Document("status", "sent"))) {
                if (!said.contains(send.get("_id"))) {
                    broken.add("cycle " + cycle + ": " + send.get("_id") + " sent, no message");
                }
            }
            broken.addAll(unreachable(sends(reopened), cycle));
            reopened.close();
        }
        assertEquals(List.of(), broken);
    }

    @Test
    void aDocumentAKilledProcessLeftOutOfAnIndexIsFoundByItAgainAfterTheRestart() {
        Store store = Store.embedded(data, "parley");
        sends(store).insertOne(new Document("_id", "s-1").append("status", "sending"));
        sends(store).insertOne(new Document("_id", "s-2").append("status", "sending"));
        store.flush();
        store.kill();
        // What a commit cut through a write once left: the document, and its index without it.
        try (MVStore file = MVStore.open(data.resolve("parley.mv.db").toString())) {
            MVMap<Object, Object> index = file.openMap("parley.sends._index__id_1_status_1");
            Object entry = index.keySet().stream().filter(k -> k.toString().contains("s-1"))
                    .findFirst().orElseThrow();
            index.remove(entry);
            file.commit();
        }

        Store reopened = Store.embedded(data, "parley");
        try {
            assertEquals(new Document("_id", "s-1").append("status", "sending"),
                    sends(reopened).find(new Document("_id", "s-1")
                            .append("status", "sending")).first());
            assertEquals(List.of(), unreachable(sends(reopened), 0));
        } finally {
            reopened.close();
        }
    }

    @Test
    void aStoreClosedCleanlyIsNotMarkedOpenAndOneKilledIs() {
        Store closed = Store.embedded(data, "parley");
        assertTrue(Files.exists(data.resolve(Store.OPEN_MARK)));
        closed.close();
        assertFalse(Files.exists(data.resolve(Store.OPEN_MARK)));

        Store.embedded(data, "parley").kill();
        assertTrue(Files.exists(data.resolve(Store.OPEN_MARK)));
    }

    /** Sends found by a scan that the exact-key lookup of a unique index does not find. */
    private static List<String> unreachable(MongoCollection<Document> sends, int cycle) {
        List<String> out = new ArrayList<>();
        for (Document send : sends.find()) {
            Document exact = new Document("_id", send.get("_id"))
                    .append("status", send.get("status"));
            // A plain document naming exactly a unique index's keys: the store answers it from
            // that index alone.
            if (sends.find(exact).first() == null) {
                out.add("cycle " + cycle + ": " + exact.toJson() + " not found by its index");
            }
        }
        return out;
    }

    private static MongoCollection<Document> messages(Store store) {
        MongoCollection<Document> messages = store.database().getCollection("messages");
        messages.createIndex(Indexes.ascending("_id", "seq"), new IndexOptions().unique(true));
        return messages;
    }

    private static MongoCollection<Document> sends(Store store) {
        MongoCollection<Document> sends = store.database().getCollection("sends");
        sends.createIndex(Indexes.ascending("_id", "status"), new IndexOptions().unique(true));
        return sends;
    }

    interface Step {
        void write(int writer, String key);
    }

    /**
     * {@link #WRITERS} threads each schedule and then say sends while another thread flushes as
     * fast as it can, as the SMS sender's passes do; the store is killed in the middle, once
     * {@link #PER_WRITER} sends a writer have been said.
     */
    private static void writeThenKill(Store store, int cycle, Step step,
                                      MongoCollection<Document> sends) throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch said = new CountDownLatch(WRITERS * PER_WRITER);
        try (ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1)) {
            threads.submit(() -> {
                while (writing.get()) {
                    store.flush();
                }
            });
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String key = cycle + "-" + writer + "-" + i;
                        sends.insertOne(new Document("_id", key).append("status", "sending"));
                        step.write(writer, key);
                        said.countDown();
                    }
                    return null;
                });
            }
            said.await();
            store.kill();
            writing.set(false);
        }
    }
}
