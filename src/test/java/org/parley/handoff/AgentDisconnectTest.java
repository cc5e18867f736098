package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An agent whose console dies without a goodbye: after 45 silent seconds (by the clock, no
 * sleeping) their conversations go back to the queue, the patient is told once, and what the
 * patient wrote meanwhile waits for the next agent. A short drop, such as a reload, loses
 * nothing.
 */
class AgentDisconnectTest {

    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, java.util.Map.of(), CLOCK);
        AgentClient.member(parley, "ana@example-health.test", "Ana Agent", "\"agent\"", "\"en\"");
        AgentClient.member(parley, "ben@example-health.test", "Ben Agent", "\"agent\"", "\"en\"");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @BeforeEach
    void now() {
        CLOCK.set(TestParley.NOW);
    }

    @Test
    void aConsoleKilledWithoutACloseFrameLosesItsConversationBackToTheQueueAndThePatientIsToldOnce() {
        try (ChatClient chat = Waiting.patient(parley, "en")) {
            String id = chat.conversationId();
            AgentClient ana = AgentClient.connect(parley, "ana@example-health.test");
            ana.claim(id);
            ana.reply(id, "Hi, I'm Ana. One moment please.");
            chat.nextMessage();

            ana.drop();
            Waiting.held(chat, "Are you still there?");
            CLOCK.advance(Duration.ofSeconds(46));
            parley.parley().jobs().run(Handoffs.HEARTBEAT_JOB);

            chat.bot("The person helping you was disconnected. You're back in line, and the next "
                    + "available person will answer here.");
            Handoff h = handoff(id);
            assertEquals("queued", h.status().id());
            CLOCK.advance(Duration.ofSeconds(46));
            parley.parley().jobs().run(Handoffs.HEARTBEAT_JOB);
            assertEquals(1, told(id), "the patient is told once");

            try (AgentClient ben = AgentClient.connect(parley, "ben@example-health.test")) {
                ben.queue(items -> AgentClient.lists(items, id));
                JsonNode context = ben.claim(id);
                assertEquals("context", context.get("type").asText());
                assertTrue(texts(context).contains("patient: Are you still there?"),
                        "the message written while nobody held it: " + texts(context));
            }
            assertEquals(List.of("queued", "claimed", "requeued", "claimed"),
                    parley.parley().services().handoffs().events().of(id).stream()
                            .map(e -> e.type().id()).toList());
        }
    }

    @Test
    void aConsoleThatComesBackWithinTheLimitKeepsItsConversations() {
        try (ChatClient chat = Waiting.patient(parley, "en")) {
            String id = chat.conversationId();
            AgentClient first = AgentClient.connect(parley, "ana@example-health.test");
            first.claim(id);
            first.drop();

            CLOCK.advance(Duration.ofSeconds(30));
            try (AgentClient again = AgentClient.connect(parley, "ana@example-health.test")) {
                JsonNode context = again.next("context");
                assertEquals(id, context.get("conversationId").asText());
                CLOCK.advance(Duration.ofSeconds(30));
                again.send(again.frame("heartbeat"));
                again.next("heartbeat");
                CLOCK.advance(Duration.ofSeconds(30));
                parley.parley().jobs().run(Handoffs.HEARTBEAT_JOB);

                assertEquals("assigned", handoff(id).status().id());
                assertEquals(0, told(id));
            }
        }
    }


    private static Handoff handoff(String id) {
        return parley.parley().services().handoffs().store().find(id).orElseThrow();
    }

    private static long told(String id) {
        return parley.parley().services().conversations().messages(id).stream()
                .filter(m -> m.key().filter("handoff.requeued"::equals).isPresent()).count();
    }

    private static List<String> texts(JsonNode context) {
        List<String> out = new ArrayList<>();
        context.get("messages").forEach(m -> out.add(m.get("from").asText() + ": "
                + m.get("text").asText()));
        return out;
    }
}
