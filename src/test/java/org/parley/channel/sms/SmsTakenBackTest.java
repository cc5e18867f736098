package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService.Place;
import org.parley.conversation.ConversationStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.T0;

/**
 * A pause or cancel takes back a campaign text an SMS sender holds but has not handed to Twilio
 * yet: the take-back and the sender's hand-over are one conditional write each on the outbox
 * entry, so exactly one wins. A text handed over, tried before or held by a sender whose lease
 * ran out is left to go (Twilio may have it).
 */
class SmsTakenBackTest {

    private static final String TEXT = "Example Health has a billing message for you.";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private TwilioFixture sms;
    private SmsOutbox outbox;
    private ConversationStore conversations;
    private long seq;

    @BeforeEach
    void start(@TempDir Path data) {
        sms = TwilioFixture.start(data);
        // This test's claims stand for a sender's; the fixture's own sender does not poll.
        outbox = new SmsOutbox(sms.store.database());
        conversations = new ConversationStore(sms.store.database());
        seq = sms.queue(PATIENT, "outreach.installment_due.generic", TEXT,
                Optional.of(new Place(T0, 10)));
    }

    @AfterEach
    void stop() {
        sms.close();
    }

    @Test
    void aTextHeldButNotHandedOverIsTakenBackAndTheSenderDropsIt() {
        SmsOutbox.Claim held = claim(T0);

        assertEquals(Set.of(key()), conversations.waitingInOutbox(T0));
        assertTrue(withdraw(T0.plusMillis(50)));
        assertFalse(outbox.hand(held, T0.plusMillis(60)));

        assertEquals("suppressed campaign_cancelled", delivery());
        assertEquals(0, outboxSize());
        assertEquals(0, sms.twilio.requests().size());
    }

    @Test
    void aTextHandedOverIsNotTakenBackAndGoes() {
        SmsOutbox.Claim held = claim(T0);
        assertTrue(outbox.hand(held, T0.plusMillis(10)));

        assertEquals(Set.of(), conversations.waitingInOutbox(T0.plusMillis(20)));
        assertFalse(withdraw(T0.plusMillis(20)));
        assertEquals("queued null", delivery());
        assertEquals(1, outboxSize());
    }

    @Test
    void aTextPutBackToWaitForItsStepIsTakenBackFromTheQueue() {
        SmsOutbox.Claim held = claim(T0);
        assertTrue(outbox.hand(held, T0));
        // Its step went by (a busy machine): back in the queue for a later one.
        assertTrue(outbox.await(held, T0.plusSeconds(2)));

        assertTrue(withdraw(T0.plusSeconds(1)));
        assertEquals("suppressed campaign_cancelled", delivery());
        assertEquals(0, outboxSize());
    }

    @Test
    void aTextWhoseSenderLetItsLeaseRunOutIsLeftToTheSenderThatTakesItOver() {
        claim(T0);

        Instant later = T0.plus(LEASE).plusSeconds(1);
        assertEquals(Set.of(), conversations.waitingInOutbox(later));
        assertFalse(withdraw(later));
        SmsOutbox.Claim again = outbox.claim(later, later.plus(LEASE), Set.of()).orElseThrow();
        assertEquals(2, again.attempts());
        assertFalse(withdraw(later));
        assertTrue(outbox.hand(again, later));
    }

    @Test
    void aTextTakenBackFromADeadSenderIsNotSentByTheSenderThatTakesItOver() {
        claim(T0);
        assertTrue(withdraw(T0.plusSeconds(1)));

        sms.clock.set(T0.plus(LEASE).plusSeconds(1));
        sms.drain();

        assertEquals(0, sms.twilio.requests().size());
        assertEquals("suppressed campaign_cancelled", delivery());
        assertEquals(0, outboxSize());
    }

    @Test
    void theRealSenderSendsAHeldTextNobodyTookBackOnce() {
        sms.drain();

        assertEquals(1, sms.twilio.requests().size());
        assertEquals("sent null", delivery());
        assertFalse(withdraw(T0));
    }

    @Test
    void aTextMarkedHandedOverThatMissesItsStepWaitsForTheNextInsteadOfGoingBackToTheQueue() {
        sms.clock.set(T0);
        long late = sms.queue(PATIENT, "outreach.installment_due.generic", TEXT + " 5",
                Optional.of(new Place(T0, 5)));
        // Claimed before the setup's text at 10 a second: the lower rate sorts first.
        SmsOutbox.Claim held = outbox.claim(T0, T0.plus(LEASE), Set.of()).orElseThrow();
        assertEquals(late, held.seq());
        // The flush after the hand-over mark is slow: the text wakes 30 ms past its step.
        SmsHandOver handOver = new SmsHandOver(outbox, sms.clock,
                () -> sms.clock.set(T0.plusMillis(30)), wait -> { });
        SmsEncoding.Measure measure = SmsEncoding.measure(TEXT);

        Optional<Instant> step = handOver.step(held, "+15555550100", measure);

        // At 5 a second a step is 204.6 ms: the next free one is 205 ms after the first, more
        // than a short wait off, and the text waited for it rather than go back unsent after a
        // pause could no longer take it back.
        assertEquals(Optional.of(T0.plusMillis(205)), step);
        assertFalse(conversations.withdraw(sms.conversation(PATIENT).id(), late,
                "campaign_paused", T0.plusMillis(40)));
        Document entry = sms.store.database().getCollection("outbox")
                .find(new Document("_id", held.id())).first();
        assertEquals("sending true", entry.getString("status") + " "
                + entry.containsKey(ConversationStore.HANDED));
    }

    private SmsOutbox.Claim claim(Instant now) {
        SmsOutbox.Claim claim = outbox.claim(now, now.plus(LEASE), Set.of()).orElseThrow();
        assertEquals(List.of(seq, 1), List.of(claim.seq(), claim.attempts()));
        return claim;
    }

    private boolean withdraw(Instant now) {
        return conversations.withdraw(sms.conversation(PATIENT).id(), seq, "campaign_cancelled",
                now);
    }

    private String key() {
        return sms.conversation(PATIENT).id() + "#" + seq;
    }

    private String delivery() {
        Document d = sms.delivery(PATIENT, seq);
        return d.getString("status") + " " + d.getString("error");
    }

    private long outboxSize() {
        return sms.store.database().getCollection("outbox").countDocuments();
    }
}
