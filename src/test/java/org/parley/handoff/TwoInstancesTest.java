package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two Parley instances on one store, as behind a load balancer: a patient on instance B, an
 * agent's console on instance A. The agent sees the patient's messages that arrived at B, the
 * patient sees the agent's replies sent through A, and the claim rule holds across both. Run
 * with each way the feed crosses instances: polling {@code agent_feed}, and change streams
 * (the store's oplog on).
 */
class TwoInstancesTest {

    @TempDir
    Path data;

    @ParameterizedTest(name = "feed: {0}")
    @ValueSource(strings = {"polling", "change-streams"})
    void anAgentOnOneInstanceTalksWithAPatientOnTheOther(String feed) {
        MongoServer store = new MongoServer(new MemoryBackend());
        if (feed.equals("change-streams")) {
            store.enableOplog();
        }
        store.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + store.getLocalAddress().getPort();
        Map<String, String> env = Map.of("MONGODB_URI", uri, "PARLEY_HANDOFF_FEED", feed);
        // A seeds the demo client first; B finds it there.
        try (TestParley a = TestParley.start(data.resolve("a"), env);
             TestParley b = TestParley.start(data.resolve("b"), env)) {
            AgentClient.member(a, "ana@example-health.test", "Ana Agent", "\"agent\"", "\"en\"");
            AgentClient.member(a, "ben@example-health.test", "Ben Agent", "\"agent\"", "\"en\"");

            try (AgentClient ana = AgentClient.connect(a, "ana@example-health.test");
                 AgentClient ben = AgentClient.connect(b, "ben@example-health.test");
                 ChatClient chat = Waiting.patient(b, "en")) {
                String id = chat.conversationId();

                ana.queue(items -> AgentClient.lists(items, id));
                assertEquals("context", ana.claim(id).get("type").asText());
                assertEquals("taken", ben.claim(id).get("type").asText());

                ana.reply(id, "Hi, this is Ana. How can I help?");
                JsonNode reply = chat.nextMessage();
                assertEquals("agent: Hi, this is Ana. How can I help?",
                        reply.get("from").asText() + ": " + reply.get("text").asText());

                chat.say("Can I move my payment to Friday?");
                assertEquals("Can I move my payment to Friday?",
                        ana.message(id, "patient").get("text").asText());

                ana.send(ana.frame("return").put("conversationId", id)
                        .put("flow", "main.again"));
                chat.bot("Is there anything else I can help you with?");
            }
        } finally {
            store.shutdownNow();
        }
    }

    @Test
    void anAgentDeactivatedThroughOneInstanceLosesTheirConsoleOnTheOtherAtOnce() {
        MongoServer store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        Map<String, String> env = Map.of("MONGODB_URI", "mongodb://127.0.0.1:"
                + store.getLocalAddress().getPort(), "PARLEY_HANDOFF_FEED", "polling");
        try (TestParley a = TestParley.start(data.resolve("a"), env);
             TestParley b = TestParley.start(data.resolve("b"), env)) {
            String anaId = AgentClient.member(a, "ana@example-health.test", "Ana Agent",
                    "\"agent\"", "\"en\"");
            try (AgentClient ana = AgentClient.connect(a, "ana@example-health.test");
                 ChatClient chat = Waiting.patient(a, "en")) {
                ana.claim(chat.conversationId());

                var off = b.api("PATCH", "/api/staff/" + anaId, "application/json",
                        "{\"active\": false}");
                assertEquals(200, off.statusCode(), off.body());

                assertEquals("4401 Your session has ended; sign in again", ana.closedByServer());
                chat.bot("The person helping you was disconnected. You're back in line, and the "
                        + "next available person will answer here.");
            }
        } finally {
            store.shutdownNow();
        }
    }
}
