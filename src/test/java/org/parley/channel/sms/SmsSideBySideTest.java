package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The polling sender hands texts of different conversations to Twilio side by side, each pass
 * starting another while there is more to send and each text in a request of its own, but never
 * two texts of one conversation at once: a conversation's texts reach the phone in the order
 * they were written.
 */
class SmsSideBySideTest {

    private static final String FIRST = "+15555550131";
    private static final String SECOND = "+15555550132";
    private static final String THIRD = "+15555550133";
    private static final Duration WITHIN = Duration.ofSeconds(30);

    private TwilioFixture sms;

    @BeforeEach
    void start(@TempDir Path data) {
        sms = TwilioFixture.concurrent(data);
    }

    @AfterEach
    void stop() {
        sms.twilio.releaseAnswers();
        sms.close();
    }

    @Test
    void textsOfThreeConversationsAreAtTwilioTogetherAndAConversationsSecondTextWaitsForItsFirst()
            throws InterruptedException {
        sms.twilio.holdAnswersAfter(0);
        long first = sms.queue(FIRST, "menu.prompt", "First text to the first phone.");
        long second = sms.queue(FIRST, "menu.prompt", "Second text to the first phone.");
        long onSecond = sms.queue(SECOND, "menu.prompt", "Only text to the second phone.");
        long onThird = sms.queue(THIRD, "menu.prompt", "Only text to the third phone.");

        sms.channel.sender().start(Duration.ofSeconds(1));
        // None is answered yet: three texts in Twilio's hands at once.
        List<FakeTwilio.Request> together = sms.twilio.await(3, WITHIN);

        assertEquals(Set.of(FIRST, SECOND, THIRD), together.stream()
                .map(FakeTwilio.Request::to).collect(Collectors.toSet()));
        assertEquals("First text to the first phone.", together.stream()
                .filter(r -> r.to().equals(FIRST)).findFirst().orElseThrow().body());

        sms.twilio.releaseAnswers();
        List<FakeTwilio.Request> after = sms.twilio.await(1, WITHIN);

        assertEquals(FIRST, after.get(0).to());
        assertEquals("Second text to the first phone.", after.get(0).body());
        assertEquals(4, sms.twilio.requests().size());
        assertTrue(sms.channel.sender().awaitIdle(WITHIN));
        // Each went on its first try: none waited for another's answer past Twilio's timeout.
        List<String> outcomes = List.of(sms.delivery(FIRST, first), sms.delivery(FIRST, second),
                sms.delivery(SECOND, onSecond), sms.delivery(THIRD, onThird)).stream()
                .map(d -> d.getString("status") + "/" + d.getInteger("attempts")).toList();
        assertEquals(List.of("sent/1", "sent/1", "sent/1", "sent/1"), outcomes);
    }

    @Test
    void whileTwilioHoldsItsAnswersTwentyConversationsEachHaveTheirTextAtTwilioAtOnce()
            throws InterruptedException {
        // More than the sender's passes: a pass hands its text on and claims the next one
        // while Twilio is still answering.
        sms.twilio.holdAnswersAfter(0);
        List<String> phones = new ArrayList<>();
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            phones.add("+155555501" + (40 + i));
            seqs.add(sms.queue(phones.get(i), "menu.prompt", "A text to phone " + i + "."));
        }

        sms.channel.sender().start(Duration.ofSeconds(1));
        List<FakeTwilio.Request> together = sms.twilio.await(20, WITHIN);

        assertEquals(Set.copyOf(phones), together.stream().map(FakeTwilio.Request::to)
                .collect(Collectors.toSet()));
        assertEquals(List.of("queued"), statuses(phones, seqs).stream().distinct().toList());
        sms.twilio.releaseAnswers();
        assertTrue(sms.channel.sender().awaitIdle(WITHIN));
        assertEquals(List.of("sent/1"), statuses(phones, seqs).stream().distinct().toList());
    }

    private List<String> statuses(List<String> phones, List<Long> seqs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < phones.size(); i++) {
            Document d = sms.delivery(phones.get(i), seqs.get(i));
            out.add(d.getString("status") + ("sent".equals(d.getString("status"))
                    ? "/" + d.getInteger("attempts") : ""));
        }
        return out;
    }
}
