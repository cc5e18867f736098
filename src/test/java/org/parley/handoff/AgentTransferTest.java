package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Transfers only to an agent who can take the conversation now (online, serving its client and
 * language, not oneself), the console's list of agents with their online state kept current,
 * and a claim of what one holds already answered with its context.
 */
class AgentTransferTest {

    @TempDir
    static Path data;
    static TestParley parley;
    static String benId;
    static String caraId;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        AgentClient.member(parley, "ana@example-health.test", "Ana Agent", "\"agent\"",
                "\"en\",\"es\"");
        benId = AgentClient.member(parley, "ben@example-health.test", "Ben Agent", "\"agent\"",
                "\"en\"");
        caraId = AgentClient.member(parley, "cara@example-health.test", "Cara Agent",
                "\"agent\"", "\"en\"");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aTransferToAnAgentWhoDoesNotSpeakThePatientsLanguageIsRefused() {
        try (ChatClient chat = Waiting.patient(parley, "es");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test");
             AgentClient ben = AgentClient.connect(parley, "ben@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            JsonNode refused = transfer(ana, id, ben.id());

            assertEquals("not_their_queue: Ben Agent does not serve the example-health queue "
                    + "for language 'es'; pick an agent who speaks it, or send it to that queue",
                    refused.get("code").asText() + ": " + refused.get("message").asText());
            assertEquals(ana.id(), handoff(id).agentId().orElseThrow());
        }
    }

    @Test
    void aTransferToAnAgentWithoutAnOpenConsoleIsRefused() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            JsonNode refused = transfer(ana, id, caraId);

            assertEquals("agent_offline: Cara Agent has no console open now; pick an agent who "
                    + "is online, or send it to the queue", refused.get("code").asText() + ": "
                    + refused.get("message").asText());
            assertEquals(ana.id(), handoff(id).agentId().orElseThrow());
        }
    }

    @Test
    void aTransferToOneselfIsRefusedWithAClearError() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            JsonNode refused = transfer(ana, id, ana.id());

            assertEquals("self_transfer: You already hold conversation " + id + "; pick another "
                    + "agent, or a queue", refused.get("code").asText() + ": "
                    + refused.get("message").asText());
        }
    }

    @Test
    void theConsoleListsTheOtherAgentsWithWhetherTheyAreOnlineAsThatChanges() {
        try (AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            assertEquals("Cara Agent false", dan(ana.hello(), "Cara Agent"));

            AgentClient.member(parley, "dan@example-health.test", "Dan Agent", "\"agent\"",
                    "\"en\"");
            assertEquals("Dan Agent false", danShown(ana, "Dan Agent false"));

            try (AgentClient dan = AgentClient.connect(parley, "dan@example-health.test")) {
                assertEquals("Dan Agent true", danShown(ana, "Dan Agent true"));
                dan.leave();
            }
            assertEquals("Dan Agent false", danShown(ana, "Dan Agent false"));
        }
    }

    @Test
    void claimingAConversationOneHoldsAlreadyAnswersWithItsContext() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            JsonNode again = ana.claim(id);

            assertEquals("context " + id, again.get("type").asText() + " "
                    + again.get("conversationId").asText());
            assertEquals(ana.id(), handoff(id).agentId().orElseThrow());
        }
    }

    private static JsonNode transfer(AgentClient from, String id, String to) {
        from.send(from.frame("transfer").put("conversationId", id).put("agentId", to));
        return from.next("error");
    }

    /** The next agents list that shows {@code expected}, as "name online". */
    private static String danShown(AgentClient console, String expected) {
        String name = expected.substring(0, expected.lastIndexOf(' '));
        return dan(console.next(f -> f.path("type").asText().equals("agents")
                && dan(f, name).equals(expected), "agents with " + expected), name);
    }

    /** How a frame's agents list shows {@code name}: "name online", or "" when absent. */
    private static String dan(JsonNode frame, String name) {
        for (JsonNode a : frame.get("agents")) {
            if (a.get("name").asText().equals(name)) {
                return name + " " + a.get("online").asBoolean();
            }
        }
        return "";
    }

    private static Handoff handoff(String id) {
        return parley.parley().services().handoffs().store().find(id).orElseThrow();
    }
}
