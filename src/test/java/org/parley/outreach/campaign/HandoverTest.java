package org.parley.outreach.campaign;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where a said campaign send stands at its channel, from its message's {@code delivery} as the
 * SMS and email outboxes write it: taken by Twilio or the mail server once {@code sentAt} is
 * there, queued before, refused or suppressed when it ended without it.
 */
class HandoverTest {

    private static final Date AT = Date.from(Instant.parse("2026-12-07T15:00:00Z"));

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create("mongodb://127.0.0.1:"
            + onLoopback(server));
    private final MongoCollection<Document> messages = client.getDatabase("parley")
            .getCollection("messages");
    private final Handover handover = new Handover(messages);

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aTextOrEmailCountsSentOnlyOnceItsChannelTookIt() {
        message(1, new Document("channel", "sms").append("status", "queued"));
        message(2, new Document("channel", "sms").append("status", "sending"));
        message(3, new Document("channel", "sms").append("status", "sent").append("sentAt", AT));
        message(4, new Document("channel", "email").append("status", "queued")
                .append("error", "421 try later"));
        message(5, new Document("channel", "email").append("status", "sent")
                .append("sentAt", AT));
        message(6, new Document("channel", "sms").append("status", "undelivered")
                .append("sentAt", AT));

        assertEquals(List.of("QUEUED", "QUEUED", "SENT", "QUEUED", "SENT", "SENT"),
                List.of(1, 2, 3, 4, 5, 6).stream().map(seq -> handover.of(said(seq)).name())
                        .toList());
    }

    @Test
    void aMessageThatEndedWithoutBeingTakenIsRefusedOrSuppressed() {
        message(1, new Document("channel", "sms").append("status", "failed")
                .append("errorCode", 21211));
        message(2, new Document("channel", "sms").append("status", "suppressed")
                .append("error", "campaign_paused"));

        assertEquals("REFUSED SUPPRESSED", handover.of(said(1)) + " " + handover.of(said(2)));
    }

    @Test
    void aSendTheFollowUpSawAcceptedIsSentWithoutReadingItsMessage() {
        message(1, new Document("channel", "sms").append("status", "queued"));

        assertEquals("SENT", handover.of(said(1).append("acceptedAt", AT)).name());
    }

    /** Binds the server to a free port on 127.0.0.1 and answers the port. */
    private static int onLoopback(MongoServer server) {
        server.bind("127.0.0.1", 0);
        return server.getLocalAddress().getPort();
    }

    private void message(long seq, Document delivery) {
        messages.insertOne(new Document("conversationId", "conv-1").append("seq", seq)
                .append("delivery", delivery));
    }

    private static Document said(long seq) {
        return new Document("_id", "campaign:cmp-1:1:EH" + seq).append("status", "sent")
                .append("sentAt", AT).append("conversationId", "conv-1")
                .append("messageSeq", seq);
    }
}
