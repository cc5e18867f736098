package org.parley.handoff;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member who may no longer use the agent console loses it at once, not at the next
 * heartbeat check: deactivated, demoted to a role without agent work, or given a new password,
 * their console is closed with 4401 and the conversations they held go back to the queue, the
 * patient told once.
 */
class AgentAccessEndsTest {

    private static final String REQUEUED = "The person helping you was disconnected. You're back "
            + "in line, and the next available person will answer here.";

    @TempDir
    static Path data;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aDeactivatedAgentsConsoleClosesAndTheirConversationIsQueuedAgain() {
        assertLosesConsole("dee@example-health.test", id -> change(id, "{\"active\": false}"),
                "4401 Your session has ended; sign in again");
    }

    @Test
    void anAgentDemotedToQaLosesTheConsoleAndTheirConversationAtOnce() {
        assertLosesConsole("dem@example-health.test", id -> change(id, "{\"roles\": [\"qa\"]}"),
                "4401 You no longer have the agent or supervisor role");
    }

    @Test
    void anAgentWhosePasswordWasResetIsSignedOutOfTheConsoleAtOnce() {
        assertLosesConsole("pam@example-health.test", id -> {
            var reset = parley.api("POST", "/api/staff/" + id + "/password",
                    "application/json", "{\"password\": \"a brand new passphrase\"}");
            assertEquals(200, reset.statusCode(), reset.body());
        }, "4401 Your session has ended; sign in again");
    }

    @Test
    void aConsoleThatOnlyBeatsEndsAtTheStaffIdleTimeout() {
        AgentClient.member(parley, "ida@example-health.test", "Ida Agent", "\"agent\"",
                "\"en\"");
        try (AgentClient ida = AgentClient.connect(parley, "ida@example-health.test")) {
            // A beat every 40 s, as a console left open: none of them is activity.
            for (int beat = 1; beat < 45; beat++) {
                CLOCK.advance(Duration.ofSeconds(40));
                ida.send(ida.frame("heartbeat"));
                ida.next("heartbeat");
            }

            CLOCK.advance(Duration.ofSeconds(40));
            ida.send(ida.frame("heartbeat"));

            assertEquals("4401 Your session has ended; sign in again", ida.closedByServer());
        }
    }

    /** An agent holding a conversation is changed by an admin; the console closes at once. */
    private static void assertLosesConsole(String email, Consumer<String> change,
                                           String closed) {
        String id = AgentClient.member(parley, email, "Some Agent", "\"agent\"", "\"en\"");
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient agent = AgentClient.connect(parley, email)) {
            agent.claim(chat.conversationId());

            change.accept(id);

            assertEquals(closed, agent.closedByServer());
            chat.bot(REQUEUED);
            assertEquals("queued", status(chat.conversationId()));
        }
    }

    @Test
    void anAgentGivenAnotherLanguageKeepsTheirConsoleAndConversation() {
        String id = AgentClient.member(parley, "lin@example-health.test", "Lin Agent",
                "\"agent\"", "\"en\"");
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient lin = AgentClient.connect(parley, "lin@example-health.test")) {
            lin.claim(chat.conversationId());

            change(id, "{\"languages\": [\"en\", \"vi\"]}");
            lin.reply(chat.conversationId(), "Still here.");

            var shown = chat.nextMessage();
            assertEquals("agent: Still here.", shown.get("from").asText() + ": "
                    + shown.get("text").asText());
            assertEquals("assigned", status(chat.conversationId()));
        }
    }

    private static void change(String id, String body) {
        var changed = parley.api("PATCH", "/api/staff/" + id, "application/json", body);
        assertEquals(200, changed.statusCode(), changed.body());
    }

    private static String status(String conversationId) {
        return parley.parley().services().handoffs().store().find(conversationId).orElseThrow()
                .status().id();
    }
}
