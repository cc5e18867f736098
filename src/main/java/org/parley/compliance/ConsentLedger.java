package org.parley.compliance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The consent ledger: every opt-out and opt-in a patient made with a client on one channel and
 * address, and whether that address is opted out now. Entries in {@code consent} are only ever
 * added; the current state lives in {@code consent_state}, one document per client, channel and
 * address, changed by single-document atomic updates so that "is this number opted out?" is one
 * indexed read on every outbound path.
 */
public final class ConsentLedger {

    /** An opt-out or opt-in keyword sent as the whole message. */
    public static final String KEYWORD = "keyword";
    /** A message that asked to stop in other words. */
    public static final String REQUEST_IN_WORDS = "request_in_words";
    /** Twilio refused a send with error 21610: the carrier holds the number as opted out. */
    public static final String CARRIER_21610 = "carrier_21610";
    /** A person at the client recorded it, for example after a phone call. */
    public static final String OPERATOR = "operator";
    /** The unsubscribe link of an email, clicked or posted one-click (RFC 8058). */
    public static final String UNSUBSCRIBE_LINK = "unsubscribe_link";

    public static final String OPT_OUT = "opt_out";
    public static final String OPT_IN = "opt_in";

    private static final Set<String> HOWS = Set.of(KEYWORD, REQUEST_IN_WORDS, CARRIER_21610,
            OPERATOR, UNSUBSCRIBE_LINK);
    private static final System.Logger LOG = System.getLogger(ConsentLedger.class.getName());

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> states;
    private final Clock clock;

    public ConsentLedger(MongoDatabase db, Clock clock) {
        this.entries = db.getCollection("consent");
        this.states = db.getCollection("consent_state");
        this.clock = clock;
        entries.createIndex(Indexes.ascending("clientId", "channel", "address", "at"));
        states.createIndex(Indexes.ascending("clientId", "channel", "address"),
                new IndexOptions().unique(true));
    }

    /**
     * One recorded change of consent.
     *
     * @param action {@link #OPT_OUT} or {@link #OPT_IN}
     * @param how    {@link #KEYWORD}, {@link #REQUEST_IN_WORDS}, {@link #CARRIER_21610},
     *               {@link #OPERATOR} or {@link #UNSUBSCRIBE_LINK}
     */
    public record Entry(String clientId, String channel, String address, String action, String how,
                        Instant at, Optional<String> conversationId) {
    }

    /**
     * Records an opt-out. Every call adds an entry, a repeated STOP included.
     *
     * @return true when the address was not opted out before this call
     */
    public boolean optOut(String clientId, String channel, String address, String how,
                          Optional<String> conversationId) {
        String key = address(channel, address);
        validate(clientId, channel, key, how);
        Instant now = clock.instant();

        // The state changes first: if the entry write then fails, nothing is sent by mistake.
        boolean changed = markOptedOut(clientId, channel, key, how, now);

        append(clientId, channel, key, OPT_OUT, how, now, conversationId);
        LOG.log(System.Logger.Level.DEBUG, () -> "opt-out clientId=" + clientId + " channel="
                + channel + " how=" + how + " conversationId=" + conversationId.orElse("")
                + " changed=" + changed);
        return changed;
    }

    /**
     * Records an opt-in. Every call adds an entry.
     *
     * @return true when the address was opted out before this call
     */
    public boolean optIn(String clientId, String channel, String address, String how,
                         Optional<String> conversationId) {
        String key = address(channel, address);
        validate(clientId, channel, key, how);
        Instant now = clock.instant();

        UpdateResult result = states.updateOne(
                Filters.and(key(clientId, channel, key), Filters.eq("optedOut", true)),
                Updates.combine(Updates.set("optedOut", false), Updates.set("how", how),
                        Updates.set("changedAt", Date.from(now)),
                        Updates.set("confirmed", false)));
        boolean changed = result.getModifiedCount() > 0;

        append(clientId, channel, key, OPT_IN, how, now, conversationId);
        LOG.log(System.Logger.Level.DEBUG, () -> "opt-in clientId=" + clientId + " channel="
                + channel + " how=" + how + " conversationId=" + conversationId.orElse("")
                + " changed=" + changed);
        return changed;
    }

