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
import java.util.Locale;
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
 *
 * <p>The caps also hold per address, so that a family's accounts on one phone or one email
 * address do not each get their own allowance: a document {@code clientId|address:ADDRESS|
 * channel} lists in {@code accounts} every account checked for a send to that address, and the
 * address's count is what all of them were sent on the channel.
 */
final class Contacts {

    static final String COLLECTION = "outreach_contacts";

    private final MongoCollection<Document> contacts;

    Contacts(MongoDatabase db) {
        this.contacts = db.getCollection(COLLECTION);
    }

    /**
     * A cap reached: {@code reason} is {@code frequency_cap:CHANNEL} for the account's own
     * cap, {@code frequency_cap:CHANNEL:address} for the address it shares with other accounts;
     * {@code until} is when the earliest send in the window leaves it.
     */
    record Capped(String reason, Instant until) {
    }

    /** Counts send {@code key}, said at {@code at}, against the account's channel. */
    void record(String clientId, String account, String channel, String key, Instant at) {
        contacts.updateOne(Filters.eq("_id", id(clientId, account, channel)),
                Updates.addToSet("sent", new Document("key", key).append("at", Date.from(at))),
                new UpdateOptions().upsert(true));
    }

    /** No longer counts send {@code key}: its text was taken back before it went out. */
    void forget(String clientId, String account, String channel, String key) {
        contacts.updateOne(new Document("_id", id(clientId, account, channel)),
                Updates.pull("sent", new Document("key", key)));
    }

    /**
     * Whether a send to the account at {@code address} on the channel would pass the cap's
     * number of sends within its days: first counting the account's own sends, then those of
     * every account listed at the address (listing this one).
     */
    Optional<Capped> capped(String clientId, String account, String channel, String address,
                            OutreachSettings.Cap cap, Instant now) {
        Instant after = now.minus(Duration.ofDays(cap.perDays()));
        List<Instant> own = since(clientId, account, channel, after);
        Optional<Instant> free = free(own, cap);
        if (free.isPresent()) {
            return Optional.of(new Capped("frequency_cap:" + channel, free.get()));
        }

        List<Instant> shared = new ArrayList<>(own);
        for (String other : sharing(clientId, account, channel, address)) {
            shared.addAll(since(clientId, other, channel, after));
        }
        shared.sort(null);
        return free(shared, cap).map(at -> new Capped("frequency_cap:" + channel + ":address",
                at));
    }

    /** When the earliest of the last {@code cap.max()} sends leaves the window, if that many. */
    private static Optional<Instant> free(List<Instant> recent, OutreachSettings.Cap cap) {
        if (recent.size() < cap.max()) {
            return Optional.empty();
        }
        return Optional.of(recent.get(recent.size() - cap.max())
                .plus(Duration.ofDays(cap.perDays())));
    }

    /**
     * The other accounts listed at the address on the channel; lists {@code account} there
     * when it is not yet, so that its sends count for the others from now on.
     */
    private List<String> sharing(String clientId, String account, String channel,
                                 String address) {
        String id = clientId + "|address:" + address.toLowerCase(Locale.ROOT) + "|" + channel;
        // A plain document on _id: one lookup by key on the embedded store.
        Document doc = contacts.find(new Document("_id", id)).first();
        List<String> listed = doc == null ? List.of()
                : doc.getList("accounts", String.class, List.of());
        if (!listed.contains(account)) {
            contacts.updateOne(new Document("_id", id), Updates.addToSet("accounts", account),
                    new UpdateOptions().upsert(true));
        }
        return listed.stream().filter(other -> !other.equals(account)).toList();
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
