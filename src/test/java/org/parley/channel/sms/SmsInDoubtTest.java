package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.FakeTwilio.Answer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.parley.channel.sms.TwilioFixture.CLIENT_NUMBER;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.T0;

/**
 * A text whose earlier try may have reached Twilio (its answer lost, its worker killed) is looked
 * up in Twilio's message list before it is sent again, so it reaches the phone once.
 */
class SmsInDoubtTest {

    private static final String TEXT = "What would you like to do?";
    private static final String LIST_QUERY = "PageSize=50&To=%2B15555550123&From=%2B15555550100";

    @TempDir
    Path data;
    TwilioFixture sms;

    @AfterEach
    void stop() {
        sms.close();
    }

    @Test
    void textTwilioTookWhoseAnswerWasLostIsRecordedFromTwiliosListAndNotSentAgain() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.createdButAnswerLost());
        long seq = sms.queue(PATIENT, "menu.prompt", TEXT);

        assertEquals(1, sms.drain());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("queued", delivery.getString("status"));
        assertEquals(Date.from(T0.plusSeconds(1)), delivery.getDate("nextAttemptAt"));

        sms.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sms.drain());

        assertEquals(1, sms.twilio.requests().size());
        assertEquals(List.of(LIST_QUERY), sms.twilio.lists());
        delivery = sms.delivery(PATIENT, seq);
        assertEquals("sent", delivery.getString("status"));
        assertEquals(sms.twilio.accepted().get(0).sid().orElseThrow(),
                delivery.getString("providerId"));
        assertEquals(2, delivery.getInteger("attempts"));
        assertEquals(Date.from(T0.plusSeconds(1)), delivery.getDate("sentAt"));
        sms.clock.advance(Duration.ofHours(1));
        assertEquals(0, sms.drain());
        assertEquals(1, sms.twilio.requests().size());
    }

    @Test
    void textAKilledWorkerHandedToTwilioIsRecordedByTheWorkerThatTakesItOver() {
        sms = TwilioFixture.start(data);
        long seq = sms.queue(PATIENT, "menu.prompt", TEXT);
        // A worker claims the text, hands it to Twilio and is killed before storing the answer.
        new SmsOutbox(sms.store.database()).claim(T0, T0.plusSeconds(30), Set.of()).orElseThrow();
        SmsGateway.Outcome dead = new TwilioGateway(FakeTwilio.ACCOUNT_SID,
                FakeTwilio.AUTH_TOKEN, Optional.of(sms.twilio.baseUrl()))
                .send(new SmsGateway.Outgoing("dead", seq, CLIENT_NUMBER, PATIENT, TEXT,
                        Optional.empty()));
        String sid = assertInstanceOf(SmsGateway.Accepted.class, dead).providerId();

        sms.clock.advance(Duration.ofSeconds(30));
        assertEquals(1, sms.drain());

        assertEquals(1, sms.twilio.requests().size());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("sent", delivery.getString("status"));
        assertEquals(sid, delivery.getString("providerId"));
        assertEquals(2, delivery.getInteger("attempts"));
    }

    @Test
    void sameWordsTextedEarlierAreNotMistakenForTheTryInDoubt() {
        sms = TwilioFixture.start(data);
        long first = sms.queue(PATIENT, "menu.prompt", TEXT);
        sms.drain();
        sms.twilio.script(Answer.tooManyRequests());
        long second = sms.queue(PATIENT, "menu.prompt", TEXT);
        sms.drain();

        sms.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sms.drain());

        assertEachHasItsOwnSid(first, second);
        assertEquals(List.of(201, 429, 201),
                sms.twilio.requests().stream().map(FakeTwilio.Request::status).toList());
    }

    @Test
    void lostAnswerOfTheSecondOfTwoTextsWithTheSameWordsTakesTheSecondSid() {
        sms = TwilioFixture.start(data);
        long first = sms.queue(PATIENT, "menu.prompt", TEXT);
        sms.drain();
        sms.twilio.script(Answer.createdButAnswerLost());
        long second = sms.queue(PATIENT, "menu.prompt", TEXT);
        sms.drain();

        sms.clock.advance(Duration.ofSeconds(1));
        sms.drain();

        assertEquals(2, sms.twilio.requests().size());
        assertEachHasItsOwnSid(first, second);
        assertEquals("sent", sms.delivery(PATIENT, second).getString("status"));
    }

    /** Twilio took exactly two texts, the first as {@code first}, the second as {@code second}. */
    private void assertEachHasItsOwnSid(long first, long second) {
        List<FakeTwilio.Request> accepted = sms.twilio.accepted();
        assertEquals(2, accepted.size());
        assertEquals(accepted.get(0).sid().orElseThrow(),
                sms.delivery(PATIENT, first).getString("providerId"));
        assertEquals(accepted.get(1).sid().orElseThrow(),
                sms.delivery(PATIENT, second).getString("providerId"));
    }

    @Test
    void whenTwilioListCannotBeReadTheTextWaitsInsteadOfGoingBlind() {
        sms = TwilioFixture.start(data);
        sms.twilio.script(Answer.createdButAnswerLost());
        long seq = sms.queue(PATIENT, "menu.prompt", TEXT);
        sms.drain();
        sms.twilio.failLists(1);

        sms.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, sms.drain());

        assertEquals(1, sms.twilio.requests().size());
        Document delivery = sms.delivery(PATIENT, seq);
        assertEquals("queued", delivery.getString("status"));
        assertEquals("not sent: Twilio's message list could not be read: ApiException; an "
                + "earlier try may have reached Twilio", delivery.getString("error"));
        assertEquals(Date.from(T0.plusSeconds(3)), delivery.getDate("nextAttemptAt"));

        sms.clock.advance(Duration.ofSeconds(2));
        assertEquals(1, sms.drain());
        assertEquals(1, sms.twilio.requests().size());
        assertEquals("sent", sms.delivery(PATIENT, seq).getString("status"));
        assertEquals(sms.twilio.accepted().get(0).sid().orElseThrow(),
                sms.delivery(PATIENT, seq).getString("providerId"));
        assertEquals(2, sms.twilio.lists().size());
    }
}
