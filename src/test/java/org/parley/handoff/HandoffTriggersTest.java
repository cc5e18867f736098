package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Message;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What hands a conversation to a person, and what the patient is told: asking for one in any
 * words, messages the bot keeps failing to understand, distress or hardship, a request to stop
 * in other words; the wait the queue gives, the client's hours, and the bot's silence after.
 */
class HandoffTriggersTest extends SmsCase {

    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    private static final String WAIT_4 = "A person usually answers within 4 minutes. Anything you "
            + "write here until then reaches them.";

    @BeforeAll
    static void start() {
        startSms(CLOCK);
    }

    @BeforeEach
    void emptyQueueInTheDay() {
        CLOCK.set(TestParley.NOW);
        parley.parley().store().database().getCollection("handoffs").deleteMany(new Document());
    }

    @Test
    void aPatientWhoAsksForAPersonIsQueuedOnceAndTheBotFallsSilent() {
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("can I speak with a real person?");
            chat.bot("I've asked a person from Example Health to join this conversation. They will "
                    + "reach out here shortly, or you can call (555) 010-0199.");
            chat.bot(WAIT_4);

            Waiting.held(chat, "hello?");
            Waiting.held(chat, "I want to talk to a person");

            assertEquals(List.of("patient: hello?", "patient: I want to talk to a person"),
                    lastTwo(chat.conversationId()));
            Handoff h = handoff(chat.conversationId());
            assertEquals("queued patient_request 1 en webchat round 1", h.status().id() + " "
                    + h.reason() + " " + h.priority() + " " + h.language() + " " + h.channel()
                    + " round " + h.round());
            assertEquals(TestParley.NOW, h.queuedAt());
        }
    }

    @Test
    void eachPatientAheadInTheQueueLengthensTheWait() {
        try (ChatClient first = Waiting.started(parley, "en");
             ChatClient second = Waiting.started(parley, "en")) {
            first.say("talk to a person");
            first.nextMessage();
            first.bot(WAIT_4);

            second.say("talk to a person");
            second.nextMessage();

            second.bot("A person usually answers within 8 minutes. Anything you write here until "
                    + "then reaches them.");
        }
    }

    @Test
    void threeMessagesInARowTheBotDoesNotUnderstandBringAPerson() {
        try (ChatClient chat = Waiting.started(parley, "en")) {
            String reprompt = "Sorry, I didn't understand that. You can type something like "
                    + "\"what do I owe\", or tap one of the options.";
            chat.say("qwzx vbnm");
            chat.bot(reprompt);
            chat.say("plorf gnarble");
            chat.bot(reprompt);

            chat.say("zzkt wobbly frum");

            chat.bot("I'm sorry, I'm having trouble understanding. I've asked a person from "
                    + "Example Health to join this conversation.");
            chat.bot(WAIT_4);
            assertEquals("not_understood", handoff(chat.conversationId()).reason());
        }
    }

    @Test
    void understandingOneMessageStartsTheCountAgain() {
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("qwzx vbnm");
            chat.nextMessage();
            chat.say("plorf gnarble");
            chat.nextMessage();
            chat.say("help");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("zzkt wobbly frum");

            chat.bot("Sorry, I didn't understand that. You can type something like "
                    + "\"what do I owe\", or tap one of the options.");
        }
    }

    @Test
    void aPatientInDistressIsHandedToAPersonAheadOfTheQueueInTheirOwnLanguage() {
        try (ChatClient calm = Waiting.started(parley, "en");
             ChatClient upset = Waiting.started(parley, "en")) {
            calm.say("talk to a person");
            calm.nextMessage();
            calm.nextMessage();

            upset.say("Estoy desesperada, no sé cómo voy a pagar esto");

            upset.bot("Siento mucho que esté pasando por esto. Le pedí a una persona de Example "
                    + "Health que hable con usted aquí.");
            upset.bot("Una persona suele responder en 4 minutos. Todo lo que escriba aquí mientras "
                    + "tanto le llegará.");
            Handoff h = handoff(upset.conversationId());
            assertEquals("distress 3 es", h.reason() + " " + h.priority() + " " + h.language());
        }
    }

    @Test
    void outsideTheClientsHoursThePatientIsToldWhenSomeoneWillAnswer() {
        // 10 p.m. on a Friday in New York; the demo's people answer from 8 a.m. every day.
        CLOCK.set(Instant.parse("2026-12-05T03:00:00Z"));
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("I need to talk to someone");

            chat.bot("Our team is away right now and will answer after Saturday, December 5 at "
                    + "8:00\u202fAM EST. You can leave a message here; they will read it.");
            Waiting.held(chat, "Please call me back after 9");
            assertEquals("queued", handoff(chat.conversationId()).status().id());
            assertEquals("patient: Please call me back after 9",
                    lastTwo(chat.conversationId()).get(1));
        }
    }

    @Test
    void theClientsOwnWordsFollowTheWait() {
        HandoffSettings settings = parley.parley().services().handoffs().settings();
        HandoffRules demo = settings.rules("example-health");
        var put = parley.api("PUT", "/api/clients/example-health/settings/handoff",
                "application/json", "{\"hours\": {\"friday\": [\"08:00-20:00\"]}, "
                        + "\"minutesPerConversation\": 10, \"waitMessages\": "
                        + "{\"en\": \"For urgent billing questions call (555) 010-0199.\"}}");
        assertEquals(200, put.statusCode(), put.body());
        try (ChatClient chat = Waiting.started(parley, "en")) {
            chat.say("talk to a person");
            chat.nextMessage();

            chat.bot("A person usually answers within 10 minutes. Anything you write here until "
                    + "then reaches them.");
            chat.bot("For urgent billing questions call (555) 010-0199.");
        } finally {
            settings.save("example-health", demo);
        }
    }

    @Test
    void hoursThatAreNotWindowsAreRefusedNamingTheField() {
        var put = parley.api("PUT", "/api/clients/example-health/settings/handoff",
                "application/json", "{\"hours\": {\"monday\": [\"18:00-08:00\"]}}");

        assertEquals(400, put.statusCode());
        JsonNode body = json(put.body());
        assertEquals("hours.monday[0] must be a window of 24-hour times such as \"08:00-18:00\" "
                + "(end after start, \"24:00\" for midnight); got \"18:00-08:00\"",
                body.get("message").asText());
    }

    @Test
    void hoursWhoseWindowsOverlapAreRefusedNamingTheDay() {
        var put = parley.api("PUT", "/api/clients/example-health/settings/handoff",
                "application/json", "{\"hours\": {\"monday\": [\"08:00-12:00\", "
                        + "\"11:00-13:00\"]}}");

        assertEquals(400, put.statusCode());
        assertEquals("hours.monday has windows that overlap, \"08:00-12:00\" and "
                + "\"11:00-13:00\"; make them one window, or end one before the other starts",
                json(put.body()).get("message").asText());
    }

    @Test
    void stopIsHonouredWhileThePatientWaitsForAPerson() {
        String number = "+14045550172";
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("talk to a person");
        phone.next();

        phone.text("STOP");

        phone.reply("You're unsubscribed from Example Health"
                + " text messages and will get no more texts. "
                + "Reply START to resubscribe.");
        assertEquals(true, parley.parley().services().consent()
                .optedOut("example-health", "sms", number));
    }

    @Test
    void askingToStopInOtherWordsQueuesTheConversationSayingOnlyTheOptOutConfirmation() {
        String number = "+14045550171";
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("balance");
        phone.next();

        phone.text("please stop texting me");
        phone.reply("You're unsubscribed from Example Health text messages and will get no "
                + "more texts. Reply START to resubscribe.");
        parley.parley().sms().sender().drain();

        String id = parley.parley().sms().outbox("example-health", number, 0).get(0)
                .conversationId();
        Handoff h = handoff(id);
        assertEquals("queued opt_out_request 2", h.status().id() + " " + h.reason() + " "
                + h.priority());
        assertEquals(2, twilio.requests().stream().filter(r -> r.to().equals(number)).count(),
                "the greeting and the confirmation; no word of the wait for a person");
    }



    private static Handoff handoff(String conversationId) {
        return parley.parley().services().handoffs().store().find(conversationId).orElseThrow();
    }

    private static List<String> lastTwo(String conversationId) {
        List<Message> all = parley.parley().services().conversations().messages(conversationId);
        return all.subList(all.size() - 2, all.size()).stream()
                .map(m -> m.from() + ": " + m.text()).toList();
    }

    private static JsonNode json(String body) {
        try {
            return org.parley.web.Json.MAPPER.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }
}
