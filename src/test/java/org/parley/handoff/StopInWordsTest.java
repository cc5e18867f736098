package org.parley.handoff;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A request to stop written in words, in any language and on any channel, reaches a person who
 * reads that language: on SMS the number is opted out and the conversation queued in the
 * language of the request; on web chat, which has no opt-out, the patient is told a person will
 * take it. On SMS the opt-out is confirmed as a STOP is, in the language of the request, once,
 * and nothing is said after it (a tester's report: it was recorded but not confirmed). Also:
 * asking for a language by name switches to it and asks the same question again.
 */
class StopInWordsTest extends SmsCase {

    @BeforeAll
    static void start() {
        startSms();
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

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | +14045550161 | من فضلك توقفوا عن مراسلتي | تم إلغاء اشتراكك في الرسائل النصية من Example Health ولن تصلك رسائل نصية أخرى. للاشتراك مجددًا، يُرجى الرد بكلمة START.
            en | +14045550162 | Please stop texting me | You're unsubscribed from Example Health text messages and will get no more texts. Reply START to resubscribe.
            es | +14045550163 | por favor dejen de enviarme mensajes | Ya no recibirá mensajes de texto de Example Health. Responda ALTA o START para volver a suscribirse.
            ko | +14045550164 | 문자 그만 보내세요 | Example Health 문자 메시지 수신을 거부하셨습니다. 더 이상 문자를 보내지 않습니다. 다시 받으시려면 시작 또는 START라고 답장해 주십시오.
            ru | +14045550165 | Перестаньте мне писать, пожалуйста | Вы отписались от SMS-сообщений Example Health и больше не будете их получать. Чтобы подписаться снова, ответьте СТАРТ или START.
            tl | +14045550166 | Huwag na akong i-text | Hindi na kayo makakatanggap ng mga text message mula sa Example Health. Mag-reply ng START para mag-subscribe ulit.
            vi | +14045550167 | Xin đừng nhắn tin cho tôi | Quý vị đã hủy nhận tin nhắn SMS từ Example Health và sẽ không nhận thêm. Trả lời START để nhận lại.
            zh | +14045550168 | 不要再给我发短信了 | 您已退订Example Health的短信，今后不会再收到。如需重新订阅，请回复"订阅"或START。
            """)
    void aRequestInWordsIsConfirmedInItsLanguage(String language, String number, String text,
                                                 String confirmation) {
        SmsPhone phone = new SmsPhone(parley, twilio, number);

        phone.text(text);

        phone.reply(confirmation);
    }

    @Test
    void aStopAfterTheRequestInWordsIsNotConfirmedAgainButStartStillOptsBackIn() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550170");
        phone.text("Please stop sending me messages.");
        phone.next();
        phone.text("STOP");

        phone.text("START");

        phone.reply("You're subscribed to Example Health messages again. Reply HELP for help, "
                + "STOP to opt out.");
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
