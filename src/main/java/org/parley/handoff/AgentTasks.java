package org.parley.handoff;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Work queued for a person outside a live conversation, such as calling a patient who missed a
 * plan payment. Each task has a key unique within its client, so a job that queues the same
 * task twice (a retry, a second instance) leaves one.
 */
public final class AgentTasks {

    private final MongoCollection<Document> tasks;
    private final Clock clock;

    public AgentTasks(MongoDatabase db, Clock clock) {
        this.tasks = db.getCollection("agent_tasks");
        this.clock = clock;
        tasks.createIndex(Indexes.ascending("clientId", "status", "createdAt"));
    }

    /**
     * One queued task.
     *
     * @param key     unique within the client, such as {@code missed:<plan>:<installment>}
     * @param kind    what to do, such as {@code missed_payment}
     * @param details what the agent needs, without message bodies or card data
     */
    public record Task(String clientId, String key, String kind, String accountNumber,
                       Optional<String> conversationId, Map<String, Object> details,
                       String status, Instant createdAt) {
        public Task {
            details = Map.copyOf(details);
        }
    }

    /**
     * Queues a task unless one with the same key exists.
     *
     * @return true when this call queued it
     */
    public boolean queue(String clientId, String key, String kind, String accountNumber,
                         Optional<String> conversationId, Map<String, Object> details) {
        try {
            tasks.insertOne(new Document("_id", clientId + ":" + key)
                    .append("clientId", clientId)
                    .append("key", key)
                    .append("kind", kind)
                    .append("accountNumber", accountNumber)
                    .append("conversationId", conversationId.orElse(null))
                    .append("details", new Document(details))
                    .append("status", "open")
                    .append("createdAt", Date.from(clock.instant())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Gives an open task to {@code agentId}; of two agents taking it at once, one gets it.
     *
     * @return the task now claimed; empty when it was not open
     */
    public Optional<Task> claim(String clientId, String key, String agentId) {
        return Optional.ofNullable(tasks.findOneAndUpdate(
                        new Document("_id", clientId + ":" + key).append("status", "open"),
                        com.mongodb.client.model.Updates.combine(
                                com.mongodb.client.model.Updates.set("status", "claimed"),
                                com.mongodb.client.model.Updates.set("claimedBy", agentId),
                                com.mongodb.client.model.Updates.set("claimedAt",
                                        Date.from(clock.instant()))),
                        new com.mongodb.client.model.FindOneAndUpdateOptions().returnDocument(
                                com.mongodb.client.model.ReturnDocument.AFTER)))
                .map(AgentTasks::read);
    }

    /** The client's tasks with {@code status}, oldest first. */
    public List<Task> list(String clientId, String status) {
        return tasks.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("status", status)))
                .sort(Sorts.ascending("createdAt", "_id"))
                .map(AgentTasks::read).into(new ArrayList<>());
    }

    private static Task read(Document d) {
        return new Task(d.getString("clientId"), d.getString("key"), d.getString("kind"),
                d.getString("accountNumber"), Optional.ofNullable(d.getString("conversationId")),
                d.get("details", Document.class), d.getString("status"),
                d.getDate("createdAt").toInstant());
    }
}
