package org.parley.handoff;

import com.mongodb.client.MongoChangeStreamCursor;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.changestream.ChangeStreamDocument;
import org.bson.BsonDocument;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The agent feed across instances by MongoDB change streams: a patient message stored by any
 * instance is heard from the {@code messages} collection itself, and what agents and the queue
 * do from {@code agent_feed}. Needs a replica set (or the embedded server with its oplog on).
 */
public final class ChangeStreamFeed extends AgentFeed {

    private static final System.Logger LOG = System.getLogger(ChangeStreamFeed.class.getName());
    /** A server that answers at once when nothing changed (the embedded one) is asked again
     * after this pause rather than in a loop; a replica set waits for a change by itself. */
    private static final long IDLE_PAUSE_MS = 100;
    private static final Duration AWAIT = Duration.ofSeconds(1);
    private static final Duration TRIM_EVERY = Duration.ofSeconds(30);

    private final MongoCollection<Document> messages;
    private final FeedLog log;
    private final Clock wall;
    private final List<Thread> watchers = new ArrayList<>();
    private volatile boolean stopping;

    public ChangeStreamFeed(MongoDatabase db, Clock wall) {
        this.messages = db.getCollection("messages");
        this.log = new FeedLog(db, wall);
        this.wall = wall;
    }

    @Override
    protected void share(Event event) {
        // A stored message is heard from the messages collection too, but only agent_feed
        // says which instance stored it, for the web chats open on the others.
        log.write(event);
    }

    @Override
    public synchronized void start() {
        if (!watchers.isEmpty()) {
            return;
        }
        watchers.add(watch("messages", messages, change -> {
            Document m = change.getFullDocument();
            if (m != null && m.getString("conversationId") != null) {
                received(new Event(Kind.MESSAGE, m.getString("conversationId"),
                        ((Number) m.get("seq")).longValue(), STORE));
            }
        }));
        watchers.add(watch("agent_feed", log.collection(), change -> {
            if (change.getFullDocument() != null) {
                received(FeedLog.read(change.getFullDocument()));
            }
        }));
    }

    private Thread watch(String name, MongoCollection<Document> collection,
                         Consumer<ChangeStreamDocument<Document>> handle) {
        Thread thread = Thread.ofVirtual().name("parley-agent-feed-" + name).unstarted(() -> {
            BsonDocument resumeToken = null;
            java.time.Instant trimmed = wall.instant();
            while (!stopping) {
                var stream = collection.watch(List.of(Aggregates.match(
                                Filters.eq("operationType", "insert"))))
                        .maxAwaitTime(AWAIT.toMillis(), TimeUnit.MILLISECONDS);
                if (resumeToken != null) {
                    stream = stream.resumeAfter(resumeToken);
                }
                try (MongoChangeStreamCursor<ChangeStreamDocument<Document>> cursor =
                             stream.cursor()) {
                    while (!stopping) {
                        ChangeStreamDocument<Document> change = cursor.tryNext();
                        if (change == null) {
                            Thread.sleep(IDLE_PAUSE_MS);
                        } else {
                            resumeToken = change.getResumeToken();
                            handle.accept(change);
                        }
                        if (name.equals("agent_feed")
                                && wall.instant().isAfter(trimmed.plus(TRIM_EVERY))) {
                            log.trim();
                            trimmed = wall.instant();
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, "The change stream on " + name
                            + " failed; watching again in a second", e);
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        });
        thread.start();
        return thread;
    }

    @Override
    public synchronized void close() {
        stopping = true;
        watchers.forEach(Thread::interrupt);
        watchers.clear();
        super.close();
    }
}
