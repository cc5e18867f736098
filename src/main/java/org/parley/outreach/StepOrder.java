package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;

/**
 * Keeps one account's campaign steps in order and spaced as the campaign defines them: a send
 * that follows an earlier step ({@code after} on the send) waits while that step still waits
 * (held by a cap, quiet hours, a hold), and once it went, until the start of the day that is
 * the steps' days apart from the day it went, in the client's zone. So a step held back by a
 * cap shared with other accounts on one phone moves the account's later steps with it, and
 * they never go before it or in the same run.
 */
final class StepOrder {

    /** The hold reason of a step that waits for the account's earlier step. */
    static final String REASON = "earlier_step";

    private final MongoCollection<Document> sends;

    StepOrder(MongoCollection<Document> sends) {
        this.sends = sends;
    }

    /**
     * When {@code send} may go at the earliest because of the earlier step it follows, its
     * campaign's days counted in {@code zone} (the client's); empty when it may go {@code now},
     * it follows none, or that step will not go (suppressed, or failed before it was said).
     */
    Optional<Instant> notBefore(Document send, ZoneId zone, Instant now) {
        Document after = send.get("after", Document.class);
        if (after == null) {
            return Optional.empty();
        }
        // A plain document on _id: one lookup by key on the embedded store.
        Document earlier = sends.find(new Document("_id", after.getString("key")))
                .projection(Projections.include("status", "dueAt", "sentAt")).first();
        if (earlier == null) {
            return Optional.empty();
        }
        String status = earlier.getString("status");
        Date sentAt = earlier.getDate("sentAt");
        boolean waiting = "scheduled".equals(status) || "sending".equals(status);
        Instant from;
        if (waiting) {
            Instant due = earlier.getDate("dueAt") == null ? now
                    : earlier.getDate("dueAt").toInstant();
            // A paused campaign's waiting step is due "never": looked at again a day later.
            from = due.isBefore(now) || !due.isBefore(CampaignGate.PAUSED_UNTIL) ? now : due;
        } else if (sentAt != null) {
            from = sentAt.toInstant();
        } else {
            return Optional.empty();
        }

        Instant earliest = from.atZone(zone).toLocalDate().plusDays(after.getInteger("days"))
                .atStartOfDay(zone).toInstant();
        return waiting || earliest.isAfter(now) ? Optional.of(earliest) : Optional.empty();
    }
}
