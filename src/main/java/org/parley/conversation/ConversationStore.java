package org.parley.conversation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Conversations and their messages in MongoDB. A message is unique by conversation and seq,
 * and by conversation and dedupe key, so a retried or concurrent write is refused by the store
 * itself rather than by a check before the insert.
 *
 * <p>Every read and write of a turn names a document by {@code _id} or by exactly the fields of
 * a unique index, written as one plain filter document: the embedded store uses an index only
 * then ({@code Filters.and} renders {@code $and}, which it answers by scanning the collection).
 * The latest conversation at an address is therefore kept under its own key in
 * {@code conversation_keys}.
 */
public final class ConversationStore {

    private static final String KEYS_FILLED = "~filled";
    /**
     * On a paced text's outbox entry and delivery: the rate its sending number's texts are
     * spaced at when handed over.
     */
    public static final String PER_SECOND = "perSecond";
    /**
     * On a paced text's outbox entry and delivery: the instant it may no longer be handed over
     * (its patient's contact hours end then).
     */
    public static final String GO_BY = "goBy";
    /**
     * On a paced text's outbox entry: the number it is sent from, so that the outreach sender
     * can count the texts waiting for each number.
     */
    public static final String NUMBER = "number";

    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> messages;
    private final MongoCollection<Document> keys;
    private final MongoCollection<Document> outbox;
    private final HeldTexts held;

    public ConversationStore(MongoDatabase db) {
        this.held = HeldTexts.of(db);
        this.conversations = db.getCollection("conversations");
        this.messages = db.getCollection("messages");
        this.keys = db.getCollection("conversation_keys");
        this.outbox = db.getCollection("outbox");
        messages.createIndex(Indexes.ascending("conversationId", "seq"),
                new IndexOptions().unique(true));
        messages.createIndex(Indexes.ascending("conversationId", "dedupe"),
                new IndexOptions().unique(true));
        // Unique by _id anyway: it lets the versioned update below be answered from an index.
        conversations.createIndex(Indexes.ascending("_id", "version"),
                new IndexOptions().unique(true));
        conversations.createIndex(Indexes.ascending("clientId", "status", "updatedAt"));
        conversations.createIndex(Indexes.ascending("clientId", "channel", "address", "updatedAt"));
        conversations.createIndex(Indexes.ascending("clientId", "dialog.verifiedAccount",
                "updatedAt"));
        fillKeys();
    }

    /**
     * Keys the conversations stored before {@code conversation_keys} existed, once: the latest
     * at each address is written last and wins.
     */
    private void fillKeys() {
        if (keys.find(new Document("_id", KEYS_FILLED)).first() != null) {
            return;
        }
        conversations.find(Filters.ne("address", ""))
                .projection(Projections.include("clientId", "channel", "address"))
                .sort(Sorts.ascending("createdAt"))
                .forEach(c -> keys.replaceOne(new Document("_id", key(c.getString("clientId"),
                                c.getString("channel"), c.getString("address"))),
                        new Document("conversationId", c.getString("_id")),
                        new ReplaceOptions().upsert(true)));
        insertIfAbsent(keys, new Document("_id", KEYS_FILLED));
    }

    /** A write lost to another writer: the caller reloads and tries again. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    /** Stores a new conversation; one with an address becomes the latest at that address. */
    public void create(Conversation c) {
        if (!c.address().isEmpty()) {
            keys.replaceOne(new Document("_id", key(c)), new Document("conversationId", c.id()),
                    new ReplaceOptions().upsert(true));
        }
        conversations.insertOne(ConversationCodec.write(c));
    }

    /**
     * The id of the latest conversation at {@code fresh}'s address, storing {@code fresh} as the
     * first one there if there is none. Callers racing on one address, on any instance, get one
     * conversation: the insert of the address's key is the arbiter. The key is written before
     * the conversation, so a writer that died between the two leaves a key whose conversation
     * the next caller stores.
     */
    public String open(Conversation fresh) {
        String key = key(fresh);
        String id = insertIfAbsent(keys, new Document("_id", key)
                .append("conversationId", fresh.id()))
                ? fresh.id()
                : keys.find(new Document("_id", key)).first().getString("conversationId");
        insertIfAbsent(conversations, ConversationCodec.write(new Conversation(id,
                fresh.clientId(), fresh.channel(), fresh.address(), fresh.dialog(),
                fresh.resumeTokenHash(), fresh.nextSeq(), fresh.version(), fresh.createdAt(),
                fresh.updatedAt())));
        return id;
    }

