package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.compliance.ConsentLedger;
import org.parley.testing.FakeTwilio;
import org.parley.testing.FakeTwilio.Answer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.CLIENT;
import static org.parley.channel.sms.TwilioFixture.CLIENT_NUMBER;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.PUBLIC_BASE;
import static org.parley.channel.sms.TwilioFixture.T0;

/** The outbox sender against a fake Twilio: what is sent, retried, failed and suppressed. */
class SmsOutboxSenderTest {

    @TempDir
    Path data;
    TwilioFixture sms;

    @AfterEach
    void stop() {
        sms.close();
    }

    @Test
    void acceptedMessageIsStoredAsSentWithTwiliosSidAndItsEncoding() {
        sms = TwilioFixture.start(data, true);
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        assertEquals(1, sms.drain());

        FakeTwilio.Request request = sms.twilio.requests().get(0);
        assertEquals(FakeTwilio.ACCOUNT_SID, request.accountSid());
        assertEquals(PATIENT, request.to());
        assertEquals(Optional.of(CLIENT_NUMBER), request.from());
        assertEquals("What would you like to do?", request.body());
        assertEquals(Optional.of(PUBLIC_BASE + "/twilio/status"), request.statusCallback());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("sent", delivery.getString("status"));
        assertEquals(request.sid().orElseThrow(), delivery.getString("providerId"));
        assertEquals("GSM_7", delivery.getString("encoding"));
        assertEquals(1, delivery.getInteger("segments"));
        assertEquals(1, delivery.getInteger("attempts"));
        assertEquals(Date.from(T0), delivery.getDate("sentAt"));
        assertEquals(0, sms.drain(), "a sent message is not sent again");
        assertEquals(1, sms.twilio.requests().size());
    }

