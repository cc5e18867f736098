package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import org.bson.Document;

/**
 * Where a campaign send said in its patient's conversation stands at its channel: a text waits
 * in the SMS outbox for its second under the throughput (or for Twilio to answer) before Twilio
 * has it, and an email waits for the mail server likewise. A send counts as sent only once the
 * channel took it: the follow-up records that on the send ({@code acceptedAt}, from the
 * message's {@code delivery.sentAt}); until it has, the message is looked up by its key
 * ({@code conversationId} and {@code seq}, a unique index), so a results request reads only the
 * messages of sends said since the follow-up last looked.
 */
final class Handover {

    /** What became of a said send at its channel. */
    enum Stand {
        /** Still in the channel's outbox: Twilio or the mail server does not have it yet. */
        QUEUED,
        /** Twilio or the mail server accepted it (what happened after is the follow-up's). */
        SENT,
        /** Twilio or the mail server refused it, or the sender gave up on it. */
        REFUSED,
        /** Not handed over: the address opted out, or a pause or cancel took it back. */
        SUPPRESSED
    }

    private final MongoCollection<Document> messages;

    Handover(MongoCollection<Document> messages) {
        this.messages = messages;
    }

    /** Where the send {@code d}, said in its conversation (it has {@code sentAt}), stands. */
    Stand of(Document d) {
        if (d.getDate("acceptedAt") != null || "delivered".equals(d.getString("status"))) {
            return Stand.SENT;
        }
        String conversationId = d.getString("conversationId");
        Long seq = d.get("messageSeq") instanceof Number n ? n.longValue() : null;
        Document message = conversationId == null || seq == null ? null
                : messages.find(new Document("conversationId", conversationId)
                        .append("seq", seq)).projection(Projections.include("delivery"))
                        .first();
        Document delivery = message == null ? null : message.get("delivery", Document.class);
        // No message or no delivery (a web chat notice): nothing waits in a channel's outbox.
        if (delivery == null || delivery.getDate("sentAt") != null) {
            return Stand.SENT;
        }
        return switch (String.valueOf(delivery.getString("status"))) {
            case "queued", "sending" -> Stand.QUEUED;
            case "sent", "delivered" -> Stand.SENT;
            case "suppressed" -> Stand.SUPPRESSED;
            default -> Stand.REFUSED;
        };
    }
}
