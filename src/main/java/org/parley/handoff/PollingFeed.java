package org.parley.handoff;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agent feed across instances by polling {@code agent_feed} at a short interval: every
 * event published is written there, and each instance reads what the others wrote. The default
 * on the embedded store, whose change streams cost too much (see the README's "Agents").
 */
public final class PollingFeed extends AgentFeed {

    private static final System.Logger LOG = System.getLogger(PollingFeed.class.getName());
    /** Events are read back this far: late writes within it are still seen. */
    private static final Duration LOOK_BACK = Duration.ofSeconds(30);
    private static final int REMEMBERED = 10_000;
    private static final long TRIM_EVERY_POLLS = 50;

    private final FeedLog log;
    private final Duration interval;
    private final SequencedSet<ObjectId> seen = new LinkedHashSet<>();
    private ScheduledExecutorService poller;
    private long polls;

    public PollingFeed(MongoDatabase db, Clock wall, Duration interval) {
        this.log = new FeedLog(db, wall);
        this.interval = interval;
    }

    @Override
    protected void share(Event event) {
        log.write(event);
    }

    @Override
    public synchronized void start() {
        if (poller != null) {
            return;
        }
        // What is in the feed already happened before this instance listened.
        log.since(LOOK_BACK).forEach(d -> remember(d.getObjectId("_id")));
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-agent-feed-poll");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reads what other instances wrote since the last poll; public for tests. */
    public void poll() {
        try {
            List<Document> recent = log.since(LOOK_BACK);
            for (Document d : recent) {
                if (remember(d.getObjectId("_id"))) {
                    received(FeedLog.read(d));
                }
            }
            if (++polls % TRIM_EVERY_POLLS == 0) {
                log.trim();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Polling the agent feed failed; trying again", e);
        }
    }

    private boolean remember(ObjectId id) {
        if (!seen.add(id)) {
            return false;
        }
        while (seen.size() > REMEMBERED) {
            seen.removeFirst();
        }
        return true;
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
        super.close();
    }
}
