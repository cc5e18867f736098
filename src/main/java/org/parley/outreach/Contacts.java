package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 *
 * <p>The address's free places go to its sends in the order they were first due: each send the
 * address's cap holds is listed in {@code waiting} ({@code {key, order}}, {@code order} being the
 * send's {@code firstDueAt}, else its {@code dueAt}), and a send that finds a place free while a
 * send listed there was due before it, and waits only for that cap, leaves the place to that
 * one (made due now) and is looked at again a minute later. Holds move {@code dueAt}, so without
 * this a newer send due at the same minute could take an older one's place day after day.
 */
final class Contacts {

    static final String COLLECTION = "outreach_contacts";
    /** How long a send that left its address's free place to an earlier one waits. */
    static final Duration YIELD = Duration.ofMinutes(1);

    private final MongoCollection<Document> contacts;
    private final MongoCollection<Document> sends;

    Contacts(MongoDatabase db) {
        this.contacts = db.getCollection(COLLECTION);
        this.sends = db.getCollection(Outbox.COLLECTION);
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
     * Whether {@code send}, to its account at {@code address} on the channel, would pass the
     * cap's number of sends within its days: first counting the account's own sends, then those
     * of every account listed at the address (listing this one); and, when the address has a
     * place free, whether a send there due before this one waits for it
     * ({@code frequency_cap:CHANNEL:earlier_send}, for {@link #YIELD}).
     */
    Optional<Capped> capped(Document send, String channel, String address,
                            OutreachSettings.Cap cap, Instant now) {
        String clientId = send.getString("clientId");
        String account = send.getString("account");
        Instant after = now.minus(Duration.ofDays(cap.perDays()));
        List<Instant> own = since(clientId, account, channel, after);
        Optional<Instant> free = free(own, cap);
        if (free.isPresent()) {
            return Optional.of(new Capped("frequency_cap:" + channel, free.get()));
        }

        String id = clientId + "|address:" + address.toLowerCase(Locale.ROOT) + "|" + channel;
        // A plain document on _id: one lookup by key on the embedded store.
        Document doc = contacts.find(new Document("_id", id)).first();
        List<Instant> shared = new ArrayList<>(own);
        for (String other : sharing(id, doc, account)) {
            shared.addAll(since(clientId, other, channel, after));
        }
        shared.sort(null);
        String reason = "frequency_cap:" + channel + ":address";
        Optional<Instant> full = free(shared, cap);
        if (full.isPresent()) {
            contacts.updateOne(new Document("_id", id), Updates.addToSet("waiting",
                    new Document("key", send.getString("_id")).append("order", order(send))));
            return Optional.of(new Capped(reason, full.get()));
        }
        return earlier(id, doc, send, reason, now).map(key -> new Capped("frequency_cap:"
                + channel + ":earlier_send", now.plus(YIELD)));
    }

    /**
     * The key of the send listed as waiting at the address that was first due before
     * {@code send} and still waits only for the address's cap, made due now; those listed
     * before it that no longer wait for the cap are taken off the list.
     */
    private Optional<String> earlier(String id, Document doc, Document send, String reason,
                                     Instant now) {
        List<Document> waiting = new ArrayList<>(doc == null ? List.of()
                : doc.getList("waiting", Document.class, List.of()));
        waiting.sort(Comparator.comparing(w -> w.getDate("order")));
        Date mine = order(send);
        for (Document w : waiting) {
            String key = w.getString("key");
            if (!w.getDate("order").before(mine)) {
                break;
            }
            if (key.equals(send.getString("_id"))) {
                continue;
            }
            Document other = sends.find(new Document("_id", key)).projection(Projections
                    .include("status", "dueAt", "holds", "pausedAt")).first();
            List<Document> holds = other == null ? List.of()
                    : other.getList("holds", Document.class, List.of());
            String status = other == null ? "" : other.getString("status");
            boolean ready = (status.equals("scheduled") || status.equals("sending"))
                    && other.get("pausedAt") == null && !holds.isEmpty()
                    && reason.equals(holds.getLast().getString("reason"));
            if (!ready) {
                contacts.updateOne(new Document("_id", id), Updates.pull("waiting",
                        new Document("key", key)));
                continue;
            }
            if (status.equals("scheduled") && other.getDate("dueAt").toInstant().isAfter(now)) {
                // The send as it was read: a plain document, a unique index's keys exactly.
                sends.updateOne(new Document("_id", key).append("status", status)
                        .append("dueAt", other.getDate("dueAt")),
                        Updates.set("dueAt", Date.from(now)));
            }
            return Optional.of(key);
        }
        return Optional.empty();
    }

    /** When a send was first due: before any hold moved it. */
    private static Date order(Document send) {
        Date first = send.getDate("firstDueAt");
        return first != null ? first : send.getDate("dueAt");
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
     * The other accounts listed in the address's document {@code doc} (stored under {@code id});
     * lists {@code account} there when it is not yet, so that its sends count for the others
     * from now on.
     */
    private List<String> sharing(String id, Document doc, String account) {
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
