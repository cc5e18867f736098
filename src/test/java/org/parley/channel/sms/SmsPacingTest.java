package org.parley.channel.sms;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.ConversationService.Place;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.T0;

/**
 * Paced texts (outreach) are handed to Twilio one step of their number's throughput apart, so
 * no wall-clock second holds more than the rate, however late they reach the outbox; texts of a
 * conversation are not paced.
 */
class SmsPacingTest {

    private static final String TEXT = "Example Health has a billing message for you.";

    private TwilioFixture sms;

    @BeforeEach
    void start(@TempDir Path data) {
        sms = TwilioFixture.start(data);
    }

    @AfterEach
    void stop() {
        sms.close();
    }

    @Test
    void fiveTextsDueTogetherAtTwoASecondGoHalfASecondApart() {
        List<Long> seqs = queue(5, new Place(T0.minusSeconds(30), 2));

        sms.drain();
        assertEquals(1, sms.twilio.requests().size());
        assertEquals(List.of("sent", "queued", "queued", "queued", "queued"),
                field(seqs, "status"));
        assertEquals(List.of(T0, T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500),
                T0.plusMillis(2000)).stream().map(Instant::toString).toList(),
                field(seqs, "nextAttemptAt"));

        for (int step = 1; step <= 4; step++) {
            sms.clock.set(T0.plusMillis(500L * step));
            sms.drain();
            assertEquals(step + 1, sms.twilio.requests().size());
        }
        assertEquals(List.of(T0, T0.plusMillis(500), T0.plusMillis(1000), T0.plusMillis(1500),
                T0.plusMillis(2000)).stream().map(Instant::toString).toList(),
                field(seqs, "sentAt"));
        assertEquals(List.of("1", "1", "1", "1", "1"), field(seqs, "attempts"));
    }

    @Test
    void aStepMissedByMoreThanHalfAStepIsGivenUpForTheNumbersNextFreeOne() {
        List<Long> seqs = queue(4, new Place(T0, 2));
        sms.drain();

        // The sender looks again only at 15:00:01.020: the steps at .500 and 1.000 were missed
        // (the first by far, the second by 20 ms, within the 50 ms a step may be late); the
        // step at 1.500 is still ahead.
        sms.clock.set(T0.plusMillis(1020));
        sms.drain();
        assertEquals(2, sms.twilio.requests().size());
        for (long at : new long[] {1500, 2000}) {
            sms.clock.set(T0.plusMillis(at));
            sms.drain();
        }

        assertEquals(List.of(T0, T0.plusMillis(2000), T0.plusMillis(1020), T0.plusMillis(1500))
                .stream().map(Instant::toString).toList(), field(seqs, "sentAt"));
        assertEquals(4, sms.twilio.requests().size());
    }

    @Test
    void aStepIsKeptWithinHalfAStepOfItsTimeAtMostFiftyMillisecondsAndInItsOwnSecond() {
        Instant step = Instant.parse("2026-12-04T15:00:00.900Z");
        assertEquals(List.of(true, true, false, true, false, true, false),
                List.of(SmsSender.keeps(step, step.minusMillis(300), 2),
                        SmsSender.keeps(step, step.plusMillis(50), 2),
                        SmsSender.keeps(step, step.plusMillis(51), 2),
                        SmsSender.keeps(step, step.plusMillis(25), 20),
                        SmsSender.keeps(step, step.plusMillis(26), 20),
                        SmsSender.keeps(step.plusMillis(80), step.plusMillis(99), 2),
                        SmsSender.keeps(step.plusMillis(80), step.plusMillis(100), 2)));
    }

    @Test
    void aStepAFewMillisecondsOffIsWaitedForByTheWorkerItself() {
        List<Long> seqs = queue(3, new Place(T0, 20));

        sms.drain();

        // 50 and 100 ms off are waited for; nothing is put back.
        assertEquals(3, sms.twilio.requests().size());
        assertEquals(List.of("sent", "sent", "sent"), field(seqs, "status"));
    }

    @Test
    void textsOfAConversationAreNotPaced() {
        for (int i = 0; i < 5; i++) {
            sms.queue(PATIENT, "menu.prompt", TEXT + " " + i);
        }

        sms.drain();

        assertEquals(5, sms.twilio.requests().size());
    }

    @Test
    void aReplyQueuedAfterPacedTextsPastTheirTimeGoesBeforeThem() {
        queue(3, new Place(T0.minusSeconds(30), 1));
        sms.clock.set(T0.plusSeconds(5));
        sms.queue("+15555550134", "menu.prompt", "A reply in a conversation.");

        sms.drain();

        assertEquals(List.of("+15555550134", PATIENT), sms.twilio.requests().stream()
                .map(r -> r.to()).toList());
    }

    private List<Long> queue(int n, Place place) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(sms.queue(PATIENT, "outreach.installment_due.generic", TEXT + " " + i,
                    Optional.of(place)));
        }
        return seqs;
    }

    private List<String> field(List<Long> seqs, String name) {
        return seqs.stream().map(seq -> {
            Object v = sms.delivery(PATIENT, seq).get(name);
            return v instanceof java.util.Date d ? d.toInstant().toString() : String.valueOf(v);
        }).toList();
    }
}
