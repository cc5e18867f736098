package org.parley.qa;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Conversations for QA tests, made through the real channels: a patient on web chat or SMS and
 * an agent on the agent console's socket, each step a few seconds after the last on a test
 * clock.
 */
final class Seeds {

    /** Time between one message and the next. */
    static final Duration STEP = Duration.ofSeconds(5);

    private final TestParley parley;
    private final TestClock clock;
    private final Map<String, AgentClient> agents = new HashMap<>();

    Seeds(TestParley parley, TestClock clock) {
        this.parley = parley;
        this.clock = clock;
    }

    MongoDatabase db() {
        return parley.parley().store().database();
    }

    /** A web chat in {@code locale} where the patient says each of {@code texts}. */
    String chat(String locale, String... texts) {
        try (ChatClient chat = parley.chat()) {
            chat.start(locale);
            for (String text : texts) {
                drain(chat);
                clock.advance(STEP);
                chat.say(text);
            }
            drain(chat);
            return chat.conversationId();
        }
    }

    /** An SMS thread from {@code phone} (a 555-01xx number) texting each of {@code texts}. */
    String sms(FakeTwilio twilio, String phone, String... texts) {
        SmsPhone handset = new SmsPhone(parley, twilio, phone);
        for (String text : texts) {
            clock.advance(STEP);
            handset.text(text);
        }
        return latest(phone);
    }

    /** The latest conversation with {@code phone} on SMS. */
    String latest(String phone) {
        Document key = db().getCollection("conversation_keys")
                .find(new Document("_id", "example-health|sms|" + phone)).first();
        return key.getString("conversationId");
    }

    /**
     * An agent signed in on the agent console's socket, made on first use: agent and English
     * and Spanish speaker, serving the demo client.
     */
    AgentClient agent(String email) {
        return agents.computeIfAbsent(email, e -> {
            AgentClient.member(parley, e, "Agent " + e.substring(0, e.indexOf('@')),
                    "\"agent\"", "\"en\",\"es\"");
            return AgentClient.connect(parley, e);
        });
    }

    /** The agent signs in again (a session ends after 30 idle minutes) on a new socket. */
    AgentClient agentAgain(String email) {
        Optional.ofNullable(agents.remove(email)).ifPresent(AgentClient::close);
        AgentClient again = AgentClient.connect(parley, email);
        agents.put(email, again);
        return again;
    }

    /** The agent takes the conversation from the queue, just after a heartbeat. */
    void claim(AgentClient agent, String conversationId) {
        clock.advance(STEP);
        agent.send(agent.frame("heartbeat"));
        agent.next("heartbeat");
        assertEquals("context", agent.claim(conversationId).get("type").asText());
    }

    /** The agent replies to the patient through the console; returns the message's seq. */
    long reply(AgentClient agent, String conversationId, String text) {
        clock.advance(STEP);
        return agent.reply(conversationId, text);
    }

    /** The agent writes an internal note. */
    void note(AgentClient agent, String conversationId, String text) {
        clock.advance(STEP);
        agent.send(agent.frame("note").put("conversationId", conversationId).put("text", text));
        recorded(agent, conversationId, "note");
    }

    /** The agent hands the conversation back to the bot at {@code flow}, which speaks at once. */
    void returnToBot(AgentClient agent, String conversationId, String flow) {
        clock.advance(STEP);
        agent.send(agent.frame("return").put("conversationId", conversationId).put("flow", flow));
        recorded(agent, conversationId, "returned");
    }

    /** The agent closes the conversation with {@code disposition}. */
    void close(AgentClient agent, String conversationId, String disposition) {
        clock.advance(STEP);
        agent.send(agent.frame("close").put("conversationId", conversationId)
                .put("disposition", disposition));
        recorded(agent, conversationId, "closed");
    }

    /**
     * Lets {@code time} pass while the agent's console stays open: the clock moves 40 s at a
     * time with a heartbeat after each, so the agent never looks gone.
     */
    void wait(AgentClient agent, Duration time) {
        for (Duration left = time; !left.isNegative() && !left.isZero();
             left = left.minusSeconds(40)) {
            clock.advance(left.compareTo(Duration.ofSeconds(40)) < 0 ? left
                    : Duration.ofSeconds(40));
            agent.send(agent.frame("heartbeat"));
            agent.next("heartbeat");
        }
    }

    /**
     * A message from an agent that went out by some other way than the console (which queues
     * every message for the channel's consent check): the next seq, {@code from: agent}, and the
     * delivery status it reached. Only for a conversation built to break a rule.
     */
    void agentMessageOutsideTheConsole(String conversationId, String text,
                                       String deliveryStatus) {
        clock.advance(STEP);
        Document c = db().getCollection("conversations")
                .find(new Document("_id", conversationId)).first();
        long seq = c.getLong("nextSeq");
        Document message = new Document("conversationId", conversationId).append("seq", seq)
                .append("from", "agent").append("text", text)
                .append("options", List.of()).append("key", null)
                .append("dedupe", "agent:seq:" + seq).append("at", Date.from(clock.instant()))
                .append("delivery", new Document("status", deliveryStatus));
        db().getCollection("messages").insertOne(message);
        db().getCollection("conversations").updateOne(new Document("_id", conversationId),
                Updates.combine(Updates.set("nextSeq", seq + 1), Updates.inc("version", 1L),
                        Updates.set("updatedAt", Date.from(clock.instant()))));
    }

    void closeAgents() {
        agents.values().forEach(AgentClient::close);
    }

    /**
     * Waits until the console has recorded an event of {@code type} on the conversation, which
     * it does before it answers the next frame: a heartbeat.
     */
    private void recorded(AgentClient agent, String conversationId, String type) {
        agent.send(agent.frame("heartbeat"));
        JsonNode answer = agent.next(f -> f.path("type").asText().equals("heartbeat")
                || f.path("type").asText().equals("error"), "a heartbeat or an error");
        assertEquals("heartbeat", answer.path("type").asText(), answer.toString());
        assertEquals(1, count(conversationId, type), type + " events");
    }

    private long count(String conversationId, String type) {
        return db().getCollection("handoff_events").countDocuments(
                new Document("conversationId", conversationId).append("type", type));
    }

    /** Runs the summary job now, as the scheduler would. */
    void summarize() {
        Instant until = Instant.now().plusSeconds(10);
        while (!parley.parley().jobs().run(Qa.SUMMARIES_JOB)) {
            // The scheduler's own run holds the lease for a moment.
            if (Instant.now().isAfter(until)) {
                fail("the summary job did not run within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    QaSummary summary(String conversationId) {
        return new QaSummaries(db()).find(conversationId).orElseThrow(() ->
                new AssertionError("no summary of " + conversationId));
    }

    /** Reads every message stored so far, so the next say finds its ack first. */
    private void drain(ChatClient chat) {
        while (chat.lastSeq() < parley.parley().services().conversations()
                .lastSeq(chat.conversationId())) {
            chat.next("message");
        }
    }
}
