package org.parley.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.types.ObjectId;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The small {@code agent_feed} collection that carries agent events between instances. Each
 * event is a document whose ObjectId, made by the writing instance, dates it; documents older
 * than {@link #KEPT} are deleted, so the collection stays small whatever the traffic.
 */
final class FeedLog {

    /** How long an event stays readable: far longer than any reader's pause. */
    static final Duration KEPT = Duration.ofMinutes(2);

    private final MongoCollection<Document> feed;
    private final Clock wall;

    /** @param wall real time: ObjectIds carry the writer's wall clock, whatever a test's is */
    FeedLog(MongoDatabase db, Clock wall) {
        this.feed = db.getCollection("agent_feed");
        this.wall = wall;
    }

    MongoCollection<Document> collection() {
        return feed;
    }

    void write(AgentFeed.Event event) {
        feed.insertOne(new Document("_id", new ObjectId())
                .append("kind", event.kind().name())
                .append("conversationId", event.conversationId())
                .append("seq", event.seq())
                .append("origin", event.origin()));
    }

    /** Events written since {@code ago} before now, oldest first, with their ids. */
    List<Document> since(Duration ago) {
        return feed.find(Filters.gt("_id", floor(ago))).sort(Sorts.ascending("_id"))
                .into(new ArrayList<>());
    }

    /** Deletes the events older than {@link #KEPT}. */
    void trim() {
        feed.deleteMany(Filters.lt("_id", floor(KEPT)));
    }

    static AgentFeed.Event read(Document d) {
        return new AgentFeed.Event(AgentFeed.Kind.valueOf(d.getString("kind")
                .toUpperCase(Locale.ROOT)), d.getString("conversationId"),
                ((Number) d.get("seq")).longValue(), d.getString("origin"));
    }

    /** The smallest ObjectId of the second {@code ago} before now. */
    private ObjectId floor(Duration ago) {
        long seconds = wall.instant().minus(ago).getEpochSecond();
        return new ObjectId(HexFormat.of().toHexDigits((int) seconds) + "0".repeat(16));
    }
}