    @Test
    void typographicQuotesAreMadePlainBeforeSendingSoTheTextStaysGsm7() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.reprompt",
                "Sorry, I didn’t understand. Type “what do I owe” – or tap an option…");

        sms.drain();

        assertEquals("Sorry, I didn't understand. Type \"what do I owe\" - or tap an option...",
                sms.twilio.requests().get(0).body());
        assertEquals("GSM_7", sms.delivery(PATIENT, seq).getString("encoding"));
    }

    @Test
    void letterOutsideGsm7IsKeptAndTheMessageIsCountedAsUcs2Segments() {
        sms = TwilioFixture.start(data);
        String text = "Su saldo está al día. ".repeat(4);
        long seq = sms.queue(PATIENT, "balance.summary", text);

        sms.drain();

        assertEquals(text, sms.twilio.requests().get(0).body());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("UCS_2", delivery.getString("encoding"));
        assertEquals(2, delivery.getInteger("segments"));
    }

    @Test
    void transientFailuresAreRetriedWithDoublingBackoffAndSentExactlyOnce() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.tooManyRequests(), Answer.serverError(), Answer.created());
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        // First try at T0 meets 429: back in the queue for 1 s.
        assertEquals(1, sms.drain());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("queued", delivery.getString("status"));
        assertEquals(1, delivery.getInteger("attempts"));
        assertEquals(20429, delivery.getInteger("errorCode"));
        assertEquals(Date.from(T0.plusSeconds(1)), delivery.getDate("nextAttemptAt"));

        // Not due yet: nothing is claimed before the backoff runs out.
        sms.clock.advance(Duration.ofMillis(999));
        assertEquals(0, sms.drain());

        // Second try at T0+1s meets 500: waits 2 s.
        sms.clock.advance(Duration.ofMillis(1));
        assertEquals(1, sms.drain());
        delivery = sms.delivery(PATIENT, seq);
        assertEquals("queued", delivery.getString("status"));
        assertEquals(2, delivery.getInteger("attempts"));
        assertEquals(20500, delivery.getInteger("errorCode"));
        assertEquals(Date.from(T0.plusSeconds(3)), delivery.getDate("nextAttemptAt"));

        // Third try at T0+3s is accepted.
        sms.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sms.drain());
        delivery = sms.delivery(PATIENT, seq);
        assertEquals("sent", delivery.getString("status"));
        assertEquals(3, delivery.getInteger("attempts"));
        assertFalse(delivery.containsKey("errorCode"));
        assertEquals(List.of(429, 500, 201),
                sms.twilio.requests().stream().map(FakeTwilio.Request::status).toList());
        assertEquals(1, sms.twilio.accepted().size());
        assertEquals(sms.twilio.accepted().get(0).sid().orElseThrow(),
                delivery.getString("providerId"));
    }

    @Test
    void messageThatKeepsFailingTransientlyFailsAfterEightAttempts() {
        sms = TwilioFixture.start(data);
        for (int i = 0; i < 8; i++) {
            sms.twilio.script(Answer.serverError());
        }
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        List<Long> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 8; attempt++) {
            assertEquals(1, sms.drain());
            Document delivery = sms.delivery(PATIENT, seq);
            if (attempt < 8) {
                Instant next = delivery.getDate("nextAttemptAt").toInstant();
                waits.add(Duration.between(sms.clock.instant(), next).toSeconds());
                sms.clock.advance(Duration.between(sms.clock.instant(), next));
            }
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L), waits);
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("failed", delivery.getString("status"));
        assertEquals(20500, delivery.getInteger("errorCode"));
        assertEquals(8, delivery.getInteger("attempts"));
        sms.clock.advance(Duration.ofHours(1));
        assertEquals(0, sms.drain());
        assertEquals(8, sms.twilio.requests().size());
    }

    @Test
    void unreachableTwilioIsRetriedLater() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        sms = TwilioFixture.start(data);
        SmsSender unreachable = new SmsSender(new SmsOutbox(sms.store.database()),
                new TwilioGateway(FakeTwilio.ACCOUNT_SID, FakeTwilio.AUTH_TOKEN,
                        Optional.of("http://127.0.0.1:" + closedPort)),
                sms.services.conversations(), sms.services.clients(), sms.optOuts, Set.of(),
                Optional.empty(), sms.clock, SmsSender.Policy.defaults());
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        assertEquals(1, unreachable.drain());

        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("queued", delivery.getString("status"));
        assertEquals(Date.from(T0.plusSeconds(1)), delivery.getDate("nextAttemptAt"));
        sms.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sms.drain());
        assertEquals("sent", sms.delivery(PATIENT, seq).getString("status"));
    }

    @Test
    void permanentErrorFailsTheMessageAtOnceWithTwiliosCode() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.error(400, 21211, "The 'To' number is not a valid phone number."));
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        assertEquals(1, sms.drain());

        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("failed", delivery.getString("status"));
        assertEquals(21211, delivery.getInteger("errorCode"));
        assertEquals("The 'To' number is not a valid phone number.", delivery.getString("error"));
        sms.clock.advance(Duration.ofHours(1));
        assertEquals(0, sms.drain());
        assertEquals(1, sms.twilio.requests().size());
        assertEquals(List.of(), sms.ledger.history(CLIENT, "sms", PATIENT));
    }

    @Test
    void optedOutAnswerFailsTheMessageAndOptsTheNumberOut() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.optedOut());
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");

        sms.drain();

        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("failed", delivery.getString("status"));
        assertEquals(21610, delivery.getInteger("errorCode"));
        String conversationId = sms.message(PATIENT, seq).getString("conversationId");
        assertTrue(sms.ledger.optedOut(CLIENT, "sms", PATIENT));
        assertEquals(List.of(new ConsentLedger.Entry(CLIENT, "sms", PATIENT, "opt_out",
                "carrier_21610", T0, Optional.of(conversationId))),
                sms.ledger.history(CLIENT, "sms", PATIENT));
    }

    @Test
    void afterOptOutLaterMessagesAreSuppressedButComplianceConfirmationsStillGo() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.optedOut());
        sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        sms.drain();

        long later = sms.queue(PATIENT, "menu.again", "Anything else?");
        long confirmation = sms.queue(PATIENT, "compliance.opted_out", "You are unsubscribed.");
        sms.drain();

        assertEquals("suppressed", sms.delivery(PATIENT, later).getString("status"));
        assertEquals("sent", sms.delivery(PATIENT, confirmation).getString("status"));
        assertEquals(List.of("What would you like to do?", "You are unsubscribed."),
                sms.twilio.requests().stream().map(FakeTwilio.Request::body).toList());
    }

    @Test
    void messageWhoseWorkerDiedIsClaimedAgainOnlyAfterItsLeaseRunsOut() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        SmsOutbox outbox = new SmsOutbox(sms.store.database());
        // A worker claims the message and dies before sending it.
        outbox.claim(T0, T0.plusSeconds(30), Set.of()).orElseThrow();

        sms.clock.advance(Duration.ofSeconds(29));
        assertEquals(0, sms.drain());
        assertEquals(List.of(), sms.twilio.requests());

        sms.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sms.drain());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("sent", delivery.getString("status"));
        assertEquals(2, delivery.getInteger("attempts"));
        assertEquals(1, sms.twilio.requests().size());
    }

    @Test
    void workerWhoseLeaseWasTakenOverCannotOverwriteTheOutcome() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        SmsOutbox outbox = new SmsOutbox(sms.store.database());
        SmsOutbox.Claim stale = outbox.claim(T0, T0.plusSeconds(30), Set.of()).orElseThrow();
        sms.clock.advance(Duration.ofSeconds(30));
        sms.drain();

        boolean recorded = outbox.failed(stale, Optional.of(30003), "late",
                SmsEncoding.measure("x"), sms.clock.instant());

        assertFalse(recorded);
        assertEquals("sent", sms.delivery(PATIENT, seq).getString("status"));
    }

    @Test
    void withoutCredentialsMessagesAreDeliveredToTheDevOutboxAndListedForThePhone() {
        sms = TwilioFixture.devOutbox(data);
        sms.channel.inbound().receive(CLIENT_NUMBER, PATIENT, TwilioFixture.messageSid(), "hi");
        long seq = sms.queue(PATIENT, "balance.summary", "Su saldo está al día.");

        sms.drain();

        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("delivered", delivery.getString("status"));
        assertEquals("dev-" + seq, delivery.getString("providerId"));
        assertEquals("dev-outbox", delivery.getString("channel"));
        assertEquals(List.of(), sms.twilio.requests());
        List<PhoneMessage> phone = sms.channel.outbox(CLIENT, PATIENT, seq - 1);
        assertEquals(1, phone.size());
        PhoneMessage last = phone.get(0);
        assertEquals(seq, last.seq());
        assertEquals("bot", last.from());
        assertEquals("Su saldo está al día.", last.text());
        assertEquals("delivered", last.status());
        assertEquals(SmsEncoding.UCS_2, last.encoding());
        assertEquals(1, last.segments());
        assertEquals("received", sms.channel.outbox(CLIENT, PATIENT, 0).get(0).status());
        assertEquals(List.of(), sms.channel.outbox(CLIENT, "+15555550999", 0));
    }

    private long outboxSize() {
        return sms.store.database().getCollection("outbox").countDocuments();
    }

    @Test
    void messageLeavesTheOutboxOnceSentAndWaitsThereBetweenTries() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.serverError(), Answer.created());
        sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        assertEquals(1, outboxSize());

        sms.drain();
        assertEquals(1, outboxSize());

        sms.clock.advance(Duration.ofSeconds(1));
        sms.drain();
        assertEquals(0, outboxSize());
    }

    @Test
    void queuedMessageAWriterLeftOutOfTheOutboxIsSentAfterTheRepair() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        // The writer stored the message and died before queueing it.
        sms.store.database().getCollection("outbox").deleteMany(new Document());
        assertEquals(0, sms.drain());

        assertEquals(1, sms.channel.sender().repair());

        assertEquals(1, sms.drain());
        assertEquals("sent", sms.delivery(PATIENT, seq).getString("status"));
        assertEquals(0, sms.channel.sender().repair());
        assertEquals(1, sms.twilio.requests().size());
    }

    @Test
    void messageWhoseWorkerDiedAfterRecordingItIsNotSentAgain() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.prompt", "What would you like to do?");
        Document message = sms.message(PATIENT, seq);
        sms.drain();
        // The worker recorded "sent" on the message and died before leaving the outbox.
        sms.store.database().getCollection("outbox").insertOne(new Document("_id",
                message.getObjectId("_id")).append("channel", "sms")
                .append("conversationId", message.getString("conversationId"))
                .append("seq", seq).append("to", PATIENT).append("text", message.getString("text"))
                .append("status", "sending").append("lease", "dead").append("attempts", 1)
                .append("nextAttemptAt", Date.from(T0)).append("leaseUntil",
                        Date.from(T0.plusSeconds(30))));

        sms.clock.advance(Duration.ofSeconds(30));

        assertEquals(0, sms.drain());
        assertEquals(1, sms.twilio.requests().size());
        assertEquals("sent", sms.delivery(PATIENT, seq).getString("status"));
        assertEquals(0, outboxSize());
    }
}
