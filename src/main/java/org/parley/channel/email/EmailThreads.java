package org.parley.channel.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The email thread of each conversation, one document per conversation in
 * {@code email_threads}: the subject, the Message-IDs so far (for {@code References}) and the
 * patient's latest one (for {@code In-Reply-To}), so the patient's mail client keeps the whole
 * conversation in one thread. Each change is one atomic update.
 */
final class EmailThreads {

    /** How many ids {@code References} carries at most: the first and the latest ones. */
    static final int MAX_REFERENCES = 20;

    private final MongoCollection<Document> threads;

    EmailThreads(MongoDatabase db) {
        this.threads = db.getCollection("email_threads");
    }

    /**
     * Where a conversation's thread stands.
     *
     * @param lastInbound the Message-ID of the patient's latest message, if any
     * @param lastOutbound the Message-ID of Parley's latest message, if any
     */
    record Thread(Optional<String> subject, List<String> references,
                  Optional<String> lastInbound, Optional<String> lastOutbound) {
    }

    Thread find(String conversationId) {
        Document d = threads.find(new Document("_id", conversationId)).first();
        if (d == null) {
            return new Thread(Optional.empty(), List.of(), Optional.empty(), Optional.empty());
        }
        return new Thread(Optional.ofNullable(d.getString("subject")).filter(s -> !s.isBlank()),
                d.getList("references", String.class, List.of()),
                Optional.ofNullable(d.getString("lastInbound")),
                Optional.ofNullable(d.getString("lastOutbound")));
    }

    /**
     * A message from the patient joined the thread: its subject becomes the thread's when there
     * is none yet, and its id and the ids it refers to are added to the references.
     */
    void inbound(String conversationId, String subject, String messageId,
                 List<String> referred) {
        List<String> ids = new ArrayList<>();
        for (int i = referred.size() - 1; i >= 0; i--) {
            ids.add(referred.get(i));
        }
        ids.add(messageId);
        threads.updateOne(new Document("_id", conversationId), Updates.combine(
                Updates.setOnInsert("subject", subject),
                Updates.set("lastInbound", messageId),
                Updates.addEachToSet("references", ids)), new UpdateOptions().upsert(true));
        trim(conversationId);
    }

    /**
     * Parley sent {@code messageId} in the thread. A reply to it may have been taken first,
     * naming it already: it is then not added twice.
     */
    void outbound(String conversationId, String subject, String messageId) {
        threads.updateOne(new Document("_id", conversationId), Updates.combine(
                Updates.setOnInsert("subject", subject),
                Updates.set("lastOutbound", messageId),
                Updates.addEachToSet("references", List.of(messageId))),
                new UpdateOptions().upsert(true));
        trim(conversationId);
    }

    /** Keeps the first reference and the latest ones, as RFC 5322 suggests when trimming. */
    private void trim(String conversationId) {
        Document d = threads.find(new Document("_id", conversationId)).first();
        List<String> refs = d == null ? List.of() : d.getList("references", String.class,
                List.of());
        if (refs.size() <= MAX_REFERENCES) {
            return;
        }
        List<String> kept = new ArrayList<>();
        kept.add(refs.get(0));
        kept.addAll(refs.subList(refs.size() - MAX_REFERENCES + 1, refs.size()));
        threads.updateOne(new Document("_id", conversationId), Updates.set("references", kept));
    }
}