    /** True while nothing automated may be sent to {@code address} on {@code channel}. */
    public boolean optedOut(String clientId, String channel, String address) {
        Document state = states.find(key(clientId, channel, address(channel, address)))
                .projection(Projections.include("optedOut")).first();
        return state != null && Boolean.TRUE.equals(state.getBoolean("optedOut"));
    }

    /**
     * When the address last changed between opted in and out on {@code channel}; empty when it
     * never did. One lookup by key, so a caller can skip {@link #history} when nothing changed.
     */
    public Optional<Instant> lastChange(String clientId, String channel, String address) {
        Document state = states.find(key(clientId, channel, address(channel, address)))
                .projection(Projections.include("changedAt")).first();
        return Optional.ofNullable(state).map(d -> d.getDate("changedAt"))
                .map(Date::toInstant);
    }

    /**
     * Claims the one opt-out confirmation of the current opt-out: true for the first caller
     * after the address became opted out, false after that and while it is not opted out. An
     * opt-out by keyword and one asked for in words share it: whichever comes first is
     * confirmed, and the other is not confirmed again.
     */
    public boolean claimOptOutConfirmation(String clientId, String channel, String address) {
        UpdateResult result = states.updateOne(
                Filters.and(key(clientId, channel, address(channel, address)),
                        Filters.eq("optedOut", true), Filters.ne("confirmed", true)),
                Updates.set("confirmed", true));
        return result.getModifiedCount() > 0;
    }

    /** Every entry for the address, oldest first. */
    public List<Entry> history(String clientId, String channel, String address) {
        return entries.find(key(clientId, channel, address(channel, address)))
                .sort(Sorts.ascending("at", "_id"))
                .map(d -> new Entry(d.getString("clientId"), d.getString("channel"),
                        d.getString("address"), d.getString("action"), d.getString("how"),
                        d.getDate("at").toInstant(),
                        Optional.ofNullable(d.getString("conversationId"))))
                .into(new ArrayList<>());
    }

    private boolean markOptedOut(String clientId, String channel, String address, String how,
                                 Instant now) {
        try {
            UpdateResult result = states.updateOne(
                    Filters.and(key(clientId, channel, address), Filters.ne("optedOut", true)),
                    Updates.combine(Updates.set("optedOut", true), Updates.set("how", how),
                            Updates.set("changedAt", Date.from(now)),
                            Updates.set("confirmed", false)),
                    new UpdateOptions().upsert(true));
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (MongoWriteException e) {
            // The upsert met the unique index: the address is already opted out.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }

    private void append(String clientId, String channel, String address, String action,
                        String how, Instant at, Optional<String> conversationId) {
        Document entry = new Document("clientId", clientId)
                .append("channel", channel)
                .append("address", address)
                .append("action", action)
                .append("how", how)
                .append("at", Date.from(at));
        conversationId.ifPresent(id -> entry.append("conversationId", id));
        entries.insertOne(entry);
    }

    /**
     * A plain equality document rather than {@code Filters.and}: the embedded store answers
     * {@code $and} by scanning, but uses the unique key index for this shape.
     */
    private static Bson key(String clientId, String channel, String address) {
        return new Document("clientId", clientId).append("channel", channel)
                .append("address", address);
    }

    /**
     * The address as the ledger keys it: without surrounding spaces, and an email address in
     * lower case, since mail providers treat it so and an opt-out must not miss on case. Phone
     * numbers come in E.164 from the channel adapter.
     */
    private static String address(String channel, String address) {
        String trimmed = address == null ? "" : address.strip();
        return "email".equals(channel) ? trimmed.toLowerCase(Locale.ROOT) : trimmed;
    }

    private static void validate(String clientId, String channel, String address, String how) {
        if (clientId == null || clientId.isBlank() || channel == null || channel.isBlank()
                || address.isEmpty()) {
            throw new IllegalArgumentException("Consent needs a client, a channel and an address; "
                    + "got client '" + clientId + "', channel '" + channel + "' and "
                    + (address.isEmpty() ? "no address" : "an address")
                    + "; web chat has no address and keeps no consent");
        }
        if (!HOWS.contains(how)) {
            throw new IllegalArgumentException("Consent change '" + how + "' is not one the "
                    + "ledger records; use one of " + new TreeSet<>(HOWS));
        }
    }
}
