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
import org.parley.conversation.Message;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Follows each send after it went out, from what the channels and the conversation recorded:
 * the delivery status of its message (Twilio's status callbacks and email bounces write it on
 * the message), the patient's first reply after it and an opt-out of that channel after it.
 * Sends are followed for {@link #FOLLOW} after they went out, the least recently looked at
 * first, a bounded number per run.
 */
final class Tracker {

    static final Duration FOLLOW = Duration.ofDays(30);
    private static final int PER_RUN = 1_000;
    private static final Set<String> FAILED = Set.of("undelivered", "failed", "bounced");

    private final MongoCollection<Document> sends;
    private final MongoCollection<Document> messages;
    private final ConversationService conversations;
    private final ConsentLedger consent;
    private final Clock clock;

    Tracker(Outbox outbox, MongoCollection<Document> messages,
            ConversationService conversations, ConsentLedger consent, Clock clock) {
        this.sends = outbox.collection();
        this.messages = messages;
        this.conversations = conversations;
        this.consent = consent;
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
            if ("delivered".equals(status)) {
                set.add(Updates.set("status", "delivered"));
                set.add(Updates.set("deliveredAt", Optional.ofNullable(
                        delivery.getDate("updatedAt")).orElse(Date.from(now))));
            } else if (status != null && FAILED.contains(status.toString())) {
                set.add(Updates.set("status", "failed"));
                set.add(Updates.set("reason", "delivery_" + status
                        + Optional.ofNullable(delivery.get("errorCode")).map(c -> ":" + c)
                        .orElse("")));
            } else if ("suppressed".equals(status)) {
                set.add(Updates.set("status", "suppressed"));
                set.add(Updates.set("reason", "opted_out:" + d.getString("channel")));
            }
        }
        if (!d.containsKey("repliedAt")) {
            conversations.messagesAfter(conversationId, seq).stream()
                    .filter(m -> m.from().equals("patient")).findFirst().map(Message::at)
                    .ifPresent(at -> set.add(Updates.set("repliedAt", Date.from(at))));
        }
        if (!d.containsKey("optedOutAt")) {
            Instant sentAt = d.getDate("sentAt").toInstant();
            conversations.find(conversationId).map(Conversation::address)
                    .flatMap(address -> consent.history(d.getString("clientId"),
                                    d.getString("channel"), address).stream()
                            .filter(e -> e.action().equals(ConsentLedger.OPT_OUT)
                                    && !e.at().isBefore(sentAt))
                            .findFirst())
                    .ifPresent(e -> set.add(Updates.set("optedOutAt", Date.from(e.at()))));
        }
        sends.updateOne(Filters.and(Filters.eq("_id", d.getString("_id")),
                Filters.eq("status", d.getString("status"))), Updates.combine(set));
        return set.size() > 1;
    }
}
