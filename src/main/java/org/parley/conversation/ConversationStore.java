package org.parley.conversation;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Conversations and their messages in MongoDB. A message is unique by conversation and seq,
 * and by conversation and dedupe key, so a retried or concurrent write is refused by the store
 * itself rather than by a check before the insert.
 */
public final class ConversationStore {

    private final MongoCollection<Document> conversations;
    private final MongoCollection<Document> messages;

    public ConversationStore(MongoDatabase db) {
        this.conversations = db.getCollection("conversations");
        this.messages = db.getCollection("messages");
        messages.createIndex(Indexes.ascending("conversationId", "seq"),
                new IndexOptions().unique(true));
        messages.createIndex(Indexes.ascending("conversationId", "dedupe"),
                new IndexOptions().unique(true));
        conversations.createIndex(Indexes.ascending("clientId", "status", "updatedAt"));
        conversations.createIndex(Indexes.ascending("clientId", "channel", "address", "updatedAt"));
    }

    /** A write lost to another writer: the caller reloads and tries again. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message);
        }
    }

    public void create(Conversation c) {
        conversations.insertOne(ConversationCodec.write(c));
    }

    public Optional<Conversation> find(String id) {
        return Optional.ofNullable(conversations.find(Filters.eq("_id", id)).first())
                .map(ConversationCodec::read);
    }

    /** The most recent conversation with {@code address} on {@code channel}, if any. */
    public Optional<Conversation> findLatest(String clientId, String channel, String address) {
        return Optional.ofNullable(conversations.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("channel", channel), Filters.eq("address", address)))
                .sort(Sorts.descending("createdAt")).limit(1).first()).map(ConversationCodec::read);
    }

    /** Stores {@code next} only if the stored version is still {@code expectedVersion}. */
    public void update(Conversation next, long expectedVersion) {
        var result = conversations.replaceOne(
                Filters.and(Filters.eq("_id", next.id()), Filters.eq("version", expectedVersion)),
                ConversationCodec.write(next));
        if (result.getMatchedCount() == 0) {
            throw new Conflict("Conversation " + next.id() + " changed since version "
                    + expectedVersion);
        }
    }

    /**
     * Inserts messages in order. On a channel that delivers through a provider (not web chat),
     * each bot or agent message is written with {@code delivery.status: queued}: the messages
     * collection is the outbox, so a reply is stored before anything sends it, in one write.
     *
     * @throws Conflict when a seq or a dedupe key is already taken
     */
    public void insert(List<Message> batch, List<String> dedupeKeys, String channel,
                       String address) {
        if (batch.isEmpty()) {
            return;
        }
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Message m = batch.get(i);
            Document doc = ConversationCodec.write(m, dedupeKeys.get(i));
            if (!channel.equals("webchat") && !m.from().equals("patient")) {
                doc.append("delivery", new Document("status", "queued")
                        .append("channel", channel)
                        .append("to", address)
                        .append("attempts", 0)
                        .append("nextAttemptAt", java.util.Date.from(m.at())));
            }
            docs.add(doc);
        }
        try {
            messages.insertMany(docs);
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().stream().allMatch(w ->
                    ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                throw new Conflict("Message already stored: " + e.getWriteErrors().get(0).getMessage());
            }
            throw e;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new Conflict("Message already stored: " + e.getError().getMessage());
            }
            throw e;
        }
    }

    public Optional<Message> findByDedupe(String conversationId, String dedupe) {
        return Optional.ofNullable(messages.find(Filters.and(Filters.eq("conversationId", conversationId),
                Filters.eq("dedupe", dedupe))).first()).map(ConversationCodec::readMessage);
    }

    /** Messages with a seq above {@code afterSeq}, in order. */
    public List<Message> messagesAfter(String conversationId, long afterSeq) {
        return messages.find(Filters.and(Filters.eq("conversationId", conversationId),
                        Filters.gt("seq", afterSeq)))
                .sort(Sorts.ascending("seq"))
                .map(ConversationCodec::readMessage).into(new ArrayList<>());
    }

    /** The highest seq stored, or 0: the truth if a writer died between its two writes. */
    public long lastSeq(String conversationId) {
        Document last = messages.find(Filters.eq("conversationId", conversationId))
                .sort(Sorts.descending("seq")).limit(1).first();
        return last == null ? 0 : last.getLong("seq");
    }
}
