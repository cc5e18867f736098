package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Instant;
import java.util.Date;

/**
 * A campaign's sends still waiting in the outreach outbox ({@code status: scheduled}), held,
 * freed or suppressed together when the campaign is paused, resumed or cancelled. Each change is
 * one update conditioned on the status, so a send the sender has claimed meanwhile is left to it.
 */
final class CampaignSends {

    /** What a paused campaign's waiting sends are due at: never, until resumed. */
    static final Instant PAUSED_UNTIL = Instant.parse("9999-12-31T00:00:00Z");
    /** The reason a cancelled campaign's waiting sends are suppressed with. */
    static final String CANCELLED_REASON = "campaign_cancelled";

    private final MongoCollection<Document> sends;

    CampaignSends(MongoCollection<Document> sends) {
        this.sends = sends;
    }

    /** Brings the waiting sends in line with the campaign's state; answers how many changed. */
    long follow(String campaignId, CampaignState state, Instant now) {
        Bson waiting = Filters.and(Filters.eq("campaignId", campaignId),
                Filters.eq("status", "scheduled"));
        return switch (state) {
            case PAUSED -> sends.updateMany(Filters.and(waiting, Filters.eq("pausedAt", null)),
                    Updates.combine(Updates.set("dueAt", Date.from(PAUSED_UNTIL)),
                            Updates.set("pausedAt", Date.from(now)))).getModifiedCount();
            case SCHEDULED, RUNNING -> sends.updateMany(Filters.and(waiting,
                    Filters.ne("pausedAt", null)), Updates.combine(
                            Updates.set("dueAt", Date.from(now)), Updates.unset("pausedAt")))
                    .getModifiedCount();
            case CANCELLED -> sends.updateMany(waiting, Updates.combine(
                    Updates.set("status", "suppressed"), Updates.set("reason", CANCELLED_REASON),
                    Updates.set("suppressedAt", Date.from(now)))).getModifiedCount();
            case ENDED -> 0;
        };
    }
}
