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
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.channel.sms.TwilioFixture.CLIENT_NUMBER;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.T0;

/**
 * Paced texts (outreach) are handed to Twilio one step of their number's throughput apart, so
 * no second, however cut, holds more than the rate, however late they reach the outbox; texts of
 * a conversation are not paced.
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
    void fiveTextsDueTogetherAtTwoASecondGoJustOverHalfASecondApart() {
        List<Long> seqs = queue(5, new Place(T0.minusSeconds(30), 2));
        // A step at 2 a second: (1 s + 20 ms late + 3 ms margin) / 2 = 511.5 ms, each instant
        // rounded up to the millisecond.
        List<Instant> steps = List.of(T0, T0.plusMillis(512), T0.plusMillis(1023),
                T0.plusMillis(1535), T0.plusMillis(2046));

        sms.drain();
        assertEquals(1, sms.twilio.requests().size());
        assertEquals(List.of("sent", "queued", "queued", "queued", "queued"),
                field(seqs, "status"));
        assertEquals(steps.stream().map(Instant::toString).toList(),
                field(seqs, "nextAttemptAt"));

        for (int step = 1; step <= 4; step++) {
            sms.clock.set(steps.get(step));
            sms.drain();
            assertEquals(step + 1, sms.twilio.requests().size());
        }
        assertEquals(steps.stream().map(Instant::toString).toList(), field(seqs, "sentAt"));
        assertEquals(List.of("1", "1", "1", "1", "1"), field(seqs, "attempts"));
    }

    @Test
    void aStepMissedByMoreThanItsLatenessIsGivenUpForTheNumbersNextFreeOne() {
        List<Long> seqs = queue(4, new Place(T0, 2));
        sms.drain();

        // The sender looks again only at 15:00:01.040: the steps at .512 and 1.023 were missed
        // (the first by far, the second by 17 ms, within the 20 ms a step may be late); the
        // step at 1.535 is still ahead. The first takes the number's next free one, 2.046.
        sms.clock.set(T0.plusMillis(1040));
        sms.drain();
        assertEquals(2, sms.twilio.requests().size());
        for (long at : new long[] {1535, 2046}) {
            sms.clock.set(T0.plusMillis(at));
            sms.drain();
        }

        assertEquals(List.of(T0, T0.plusMillis(2046), T0.plusMillis(1040), T0.plusMillis(1535))
                .stream().map(Instant::toString).toList(), field(seqs, "sentAt"));
        assertEquals(4, sms.twilio.requests().size());
    }

    @Test
    void aStepIsKeptUntilHalfTheRatesIntervalPastItsTimeAtMostTwentyMilliseconds() {
        Instant step = Instant.parse("2026-12-04T15:00:00.998Z");
        assertEquals(List.of(true, true, false, true, false, true, false),
                List.of(SmsHandOver.keeps(step, step.minusMillis(300), 2),
                        SmsHandOver.keeps(step, step.plusMillis(20), 2),
                        SmsHandOver.keeps(step, step.plusMillis(21), 2),
                        SmsHandOver.keeps(step, step.plusMillis(5), 100),
                        SmsHandOver.keeps(step, step.plusMillis(6), 100),
                        SmsHandOver.keeps(step, step.plusMillis(20), 20),
                        SmsHandOver.keeps(step, step.plusMillis(21), 20)));
    }

    @Test
    void noSecondHoweverCutHoldsMoreHandOversThanTheRateEvenWhenEachGoesAsLateAsItMay() {
        SmsPacing pacing = new SmsPacing(sms.store.database());
        List<Long> steps = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Taken in two bursts, as texts reach the workers: 150 at once, 150 two seconds on.
            Instant now = T0.plusMillis(i < 150 ? 0 : 2000);
            steps.add(pacing.take(CLIENT_NUMBER, 100, now).toEpochMilli());
        }
        long lateMillis = SmsPacing.lateMicros(100) / 1000;

        // The worst cut: the second opens with a text that went as late as it might, and every
        // text after it whose step falls within that second goes at its step.
        int most = 0;
        for (int first = 0; first < steps.size(); first++) {
            long opens = steps.get(first) + lateMillis;
            int inSecond = 1;
            for (int next = first + 1; next < steps.size(); next++) {
                if (steps.get(next) < opens + 1000) {
                    inSecond++;
                }
            }
            most = Math.max(most, inSecond);
        }

        assertEquals(10_080, SmsPacing.stepMicros(100));
        assertEquals(5, lateMillis);
        assertEquals(100, most);
        assertEquals(List.of(T0.plusMillis(1502), T0.plusMillis(2000), T0.plusMillis(3502)),
                List.of(149, 150, 299).stream().map(i -> Instant.ofEpochMilli(steps.get(i)))
                        .toList());
    }

    @Test
    void aStepAFewMillisecondsOffIsWaitedForByTheWorkerItself() {
        List<Long> seqs = queue(3, new Place(T0, 25));

        sms.drain();

        // 41 and 82 ms off (steps of 40.92 ms at 25 a second) are waited for; nothing is put
        // back.
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

        SmsOutbox outbox = new SmsOutbox(sms.store.database());
        Instant now = T0.plusSeconds(5);

        // Claimed first; its request and the paced texts' then go to Twilio side by side.
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            claimed.add(outbox.claim(now, now.plusSeconds(30), Set.of()).orElseThrow().to());
        }
        assertEquals(List.of("+15555550134", PATIENT, PATIENT, PATIENT), claimed);
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
