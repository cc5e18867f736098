package org.parley.channel.sms;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.result.DeleteResult;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService.Place;
import org.parley.conversation.ConversationStore;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.T0;

/**
 * A pause or cancel takes back a campaign text an SMS sender holds but has not handed to Twilio
 * yet: the take-back and the sender's hand-over are one conditional write each on the outbox
 * entry, so exactly one wins. A text this process's sender handed over is still taken back
 * until its request's last look ({@code HeldTexts}). A text another process handed over,
 * tried before or held by a sender whose lease ran out is left to go (Twilio may have it).
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
    void aTextAnotherProcessHandedOverIsNotTakenBackAndGoes() {
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
    void aTextItsSenderPutsBackToWaitWhileThePauseLooksIsStillTakenBack() {
        SmsOutbox.Claim held = claim(T0);
        MongoDatabase real = sms.store.database();
        MongoCollection<Document> entries = real.getCollection("outbox");
        // The sender puts the text back to wait for a step 3 s off just after the pause found
        // it claimed, so not queued, and just before it looks for it claimed.
        boolean[] moved = {false};
        @SuppressWarnings("unchecked")
        MongoCollection<Document> watched = mock(MongoCollection.class, delegatesTo(entries));
        doAnswer(call -> {
            DeleteResult result = entries.deleteOne(call.<Bson>getArgument(0));
            if (!moved[0]) {
                moved[0] = true;
                assertTrue(outbox.await(held, T0.plusSeconds(3)));
            }
            return result;
        }).when(watched).deleteOne(any(Bson.class));
        MongoDatabase db = mock(MongoDatabase.class, delegatesTo(real));
        doReturn(watched).when(db).getCollection("outbox");

        assertTrue(new ConversationStore(db).withdraw(sms.conversation(PATIENT).id(), seq,
                "campaign_paused", T0.plusMillis(50)));

        assertEquals("suppressed campaign_paused", delivery());
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
    void aTextMarkedHandedOverThatMissesItsStepWaitsForTheNextAndAPauseHereStillTakesItBack() {
        long late = queueAtFiveASecond();
        SmsOutbox.Claim held = outbox.claim(T0, T0.plus(LEASE), Set.of()).orElseThrow();
        assertEquals(late, held.seq());
        SmsHandOver handOver = slowHandOver();
        SmsEncoding.Measure measure = SmsEncoding.measure(TEXT);

        Optional<Instant> step = handOver.step(held, "+15555550100", measure);

        // At 5 a second a step is 204.6 ms: the next free one is 205 ms after the first, more
        // than a short wait off, and the text waited for it rather than go back to the queue.
        assertEquals(Optional.of(T0.plusMillis(205)), step);
        assertEquals(Set.of(key(), sms.conversation(PATIENT).id() + "#" + late),
                conversations.waitingInOutbox(T0.plusMillis(40)));
        assertTrue(conversations.withdraw(sms.conversation(PATIENT).id(), late,
                "campaign_paused", T0.plusMillis(40)));
        sms.clock.set(T0.plusMillis(205));

        assertFalse(handOver.goes(held, "+15555550100", measure, step));
        assertEquals("suppressed campaign_paused", delivery(late));
        assertEquals(List.of(), sms.store.database().getCollection("outbox")
                .find(new Document("_id", held.id())).into(new ArrayList<>()));
    }

    @Test
    void aTextWhoseRequestHadItsLastLookBeforeThePauseGoes() {
        long late = queueAtFiveASecond();
        SmsOutbox.Claim held = outbox.claim(T0, T0.plus(LEASE), Set.of()).orElseThrow();
        SmsHandOver handOver = slowHandOver();
        SmsEncoding.Measure measure = SmsEncoding.measure(TEXT);
        Optional<Instant> step = handOver.step(held, "+15555550100", measure);
        sms.clock.set(T0.plusMillis(205));

        assertTrue(handOver.goes(held, "+15555550100", measure, step));
        assertFalse(conversations.withdraw(sms.conversation(PATIENT).id(), late,
                "campaign_paused", T0.plusMillis(206)));
        assertEquals("queued null", delivery(late));
    }

    /** A second text at 5 a second, claimed before the setup's at 10 (lower rates first). */
    private long queueAtFiveASecond() {
        sms.clock.set(T0);
        return sms.queue(PATIENT, "outreach.installment_due.generic", TEXT + " 5",
                Optional.of(new Place(T0, 5)));
    }

    /** A hand-over whose flush after the mark is slow: the text wakes 30 ms past its step. */
    private SmsHandOver slowHandOver() {
        return new SmsHandOver(outbox, sms.clock, () -> sms.clock.set(T0.plusMillis(30)),
                wait -> { });
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
        return delivery(seq);
    }

    private String delivery(long message) {
        Document d = sms.delivery(PATIENT, message);
        return d.getString("status") + " " + d.getString("error");
    }

    private long outboxSize() {
        return sms.store.database().getCollection("outbox").countDocuments();
    }
}
