package org.parley.identity;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;

/**
 * Counts failed identity checks per client and per identity guessed (a last name, an account
 * number) across all conversations, so that opening new conversations does not give a guesser
 * fresh tries. Past the limit in the window, checks of that identity are refused and a person
 * follows up.
 */
public final class VerificationThrottle {

    private final MongoCollection<Document> failures;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    public VerificationThrottle(MongoDatabase db, Clock clock, int limit, Duration window) {
        this.failures = db.getCollection("verification_failures");
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        failures.createIndex(Indexes.ascending("clientId", "key", "at"));
    }

    /** True when {@code key} has failed {@code limit} times within the window. */
    public boolean blocked(String clientId, String key) {
        Date since = Date.from(clock.instant().minus(window));
        return failures.countDocuments(Filters.and(Filters.eq("clientId", clientId),
                Filters.eq("key", key), Filters.gte("at", since))) >= limit;
    }

    public void failed(String clientId, String key, String conversationId) {
        failures.insertOne(new Document("clientId", clientId).append("key", key)
                .append("conversationId", conversationId).append("at", Date.from(clock.instant())));
    }
}
