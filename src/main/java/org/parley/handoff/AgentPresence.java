package org.parley.handoff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.Set;

/**
 * Which agents have a console open, on any instance, in {@code agent_presence}: one document per
 * member with the consoles open now and the last time one of them connected or beat. An agent is
 * online while a console is open and beat within {@link AgentDesk#SILENCE_LIMIT}; the consoles
 * of an instance that died age out by that limit.
 */
final class AgentPresence {

    private final MongoCollection<Document> presence;

    AgentPresence(MongoDatabase db) {
        this.presence = db.getCollection("agent_presence");
    }

    /** Console {@code consoleId} of {@code memberId} connected or beat at {@code now}. */
    void seen(String memberId, String consoleId, Instant now) {
        presence.updateOne(Filters.eq("_id", memberId), Updates.combine(
                        Updates.set("seenAt", Date.from(now)),
                        Updates.addToSet("consoles", consoleId)),
                new UpdateOptions().upsert(true));
    }

    /** Console {@code consoleId} of {@code memberId} closed. */
    void left(String memberId, String consoleId) {
        presence.updateOne(Filters.eq("_id", memberId), Updates.pull("consoles", consoleId));
    }

    /** The members with a console open that beat after {@code cutoff}. */
    Set<String> online(Instant cutoff) {
        Set<String> out = new HashSet<>();
        for (Document d : presence.find(Filters.gt("seenAt", Date.from(cutoff)))) {
            if (!d.getList("consoles", String.class, java.util.List.of()).isEmpty()) {
                out.add(d.getString("_id"));
            }
        }
        return out;
    }
}
