package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.outreach.CampaignGate;
import org.parley.outreach.Outbox;
import org.parley.outreach.TakenBack;

import java.time.Instant;
import java.util.Date;
import java.util.Set;

/**
 * A campaign's sends still waiting in the outreach outbox ({@code status: scheduled}), held,
 * freed or suppressed together when the campaign is paused, resumed or cancelled. Each change is
 * one update conditioned on the status, so a send the sender has claimed meanwhile is left to it.
 * A pause or a cancel also takes back the texts already said but still waiting for their second
 * in the channel's outbox: paused, such a send waits again and is said anew on resume.
 */
final class CampaignSends {

    /** What a paused campaign's waiting sends are due at: never, until resumed. */
    static final Instant PAUSED_UNTIL = CampaignGate.PAUSED_UNTIL;
    /** The reason a cancelled campaign's waiting sends are suppressed with. */
    static final String CANCELLED_REASON = TakenBack.CANCELLED;

    /** The reason a paused campaign's text taken back from the channel's outbox is stored with. */
    static final String PAUSED_REASON = TakenBack.PAUSED;

    private final MongoCollection<Document> sends;
    private final TakenBack takenBack;
    private final Outbox outbox;

    CampaignSends(MongoCollection<Document> sends, TakenBack takenBack, Outbox outbox) {
        this.sends = sends;
        this.takenBack = takenBack;
        this.outbox = outbox;
    }

    /** Brings the waiting sends in line with the campaign's state; answers how many changed. */
    long follow(String campaignId, CampaignState state, Instant now) {
        Bson waiting = Filters.and(Filters.eq("campaignId", campaignId),
                Filters.eq("status", "scheduled"));
        long withdrawn = state == CampaignState.PAUSED || state == CampaignState.CANCELLED
                ? withdraw(campaignId, state, now) : 0;
        return withdrawn + switch (state) {
            case PAUSED -> sends.updateMany(Filters.and(waiting, Filters.eq("pausedAt", null)),
                    Updates.combine(Updates.set("dueAt", Date.from(PAUSED_UNTIL)),
                            Updates.set("pausedAt", Date.from(now)))).getModifiedCount();
            case SCHEDULED, RUNNING -> resume(waiting, now);
            case CANCELLED -> sends.updateMany(waiting, Updates.combine(
                    Updates.set("status", "suppressed"), Updates.set("reason", CANCELLED_REASON),
                    Updates.set("suppressedAt", Date.from(now)))).getModifiedCount();
            case ENDED -> 0;
        };
    }

    /** The paused sends are due now; the sending job is told which they are. */
    private long resume(Bson waiting, Instant now) {
        long resumed = sends.updateMany(Filters.and(waiting, Filters.ne("pausedAt", null)),
                Updates.combine(Updates.set("dueAt", Date.from(now)), Updates.unset("pausedAt")))
                .getModifiedCount();
        if (resumed > 0) {
            outbox.cameDue(Filters.and(waiting, Filters.eq("dueAt", Date.from(now))), now);
        }
        return resumed;
    }

    /**
     * Takes back the campaign's texts said but still waiting in their channel's outbox, or held
     * by an SMS sender that has not handed them to Twilio, however long they have waited;
     * answers how many. Paused, the send
     * waits again and counts one more saying, so that on resume it is said under a new notice;
     * cancelled, it is suppressed.
     */
    private long withdraw(String campaignId, CampaignState state, Instant now) {
        Set<String> waiting = takenBack.waitingInOutbox(now);
        if (waiting.isEmpty()) {
            return 0;
        }
        long n = 0;
        for (Document d : sends.find(Filters.and(Filters.eq("campaignId", campaignId),
                        Filters.eq("status", "sent")))
                .projection(Projections.include("clientId", "account", "channel",
                        "conversationId", "messageSeq"))) {
            if (waiting.contains(d.getString("conversationId") + "#" + d.getLong("messageSeq"))
                    && takenBack.takeBack(d, state == CampaignState.PAUSED, now)) {
                n++;
            }
        }
        return n;
    }
}
