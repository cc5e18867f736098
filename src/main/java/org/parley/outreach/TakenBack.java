package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.conversation.ConversationStore;

import java.time.Instant;
import java.util.Date;

/**
 * Takes back a campaign text already said but still waiting in its channel's outbox, when its
 * campaign is paused or cancelled: the message is stored as suppressed, and the send waits again
 * (paused, said anew under a new notice on resume) or is suppressed (cancelled). Used by the
 * campaign as it is paused and by the sender for a text it said while the pause came.
 */
public final class TakenBack {

    /** The reason a paused campaign's text taken back is stored with. */
    public static final String PAUSED = "campaign_paused";
    /** The reason a cancelled campaign's text taken back, or waiting send, is stored with. */
    public static final String CANCELLED = "campaign_cancelled";

    private TakenBack() {
    }

    /**
     * Takes back the text of send {@code key}, said as message {@code seq} of
     * {@code conversationId}; false when it was handed to its channel already (it goes out) or
     * the send is no longer marked sent.
     */
    public static boolean takeBack(MongoCollection<Document> sends, ConversationStore messages,
                                   String key, String conversationId, long seq, boolean pause,
                                   Instant now) {
        if (!messages.withdraw(conversationId, seq, pause ? PAUSED : CANCELLED)) {
            return false;
        }
        Bson update = pause
                ? Updates.combine(Updates.set("status", "scheduled"),
                        Updates.set("dueAt", Date.from(CampaignGate.PAUSED_UNTIL)),
                        Updates.set("pausedAt", Date.from(now)), Updates.inc("said", 1),
                        Updates.unset("sentAt"), Updates.unset("messageSeq"))
                : Updates.combine(Updates.set("status", "suppressed"),
                        Updates.set("reason", CANCELLED),
                        Updates.set("suppressedAt", Date.from(now)),
                        Updates.unset("sentAt"));
        // A plain document: _id and status are a unique index's fields, one lookup.
        return sends.updateOne(new Document("_id", key).append("status", "sent"), update)
                .getModifiedCount() == 1;
    }
}
