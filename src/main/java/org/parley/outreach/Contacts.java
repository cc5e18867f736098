package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * When each account was last written to on each channel, for the frequency caps: one document
 * per client, account and channel in {@code outreach_contacts}, read by its key. The caps are
 * checked for every send, and asked of {@code outreach_sends} the embedded store would read the
 * whole collection each time.
 *
 * <p>Fields: {@code _id} ({@code clientId|account|channel}) and {@code sent}, a list of
 * {@code {key, at}}: the send's key and when it was said. A send counted twice (a worker that
 * took over from one that died) is the same entry, so it counts once.
 */
final class Contacts {

    static final String COLLECTION = "outreach_contacts";

    private final MongoCollection<Document> contacts;

    Contacts(MongoDatabase db) {
        this.contacts = db.getCollection(COLLECTION);
    }

    /** Counts send {@code key}, said at {@code at}, against the account's channel. */
    void record(String clientId, String account, String channel, String key, Instant at) {
        contacts.updateOne(Filters.eq("_id", id(clientId, account, channel)),
                Updates.addToSet("sent", new Document("key", key).append("at", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /**
     * When the account has had its cap of sends on the channel within the cap's days: the
     * time the earliest of those leaves the window.
     */
    Optional<Instant> capped(String clientId, String account, String channel,
                             OutreachSettings.Cap cap, Instant now) {
        Duration window = Duration.ofDays(cap.perDays());
        List<Instant> recent = since(clientId, account, channel, now.minus(window));
        if (recent.size() < cap.max()) {
            return Optional.empty();
        }
        return Optional.of(recent.get(recent.size() - cap.max()).plus(window));
    }

    /** When the account was written to on the channel after {@code after}, earliest first. */
    private List<Instant> since(String clientId, String account, String channel, Instant after) {
        Document doc = contacts.find(Filters.eq("_id", id(clientId, account, channel))).first();
        List<Instant> at = new ArrayList<>();
        if (doc != null) {
            for (Document sent : doc.getList("sent", Document.class)) {
                Instant when = sent.getDate("at").toInstant();
                if (when.isAfter(after)) {
                    at.add(when);
                }
            }
        }
        at.sort(null);
        return at;
    }

    private static String id(String clientId, String account, String channel) {
        return clientId + "|" + account + "|" + channel;
    }
}
