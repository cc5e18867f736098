package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Message;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person takes a conversation over and gives it back, end to end: a patient on web chat and
 * one on SMS ask for a person, an agent on a real console socket claims and replies on the
 * patient's own channel, the patient's next message reaches the agent and not the bot, and the
 * bot resumes where the agent hands it back.
 */
class AgentTakeoverTest extends SmsCase {

    @BeforeAll
    static void start() {
        startSms();
        AgentClient.member(parley, "ana@example-health.test", "Ana Agent", "\"agent\"",
                "\"en\",\"es\"");
    }

    @Test
    void aWebChatPatientIsTakenOverByAnAgentAndHandedBackToTheBot() {
        try (ChatClient chat = parley.chat();
             AgentClient agent = AgentClient.connect(parley, "ana@example-health.test")) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("I want to talk to a person");
            chat.bot("I've asked a person from Example Health to join this conversation. They will "
                    + "reach out here shortly, or you can call (555) 010-0199.");
            chat.bot("A person usually answers within 4 minutes. Anything you write here until then "
                    + "reaches them.");
            String id = chat.conversationId();

            agent.queue(items -> AgentClient.lists(items, id));
            JsonNode context = agent.claim(id);
            assertEquals("context", context.get("type").asText());
            assertEquals("patient_request", context.get("handoff").get("reason").asText());
            assertEquals("talk_to_agent", context.get("bot").get("lastIntent").asText());
            assertEquals("patient: I want to talk to a person", said(context, 3));

            agent.reply(id, "Hi, this is Ana from Example Health. How can I help?");
            JsonNode reply = chat.nextMessage();
            assertEquals("agent: Hi, this is Ana from Example Health. How can I help?",
                    reply.get("from").asText() + ": " + reply.get("text").asText());

            chat.say("Can I pay half now and half next month?");
            JsonNode forwarded = agent.message(id, "patient");
            assertEquals("patient: Can I pay half now and half next month?",
                    forwarded.get("from").asText() + ": " + forwarded.get("text").asText());
            assertEquals("patient", last(id).from(), "the bot does not answer a held message");

            agent.send(agent.frame("return").put("conversationId", id).put("flow", "main.again"));
            chat.bot("Is there anything else I can help you with?");
            chat.say("what do I owe?");
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
        }
    }

    @Test
    void anSmsPatientIsAnsweredByTextAndTheirNextTextReachesTheAgentNotTheBot() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550161");
        try (AgentClient agent = AgentClient.connect(parley, "ana@example-health.test")) {
            phone.text("I'd like to speak to a person please");
            phone.reply("""
                    Hi, this is the billing assistant for Example Health. I can help you with your \
                    bill.
                    I've asked a person from Example Health to join this conversation. They will \
                    reach out here shortly, or you can call (555) 010-0199.
                    A person usually answers within 4 minutes. Anything you write here until then \
                    reaches them.""");
            String id = parley.parley().sms().outbox("example-health", "+14045550161", 0)
                    .get(0).conversationId();

            JsonNode context = agent.claim(id);
            assertEquals("sms", context.get("channel").asText());
            assertEquals("••••••••0161", context.get("address").asText());

            agent.reply(id, "Hello, this is Ana. What can I do for you?");
            phone.reply("Hello, this is Ana. What can I do for you?");

            phone.text("Can you call me tomorrow?");
            JsonNode forwarded = agent.message(id, "patient");
            assertEquals("Can you call me tomorrow?", forwarded.get("text").asText());
            assertEquals("patient", last(id).from());

            agent.send(agent.frame("return").put("conversationId", id).put("flow", "main.again"));
            phone.reply("""
                    Is there anything else I can help you with?
                    1 Check my balance
                    2 Pay my bill
                    3 Payment plan
                    4 Financial assistance
                    5 Talk to a person
                    Reply with a number from 1 to 5.""");
            phone.text("1");
            phone.reply("First I need to confirm who you are. Please send your date of birth and "
                    + "last name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                    + "code.");
        }
    }

    private static String said(JsonNode context, int seq) {
        for (JsonNode m : context.get("messages")) {
            if (m.get("seq").asInt() == seq) {
                return m.get("from").asText() + ": " + m.get("text").asText();
            }
        }
        return "(no message " + seq + ")";
    }

    private static Message last(String conversationId) {
        List<Message> messages = parley.parley().services().conversations()
                .messages(conversationId);
        assertTrue(!messages.isEmpty());
        return messages.getLast();
    }
}