    public Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversations.find(Filters.eq("_id", id)).first())
                .map(ConversationCodec::read);
    }

    /** The most recent conversation with {@code address} on {@code channel}, if any. */
    public Optional<Conversation> findLatest(String clientId, String channel, String address) {
        return Optional.ofNullable(keys.find(new Document("_id", key(clientId, channel, address)))
                        .first())
                .flatMap(k -> find(k.getString("conversationId")));
    }

    /** The most recently active conversation in which {@code accountNumber} was verified. */
    public Optional<Conversation> latestVerified(String clientId, String accountNumber) {
        return Optional.ofNullable(conversations.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("dialog.verifiedAccount", accountNumber)))
                        .sort(Sorts.descending("updatedAt")).limit(1).first())
                .map(ConversationCodec::read);
    }

    /** Stores {@code next} only if the stored version is still {@code expectedVersion}. */
    public void update(Conversation next, long expectedVersion) {
        var result = conversations.replaceOne(
                new Document("_id", next.id()).append("version", expectedVersion),
                ConversationCodec.write(next));
        if (result.getMatchedCount() == 0) {
            throw new Conflict("Conversation " + next.id() + " changed since version "
                    + expectedVersion);
        }
    }

    /**
     * Inserts messages in order. On a channel that delivers through a provider (not web chat),
     * each bot or agent message is written with {@code delivery.status: queued}, for the
     * transcript and the status callbacks, and then queued in the small {@code outbox}
     * collection under the message's own {@code _id}: senders claim from there rather than from
     * every message ever stored. A writer that dies between the two writes leaves a queued
     * message with no outbox document, which the sender's start-up repair queues again.
     *
     * @throws Conflict when a seq or a dedupe key is already taken
     */
    public void insert(List<Message> batch, List<String> dedupeKeys, String channel,
                       String address) {
        insert(batch, dedupeKeys, channel, address, Optional.empty());
    }

    /**
     * Inserts messages as {@link #insert(List, List, String, String)} does, with {@code note}
     * stored on the first of them as its {@code turn}.
     */
    public void insert(List<Message> batch, List<String> dedupeKeys, String channel,
                       String address, Optional<TurnNote> note) {
        insert(batch, dedupeKeys, channel, address, note, Optional.empty());
    }

    /**
     * Inserts messages as {@link #insert(List, List, String, String, Optional)} does; with
     * {@code place}, their channel sends them no earlier than its instant and paces them at its
     * rate (a place reserved under a sending number's throughput).
     */
    public void insert(List<Message> batch, List<String> dedupeKeys, String channel,
                       String address, Optional<TurnNote> note,
                       Optional<ConversationService.Place> place) {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        List<Document> queued = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            Document doc = ConversationCodec.write(m, dedupeKeys.get(i));
            if (i == 0) {
                note.ifPresent(n -> doc.append("turn", n.document()));
            }
            if (!channel.equals("webchat") && !m.from().equals("patient")) {
                Date at = Date.from(place.map(ConversationService.Place::at)
                        .filter(m.at()::isBefore).orElse(m.at()));
                ObjectId id = new ObjectId();
                Document delivery = new Document("status", "queued")
                        .append("channel", channel)
                        .append("to", address)
                        .append("attempts", 0)
                        .append("nextAttemptAt", at);
                place.ifPresent(p -> delivery.append(PER_SECOND, p.perSecond()));
                place.flatMap(ConversationService.Place::goBy)
                        .ifPresent(by -> delivery.append(GO_BY, Date.from(by)));
                doc.append("_id", id).append("delivery", delivery);
                Document entry = outboxEntry(id, m.conversationId(), m.seq(), channel, address,
                        m.text(), m.key().orElse(null), at);
                place.ifPresent(p -> entry.append(PER_SECOND, p.perSecond()));
                place.flatMap(ConversationService.Place::goBy)
                        .ifPresent(by -> entry.append(GO_BY, Date.from(by)));
                place.filter(p -> !p.number().isBlank())
                        .ifPresent(p -> entry.append(NUMBER, p.number()));
                queued.add(entry);
            }
            docs.add(doc);
        }
        try {
            messages.insertMany(docs);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().allMatch(w ->
                    ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                throw new Conflict("Message already stored: "
                        + e.getWriteErrors().get(0).getMessage());
            }
            throw e;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new Conflict("Message already stored: " + e.getError().getMessage());
            }
            throw e;
        }
        if (!queued.isEmpty()) {
            try {
                outbox.insertMany(queued, new InsertManyOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                // A sender's start-up repair may have queued them in between: that is enough.
                if (!e.getWriteErrors().stream().allMatch(w -> ErrorCategory.fromErrorCode(
                        w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                    throw e;
                }
            }
        }
    }

    /**
     * On an SMS outbox entry: why it was taken back while a sender held it, before the sender
     * handed it to Twilio. The sender finds it at the hand-over and drops the text.
     */
    public static final String WITHDRAWN = "withdrawn";
    /**
     * On an SMS outbox entry: when its sender handed it over to Twilio (or to the wait for its
     * step just before). From then on it goes, and a take-back leaves it.
     */
    public static final String HANDED = "handedAt";
    /** How many times a take-back looks at an entry a sender may be moving meanwhile. */
    private static final int WITHDRAW_LOOKS = 3;

    /**
     * Takes a bot message back before its channel sends it: when it still waits in the outbox,
     * it leaves the outbox, and when an SMS sender holds it for its first try and has not
     * handed it over yet, it is marked {@link #WITHDRAWN} for that sender to drop at the
     * hand-over; either way it is stored as {@code suppressed} with {@code reason}. One this
     * process's SMS sender has handed over but not yet put on its request is taken back in
     * memory ({@link HeldTexts}) and marked too. False when it is gone already, handed over by
     * another process, tried before or sent: then it goes out.
     */
    public boolean withdraw(String conversationId, long seq, String reason, Instant now) {
        Document message = messages.find(new Document("conversationId", conversationId)
                .append("seq", seq)).projection(new Document("delivery", 1)).first();
        if (message == null || message.get("delivery") == null) {
            return false;
        }
        ObjectId id = message.getObjectId("_id");
        // The outbox is small: a sender claims by setting the status, so only a queued entry
        // is taken, and of the two one wins. A claimed one is marked instead, in one
        // conditional write against the sender's own (SmsOutbox.hand): of the two one wins.
        boolean taken = false;
        // A sender may move the entry between two of these looks (claim it, then put it back
        // to wait for a step seconds off): each state is looked at again.
        for (int look = 0; look < WITHDRAW_LOOKS && !taken; look++) {
            taken = outbox.deleteOne(Filters.and(Filters.eq("_id", id),
                    Filters.eq("status", "queued"))).getDeletedCount() == 1
                    || outbox.updateOne(Filters.and(Filters.eq("_id", id), withdrawable(now)),
                    Updates.set(WITHDRAWN, reason)).getModifiedCount() == 1;
            if (!taken && held.takeBack(conversationId, seq)) {
                // Its sender drops it at the request's last look and removes the entry.
                outbox.updateOne(Filters.eq("_id", id), Updates.set(WITHDRAWN, reason));
                taken = true;
            }
        }
        if (!taken) {
            return false;
        }
        messages.updateOne(new Document("_id", id), Updates.combine(
                Updates.set("delivery.status", "suppressed"),
                Updates.set("delivery.error", reason)));
        return true;
    }

    /**
     * The messages waiting in the outbox, or held by an SMS sender that has not handed them
     * over, or by this process's sender before their request ({@link HeldTexts}):
     * {@code conversationId + "#" + seq} of each, what {@link #withdraw} may take back.
     * The outbox holds a few hundred at most (the outreach sender stops saying texts while more
     * wait).
     */
    public Set<String> waitingInOutbox(Instant now) {
        Set<String> keys = new HashSet<>();
        for (Document d : outbox.find(Filters.or(Filters.eq("status", "queued"),
                        withdrawable(now)))
                .projection(Projections.include("conversationId", "seq"))) {
            keys.add(d.getString("conversationId") + "#" + d.getLong("seq"));
        }
        keys.addAll(held.keys());
        return keys;
    }

    /**
     * An SMS entry a live sender holds for its first try, not handed over: nothing of it can
     * have reached Twilio. A lease run out (a sender that died, perhaps after Twilio took the
     * text) or a later try is left to the sender, which asks Twilio first.
     */
    private static Bson withdrawable(Instant now) {
        return Filters.and(Filters.eq("channel", "sms"), Filters.eq("status", "sending"),
                Filters.eq("attempts", 1), Filters.gt("leaseUntil", Date.from(now)),
                Filters.exists(HANDED, false), Filters.exists(WITHDRAWN, false));
    }

    /**
     * An {@code outbox} document: one outbound message waiting for its channel's sender, with
     * what the sender needs to send it. Claims add a lease; the sender deletes it once the
     * message is sent or given up on.
     */
    public static Document outboxEntry(ObjectId messageId, String conversationId, long seq,
                                       String channel, String to, String text, String key,
                                       Date nextAttemptAt) {
        return new Document("_id", messageId)
                .append("channel", channel)
                .append("conversationId", conversationId)
                .append("seq", seq)
                .append("to", to)
                .append("text", text)
                .append("key", key)
                .append("status", "queued")
                .append("attempts", 0)
                .append("nextAttemptAt", nextAttemptAt);
    }

    /**
     * Ends at {@code now} the lease of every {@code outbox} message a sender holds, as if each
     * had run out: for a start on a store no other process can reach, where every sender
     * holding one died with its process. Each sender then takes the message over as one whose
     * lease ran out, first looking at what was recorded for it.
     *
     * @return how many messages were released
     */
    public long releaseClaims(Instant now) {
        Date at = Date.from(now);
        return outbox.updateMany(Filters.and(Filters.eq("status", "sending"),
                Filters.gt("leaseUntil", at)), Updates.set("leaseUntil", at)).getModifiedCount();
    }

    /** The key a message was stored under ({@code dedupe}), such as a notice's. */
    public Optional<String> dedupeOf(String conversationId, long seq) {
        return Optional.ofNullable(messages.find(new Document("conversationId", conversationId)
                        .append("seq", seq)).projection(Projections.include("dedupe")).first())
                .map(d -> d.getString("dedupe"));
    }

    /** Names the staff member who wrote an agent's message, as {@code agentId}. */
    public void attribute(String conversationId, long seq, String agentId) {
        messages.updateOne(new Document("conversationId", conversationId).append("seq", seq),
                new Document("$set", new Document("agentId", agentId)));
    }

    public Optional<Message> findByDedupe(String conversationId, String dedupe) {
        return Optional.ofNullable(messages.find(new Document("conversationId", conversationId)
                .append("dedupe", dedupe)).first()).map(ConversationCodec::readMessage);
    }

    /** Messages with a seq above {@code afterSeq}, in order. */
    public List<Message> messagesAfter(String conversationId, long afterSeq) {
        return messages.find(Filters.and(Filters.eq("conversationId", conversationId),
                        Filters.gt("seq", afterSeq)))
                .sort(Sorts.ascending("seq"))
                .map(ConversationCodec::readMessage).into(new ArrayList<>());
    }

    /**
     * How each outbound message of the conversation was delivered, by seq: status, encoding,
     * segments, the provider's id and any error code. Web chat messages have none.
     */
    public Map<Long, Map<String, Object>> deliveries(String conversationId) {
        Map<Long, Map<String, Object>> found = new java.util.TreeMap<>();
        for (Document doc : messages.find(new Document("conversationId", conversationId))
                .projection(new Document("seq", 1).append("delivery", 1))) {
            Document delivery = doc.get("delivery", Document.class);
            if (delivery == null) {
                continue;
            }
            Map<String, Object> shown = new java.util.LinkedHashMap<>();
            for (String field : List.of("status", "encoding", "segments", "providerId",
                    "errorCode")) {
                if (delivery.get(field) != null) {
                    shown.put(field, delivery.get(field));
                }
            }
            found.put(doc.getLong("seq"), shown);
        }
        return found;
    }

    /** True when a message of the conversation already has {@code seq}. */
    public boolean seqTaken(String conversationId, long seq) {
        return messages.find(new Document("conversationId", conversationId).append("seq", seq))
                .projection(Projections.include("_id")).first() != null;
    }

    /** The highest seq stored, or 0: the truth if a writer died between its two writes. */
    public long lastSeq(String conversationId) {
        Document last = messages.find(Filters.eq("conversationId", conversationId))
                .sort(Sorts.descending("seq")).limit(1).first();
        return last == null ? 0 : last.getLong("seq");
    }

    private static String key(Conversation c) {
        return key(c.clientId(), c.channel(), c.address());
    }

    private static String key(String clientId, String channel, String address) {
        return clientId + "|" + channel + "|" + address;
    }

    /** Inserts {@code doc}; false when a document with its {@code _id} is already stored. */
    private static boolean insertIfAbsent(MongoCollection<Document> collection, Document doc) {
        try {
            collection.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        }
    }
}
