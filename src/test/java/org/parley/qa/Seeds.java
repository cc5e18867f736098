package org.parley.qa;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Conversations for QA tests, made through the real channels: a patient on web chat or SMS,
 * each message a few seconds after the last on a test clock; and, until the agent console
 * exists, an agent's reply and its handoff events written as that console will store them.
 */
final class Seeds {

    /** Time between one message and the next. */
    static final Duration STEP = Duration.ofSeconds(5);

    private final TestParley parley;
    private final TestClock clock;

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
     * An agent's message as the agent console stores one: the next seq, {@code from: agent}
     * with the agent's staff id, and on SMS the delivery status it reached.
     */
    void agentSays(String conversationId, String agentId, String text,
                   String deliveryStatus) {
        clock.advance(STEP);
        Document c = db().getCollection("conversations")
                .find(new Document("_id", conversationId)).first();
        long seq = c.getLong("nextSeq");
        Document message = new Document("conversationId", conversationId).append("seq", seq)
                .append("from", "agent").append("agentId", agentId).append("text", text)
                .append("options", List.of()).append("key", null)
                .append("dedupe", "agent:seq:" + seq).append("at", Date.from(clock.instant()));
        if (!c.getString("channel").equals("webchat")) {
            message.append("delivery", new Document("status", deliveryStatus));
        }
        db().getCollection("messages").insertOne(message);
        db().getCollection("conversations").updateOne(new Document("_id", conversationId),
                Updates.combine(Updates.set("nextSeq", seq + 1), Updates.inc("version", 1L),
                        Updates.set("updatedAt", Date.from(clock.instant()))));
    }

    /** A handoff event (claimed, transferred, closed, an agent's note) in the audit log. */
    void agentEvent(String conversationId, String event, String agentId,
                    Map<String, String> details) {
        clock.advance(STEP);
        parley.parley().services().audit().record(event, "agent:" + agentId, "example-health",
                null, conversationId, details);
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
