package org.parley.handoff;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request to stop written in words, in any language and on any channel, reaches a person who
 * reads that language: on SMS the number is opted out and the conversation queued in the
 * language of the request; on web chat, which has no opt-out, the patient is told a person will
 * take it. Also: asking for a language by name switches to it and asks the same question again.
 */
class StopInWordsTest {

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestParley parley;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio));
    }

    @AfterAll
    static void stop() {
        parley.close();
        twilio.close();
    }

    @Test
    void aSpanishRequestToStopFromANewNumberIsQueuedForSpanishSpeakers() {
        assertEquals("es opt_out_request true",
                textFromNewNumber("+14045550191", "por favor dejen de enviarme mensajes"));
    }

    @Test
    void aRussianRequestToStopFromANewNumberIsQueuedForRussianSpeakers() {
        assertEquals("ru opt_out_request true",
                textFromNewNumber("+14045550192", "Не пишите мне больше, пожалуйста"));
    }

    @Test
    void aRequestToStopInTraditionalChineseIsRecognised() {
        assertEquals("zh opt_out_request true",
                textFromNewNumber("+14045550193", "請不要再給我發短信了"));
    }

    @Test
    void onWebChatARequestToStopInWordsGoesToAPersonAndThePatientIsToldSo() {
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("Please stop contacting me");

            chat.bot("I've asked a person from Example Health to take this over and stop our "
                    + "messages to you. They will answer here, or you can call (555) 010-0199.");
            Handoff h = parley.parley().services().handoffs().store()
                    .find(chat.conversationId()).orElseThrow();
            assertEquals("queued opt_out_request en", h.status().id() + " " + h.reason() + " "
                    + h.language());
        }
    }

    @Test
    void askingForSpanishPolitelySwitchesAndAsksTheSameQuestionAgain() {
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("en español por favor");

            chat.bot("De acuerdo, continuaré en español.");
            chat.bot("¿Qué desea hacer?");
        }
    }

    /** Texts from a number never seen; answers the queue's language, reason and opt-out. */
    private static String textFromNewNumber(String number, String text) {
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text(text);
        parley.parley().sms().sender().drain();

        Handoff h = parley.parley().services().handoffs().store()
                .queued(java.util.List.of("example-health")).stream()
                .filter(q -> q.channel().equals("sms") && parley.parley().services()
                        .conversations().find(q.conversationId()).orElseThrow().address()
                        .equals(number))
                .findFirst().orElseThrow();
        return h.language() + " " + h.reason() + " " + parley.parley().services().consent()
                .optedOut("example-health", "sms", number);
    }
}
