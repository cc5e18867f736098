package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Follows each send after it went out, from what the channels and the conversation recorded:
 * when its channel took its message ({@code acceptedAt}), the delivery status of that message
 * (Twilio's status callbacks and email bounces write it on the message), the patient's first
 * reply after it and an opt-out of that channel after it.
 * Sends are followed for {@link #FOLLOW} after they went out, the least recently looked at
 * first, a bounded number per run.
 */
final class Tracker {

    static final Duration FOLLOW = Duration.ofDays(30);
    private static final int PER_RUN = 3_000;
    private static final Set<String> FAILED = Set.of("undelivered", "failed", "bounced");

    private final MongoCollection<Document> sends;
    private final MongoCollection<Document> messages;
    private final ConversationService conversations;
    private final ConsentLedger consent;
    private final BiPredicate<String, String> asksToStop;
    private final Clock clock;
    private final TakenBack takenBack;
    /** How many messages after a send are looked at for the patient's reply. */
    static final int REPLY_WINDOW = 50;

    /**
     * @param asksToStop whether a patient's message on a channel asks to stop the messages: such
     *                   a message is an opt-out, not a reply
     */
    Tracker(Outbox outbox, MongoCollection<Document> messages,
            ConversationService conversations, ConsentLedger consent,
            BiPredicate<String, String> asksToStop, TakenBack takenBack, Clock clock) {
        this.takenBack = takenBack;
        this.sends = outbox.collection();
        this.messages = messages;
        this.conversations = conversations;
        this.consent = consent;
        this.asksToStop = asksToStop;
        this.clock = clock;
    }

    /** One pass; returns how many sends changed. */
    int run() {
        Instant now = clock.instant();
        Bson open = Filters.and(Filters.in("status", "sent", "delivered"),
                Filters.gte("sentAt", Date.from(now.minus(FOLLOW))),
                Filters.or(Filters.exists("repliedAt", false),
                        Filters.exists("optedOutAt", false), Filters.eq("status", "sent")));
        List<Document> batch = sends.find(open).sort(Sorts.ascending("trackedAt"))
                .limit(PER_RUN).into(new ArrayList<>());
        int changed = 0;
        for (Document d : batch) {
            changed += follow(d, now) ? 1 : 0;
        }
        return changed;
    }

    private boolean follow(Document d, Instant now) {
        String conversationId = d.getString("conversationId");
        long seq = d.getLong("messageSeq");
        List<Bson> set = new ArrayList<>();
        set.add(Updates.set("trackedAt", Date.from(now)));

        if ("sent".equals(d.getString("status"))) {
            // The channels write what became of a message on it: status callbacks and bounces.
            Document message = messages.find(new Document("conversationId", conversationId)
                    .append("seq", seq)).projection(new Document("delivery", 1)).first();
            Document delivery = message == null ? new Document()
                    : message.get("delivery", new Document());
            Object status = delivery.get("status");
            // The channel took it (Twilio accepted the text, the mail server the email): the
            // campaign results count it sent from then on without looking at the message.
            Date accepted = delivery.getDate("sentAt");
            if (accepted != null && d.getDate("acceptedAt") == null) {
                set.add(Updates.set("acceptedAt", accepted));
            }
            if ("delivered".equals(status)) {
                set.add(Updates.set("status", "delivered"));
                set.add(Updates.set("deliveredAt", Optional.ofNullable(
                        delivery.getDate("updatedAt")).orElse(Date.from(now))));
            } else if (status != null && FAILED.contains(status.toString())) {
                set.add(Updates.set("status", "failed"));
                set.add(Updates.set("reason", "delivery_" + status
                        + Optional.ofNullable(delivery.get("errorCode")).map(c -> ":" + c)
                        .orElse("")));
            } else if ("suppressed".equals(status)
                    && TakenBack.CONTACT_HOURS_ENDED.equals(delivery.getString("error"))) {
                // Its contact hours ended before the SMS sender could hand it over, and the
                // sender's own word of it was lost (a process killed between the two).
                takenBack.lapsed(d, now);
                return true;
            } else if ("suppressed".equals(status)) {
                set.add(Updates.set("status", "suppressed"));
                set.add(Updates.set("reason", "opted_out:" + d.getString("channel")));
            }
        }
        Optional<Conversation> conversation = conversations.find(conversationId);
        Optional<Instant> optedOut = Optional.ofNullable(d.getDate("optedOutAt"))
                .map(Date::toInstant);
        if (optedOut.isEmpty()) {
            optedOut = conversation.flatMap(c -> optOut(d, c));
            optedOut.ifPresent(at -> set.add(Updates.set("optedOutAt", Date.from(at))));
        }
        if (!d.containsKey("repliedAt")) {
            Optional<Instant> until = optedOut;
            conversation.flatMap(c -> firstReply(c, seq, until))
                    .ifPresent(at -> set.add(Updates.set("repliedAt", Date.from(at))));
        }
        // A plain document: its fields are a unique index's, so this is one lookup.
        sends.updateOne(new Document("_id", d.getString("_id"))
                .append("status", d.getString("status")), Updates.combine(set));
        return set.size() > 1;
    }

    /** When the send's address first opted out of its channel after the send, if it did. */
    private Optional<Instant> optOut(Document d, Conversation c) {
        Instant sentAt = d.getDate("sentAt").toInstant();
        String clientId = d.getString("clientId");
        String channel = d.getString("channel");
        // The ledger's history is read only when the address changed since the send.
        if (consent.lastChange(clientId, channel, c.address())
                .filter(at -> !at.isBefore(sentAt)).isEmpty()) {
            return Optional.empty();
        }
        return consent.history(clientId, channel, c.address()).stream()
                .filter(e -> e.action().equals(ConsentLedger.OPT_OUT) && !e.at().isBefore(sentAt))
                .findFirst().map(ConsentLedger.Entry::at);
    }

    /**
     * When the patient first wrote after message {@code seq}, if that was before they opted out
     * ({@code until}) and was no opt-out itself (STOP, "please stop texting me"): the messages
     * after it are looked up one by one by their key, the newest {@link #REPLY_WINDOW} at most,
     * where a search by range would read every message on the embedded store.
     */
    private Optional<Instant> firstReply(Conversation c, long seq, Optional<Instant> until) {
        for (long s = seq + 1; s < c.nextSeq() && s <= seq + REPLY_WINDOW; s++) {
            Document m = messages.find(new Document("conversationId", c.id())
                    .append("seq", s)).projection(new Document("from", 1).append("at", 1)
                            .append("text", 1))
                    .first();
            if (m == null || !"patient".equals(m.getString("from"))) {
                continue;
            }
            // The opt-out is no answer to the send, nor is anything the patient writes after it.
            Instant at = m.getDate("at").toInstant();
            if (until.filter(optedOut -> !at.isBefore(optedOut)).isPresent()
                    || asksToStop.test(c.channel(), m.getString("text"))) {
                return Optional.empty();
            }
            return Optional.of(at);
        }
        return Optional.empty();
    }
}
