package org.parley.handoff;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Handoffs in MongoDB, one document per conversation ({@code _id} is the conversation's id).
 * Every change is one {@code findOneAndUpdate} conditioned on the state it leaves, so two
 * agents, or two instances, never both take a conversation or both give it back.
 */
public final class HandoffStore {

    private final MongoCollection<Document> handoffs;

    public HandoffStore(MongoDatabase db) {
        this.handoffs = db.getCollection("handoffs");
        handoffs.createIndex(Indexes.ascending("status", "clientId", "queuedAt"));
        handoffs.createIndex(Indexes.ascending("agentId", "status"));
    }

    /**
     * Queues the conversation unless it is queued or assigned already.
     *
     * @return the handoff this call queued; empty when one was open, which stays as it was
     */
    public Optional<Handoff> queue(String conversationId, String clientId, String channel,
                                   String language, int priority, String reason, Instant now) {
        Document fresh = new Document("_id", conversationId)
                .append("clientId", clientId)
                .append("channel", channel)
                .append("language", language)
                .append("priority", priority)
                .append("reason", reason)
                .append("status", Handoff.Status.QUEUED.id())
                .append("agentId", null)
                .append("queuedAt", Date.from(now))
                .append("ticket", new ObjectId())
                .append("assignedAt", null)
                .append("agentSeenAt", null)
                .append("outcome", null)
                .append("round", 1)
                .append("version", 1L);
        try {
            handoffs.insertOne(fresh);
            return Optional.of(read(fresh));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        // Handed off before: only a closed handoff is queued again, as its next round.
        return change(new Document("_id", conversationId)
                        .append("status", Handoff.Status.CLOSED.id()),
                Updates.combine(Updates.set("status", Handoff.Status.QUEUED.id()),
                        Updates.set("language", language), Updates.set("priority", priority),
                        Updates.set("reason", reason), Updates.set("queuedAt", Date.from(now)),
                        Updates.set("ticket", new ObjectId()),
                        Updates.set("agentId", null), Updates.set("assignedAt", null),
                        Updates.set("agentSeenAt", null), Updates.set("outcome", null),
                        Updates.inc("round", 1)));
    }

    public Optional<Handoff> find(String conversationId) {
        return Optional.ofNullable(handoffs.find(new Document("_id", conversationId)).first())
                .map(HandoffStore::read);
    }

    /**
     * Gives a queued conversation to {@code agentId}: of two agents claiming it at once, on any
     * instance, exactly one gets it.
     *
     * @return the handoff now assigned to the agent; empty when it was not queued
     */
    public Optional<Handoff> claim(String conversationId, String agentId, Instant now) {
        return change(new Document("_id", conversationId)
                        .append("status", Handoff.Status.QUEUED.id()),
                Updates.combine(Updates.set("status", Handoff.Status.ASSIGNED.id()),
                        Updates.set("agentId", agentId), Updates.set("assignedAt", Date.from(now)),
                        Updates.set("agentSeenAt", Date.from(now))));
    }

    /**
     * Puts a conversation {@code agentId} holds back in the queue, in {@code language}'s queue,
     * keeping its place by the time it was first queued.
     */
    public Optional<Handoff> requeue(String conversationId, String agentId, String language) {
        return change(held(conversationId, agentId),
                Updates.combine(Updates.set("status", Handoff.Status.QUEUED.id()),
                        Updates.set("language", language), Updates.set("agentId", null),
                        Updates.set("assignedAt", null), Updates.set("agentSeenAt", null)));
    }

    /** Passes a conversation {@code agentId} holds to {@code toAgentId}. */
    public Optional<Handoff> transfer(String conversationId, String agentId, String toAgentId,
                                      Instant now) {
        return change(held(conversationId, agentId),
                Updates.combine(Updates.set("agentId", toAgentId),
                        Updates.set("assignedAt", Date.from(now)),
                        Updates.set("agentSeenAt", Date.from(now))));
    }

    /** Ends a handoff {@code agentId} holds with {@code outcome}. */
    public Optional<Handoff> close(String conversationId, String agentId, String outcome) {
        return change(held(conversationId, agentId),
                Updates.combine(Updates.set("status", Handoff.Status.CLOSED.id()),
                        Updates.set("outcome", outcome)));
    }

    /** Records that {@code agentId}'s console is alive: every conversation it holds. */
    public void seen(String agentId, Instant now) {
        handoffs.updateMany(new Document("agentId", agentId)
                        .append("status", Handoff.Status.ASSIGNED.id()),
                Updates.set("agentSeenAt", Date.from(now)));
    }

    /** Assigned handoffs whose agent was last seen before {@code cutoff}. */
    public List<Handoff> silentSince(Instant cutoff) {
        return handoffs.find(Filters.and(Filters.eq("status", Handoff.Status.ASSIGNED.id()),
                        Filters.lt("agentSeenAt", Date.from(cutoff))))
                .map(HandoffStore::read).into(new ArrayList<>());
    }

    /** Queued handoffs of {@code clientIds}, most urgent first, then longest waiting. */
    public List<Handoff> queued(Collection<String> clientIds) {
        return handoffs.find(Filters.and(Filters.eq("status", Handoff.Status.QUEUED.id()),
                        Filters.in("clientId", clientIds)))
                .sort(Sorts.orderBy(Sorts.descending("priority"),
                        Sorts.ascending("queuedAt", "ticket")))
                .map(HandoffStore::read).into(new ArrayList<>());
    }

    /** The handoffs {@code agentId} holds, oldest claim first. */
    public List<Handoff> assignedTo(String agentId) {
        return handoffs.find(new Document("agentId", agentId)
                        .append("status", Handoff.Status.ASSIGNED.id()))
                .sort(Sorts.ascending("assignedAt"))
                .map(HandoffStore::read).into(new ArrayList<>());
    }

    /** The queued conversations in the same client's queue, in the same language, before it. */
    public long ahead(Handoff h) {
        Document mine = handoffs.find(new Document("_id", h.conversationId())).first();
        if (mine == null) {
            return 0;
        }
        // Same priority, same time: the ticket, taken when it was queued, says who was first.
        return handoffs.countDocuments(Filters.and(
                Filters.eq("status", Handoff.Status.QUEUED.id()),
                Filters.eq("clientId", h.clientId()), Filters.eq("language", h.language()),
                Filters.or(Filters.gt("priority", h.priority()), Filters.and(
                        Filters.eq("priority", h.priority()),
                        Filters.or(Filters.lt("queuedAt", Date.from(h.queuedAt())),
                                Filters.and(Filters.eq("queuedAt", Date.from(h.queuedAt())),
                                        Filters.lt("ticket", mine.getObjectId("ticket"))))))));
    }

    private static Document held(String conversationId, String agentId) {
        return new Document("_id", conversationId)
                .append("status", Handoff.Status.ASSIGNED.id())
                .append("agentId", agentId);
    }

    private Optional<Handoff> change(Document filter, Bson update) {
        return Optional.ofNullable(handoffs.findOneAndUpdate(filter,
                        Updates.combine(update, Updates.inc("version", 1L)),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)))
                .map(HandoffStore::read);
    }

    private static Handoff read(Document d) {
        return new Handoff(d.getString("_id"), d.getString("clientId"), d.getString("channel"),
                d.getString("language"), d.getInteger("priority"), d.getString("reason"),
                Handoff.Status.valueOf(d.getString("status").toUpperCase(java.util.Locale.ROOT)),
                Optional.ofNullable(d.getString("agentId")),
                d.getDate("queuedAt").toInstant(),
                Optional.ofNullable(d.getDate("assignedAt")).map(Date::toInstant),
                Optional.ofNullable(d.getDate("agentSeenAt")).map(Date::toInstant),
                Optional.ofNullable(d.getString("outcome")), d.getInteger("round"),
                ((Number) d.get("version")).longValue());
    }
}
