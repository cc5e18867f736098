package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.channel.sms.SmsSender;
import org.parley.conversation.ConversationStore;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

/**
 * Takes back a campaign text already said but still waiting in its channel's outbox, when its
 * campaign is paused or cancelled: the message is stored as suppressed, and the send waits again
 * (paused, said anew under a new notice on resume) or is suppressed (cancelled). Used by the
 * campaign as it is paused and by the sender for a text it said while the pause came. A text
 * taken back no longer counts toward the account's frequency caps, so a paused member is not
 * held a day for a text that never went.
 */
public final class TakenBack {

    /** The reason a paused campaign's text taken back is stored with. */
    public static final String PAUSED = "campaign_paused";
    /** The reason a cancelled campaign's text taken back, or waiting send, is stored with. */
    public static final String CANCELLED = "campaign_cancelled";
    /** The hold a send whose text lapsed at the end of contact hours is recorded with. */
    public static final String CONTACT_HOURS_ENDED = SmsSender.CONTACT_HOURS_ENDED;
    /** How a notice's message key begins (ConversationService): its id follows. */
    private static final String NOTICE = "notice:";

    private static final System.Logger LOG = System.getLogger(TakenBack.class.getName());

    private final MongoCollection<Document> sends;
    private final Contacts contacts;
    private final ConversationStore messages;
    private final Outbox outbox;

    /** Over the store of {@code outbox}, whose sends and counts it changes. */
    public TakenBack(Outbox outbox, ConversationStore messages) {
        this.sends = outbox.collection();
        this.contacts = outbox.contacts();
        this.messages = messages;
        this.outbox = outbox;
    }

    /**
     * The messages still waiting in their channel's outbox, or held there by an SMS sender
     * that has not handed them over (see ConversationStore).
     */
    public Set<String> waitingInOutbox(Instant now) {
        return messages.waitingInOutbox(now);
    }

    /**
     * The SMS sender could not hand over the text said as message {@code seq} of the
     * conversation before its patient's contact hours ended, and stored it as not sent: the
     * send it was said for is due again now (its next run holds it to the next allowed minute)
     * and is said anew then, under a new notice; a hold records why. False when no sent send
     * was said as that message.
     */
    public boolean lapsed(String conversationId, long seq, Instant now) {
        Optional<String> key = messages.dedupeOf(conversationId, seq)
                .filter(k -> k.startsWith(NOTICE))
                .map(k -> k.substring(NOTICE.length()).replaceFirst("#\\d+$", ""));
        if (key.isEmpty()) {
            return false;
        }
        Document send = sends.find(new Document("_id", key.get()).append("status", "sent"))
                .projection(Projections.include("clientId", "account", "channel",
                        "conversationId", "messageSeq")).first();
        return send != null && conversationId.equals(send.getString("conversationId"))
                && Long.valueOf(seq).equals(send.getLong("messageSeq")) && lapsed(send, now);
    }

    /**
     * As {@link #lapsed(String, long, Instant)}, for a sent {@code send} already read (its
     * {@code _id}, {@code clientId}, {@code account}, {@code channel}, {@code messageSeq}).
     */
    public boolean lapsed(Document send, Instant now) {
        String key = send.getString("_id");
        Document hold = new Document("reason", CONTACT_HOURS_ENDED).append("at", Date.from(now))
                .append("until", Date.from(now));
        boolean due = sends.updateOne(new Document("_id", key).append("status", "sent")
                        .append("messageSeq", send.getLong("messageSeq")),
                Updates.combine(Updates.set("status", "scheduled"),
                        Updates.set("dueAt", Date.from(now)), Updates.inc("said", 1),
                        Updates.push("holds", hold), Updates.unset("sentAt"),
                        Updates.unset("messageSeq"))).getModifiedCount() == 1;
        if (due) {
            contacts.forget(send.getString("clientId"), send.getString("account"),
                    send.getString("channel"), key);
            outbox.cameDue(Filters.eq("_id", key), now);
        }
        return due;
    }

    /**
     * A campaign paused or cancelled while {@code send} was being said (as for
     * {@link #takeBack}): the pause took back the texts marked sent before it, and this one was
     * not yet, so {@code campaigns} is asked again now and the text taken back unless its
     * channel has it already.
     */
    void ifStopped(CampaignGate campaigns, Document send, Instant now) {
        CampaignGate.Verdict verdict = campaigns.check(send.getString("clientId"),
                send.getString("campaignId"));
        if (verdict != CampaignGate.Verdict.GO
                && takeBack(send, verdict == CampaignGate.Verdict.PAUSED, now)) {
            LOG.log(System.Logger.Level.DEBUG, () -> "outreach taken back key="
                    + send.getString("_id") + " campaign " + verdict);
        }
    }

    /**
     * Takes back the text of {@code send} (its {@code _id}, {@code clientId}, {@code account},
     * {@code channel}, {@code conversationId} and {@code messageSeq}); false when it was handed
     * to its channel already (it goes out) or the send is no longer marked sent. A text an SMS
     * sender holds but has not handed to Twilio is taken back too: the sender drops it. A text
     * taken back no longer counts toward the frequency caps.
     */
    public boolean takeBack(Document send, boolean pause, Instant now) {
        String key = send.getString("_id");
        if (send.getString("conversationId") == null || send.getLong("messageSeq") == null
                || !messages.withdraw(send.getString("conversationId"),
                send.getLong("messageSeq"), pause ? PAUSED : CANCELLED, now)) {
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
        boolean taken = sends.updateOne(new Document("_id", key).append("status", "sent"),
                update).getModifiedCount() == 1;
        if (taken && send.getString("channel") != null) {
            contacts.forget(send.getString("clientId"), send.getString("account"),
                    send.getString("channel"), key);
        }
        return taken;
    }
}
