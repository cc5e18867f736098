package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.conversation.Message;
import org.parley.testing.AgentClient;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.List;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What an agent does with a conversation they hold, over the console socket: notes the patient
 * never sees, the typing indicator, transfers, closing with a disposition, handing back to a
 * flow; and what the socket refuses: other origins, other roles, acting on what one does not
 * hold. Each step is recorded for QA in {@code handoff_events}.
 */
class AgentDeskTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        AgentClient.member(parley, "ana@example-health.test", "Ana Agent", "\"agent\"",
                "\"en\",\"es\"");
        AgentClient.member(parley, "ben@example-health.test", "Ben Agent", "\"agent\"", "\"en\"");
        AgentClient.member(parley, "rey@example-health.test", "Rey Reviewer", "\"qa\"", "\"en\"");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aNoteIsKeptForAgentsAndQaButNeverReachesThePatient() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.send(ana.frame("note").put("conversationId", id)
                    .put("text", "Patient read card 4111 1111 1111 1111 aloud; asked to stop."));
            JsonNode note = ana.next("note");

            assertEquals("Patient read card ************1111 aloud; asked to stop.",
                    note.get("text").asText());
            assertEquals("Ana Agent", note.get("agentName").asText());
            assertTrue(messages(id).stream().noneMatch(m -> m.text().contains("asked to stop")));
            HandoffEvents.Event recorded = parley.parley().services().handoffs().events().of(id)
                    .getLast();
            assertEquals("note " + ana.id() + " Patient read card ************1111 aloud; "
                    + "asked to stop.", recorded.type().id() + " " + recorded.agentId().orElse("")
                    + " " + recorded.details().get("text"));
        }
    }

    @Test
    void aReplyWithACardNumberReachesThePatientMasked() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.reply(id, "Is 4111 1111 1111 1111 your card?");

            JsonNode shown = chat.nextMessage();
            assertEquals("agent: Is ************1111 your card?",
                    shown.get("from").asText() + ": " + shown.get("text").asText());
        }
    }

    @Test
    void theWebChatPatientSeesTheAgentTyping() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.send(ana.frame("typing").put("conversationId", id));

            assertEquals("agent", chat.next("typing").get("from").asText());
        }
    }

    @Test
    void anAgentCanActOnlyOnAConversationTheyHold() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test");
             AgentClient ben = AgentClient.connect(parley, "ben@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ben.send(ben.frame("reply").put("conversationId", id).put("id", "x")
                    .put("text", "Hello from Ben"));
            JsonNode refused = ben.next("error");

            assertEquals("not_held", refused.get("code").asText());
            assertEquals("You do not hold conversation " + id + " (it was returned, closed, "
                    + "transferred or given back to the queue); claim it from the queue first",
                    refused.get("message").asText());
            assertTrue(messages(id).stream().noneMatch(m -> m.from().equals("agent")));
            assertEquals("taken", ben.claim(id).get("type").asText());
        }
    }

    @Test
    void aConversationTransferredToAnotherAgentLeavesTheFirstConsoleForTheSecond() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test");
             AgentClient ben = AgentClient.connect(parley, "ben@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.send(ana.frame("transfer").put("conversationId", id).put("agentId", ben.id()));

            assertEquals(id, ana.next("released").get("conversationId").asText());
            JsonNode context = ben.next(f -> f.path("type").asText().equals("context")
                    && f.path("conversationId").asText().equals(id), "the transferred context");
            assertEquals("patient_request", context.get("handoff").get("reason").asText());
            ben.reply(id, "Hi, Ben here, I'll take it from here.");
            assertEquals("agent", chat.nextMessage().get("from").asText());
        }
    }

    @Test
    void aConversationSentToTheSpanishQueueIsOfferedOnlyToAgentsWhoSpeakSpanish() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ben = AgentClient.connect(parley, "ben@example-health.test");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ben.claim(id);

            ben.send(ben.frame("transfer").put("conversationId", id).put("queue", "es"));

            ben.next("released");
            JsonNode queue = ana.queue(items -> AgentClient.lists(items, id)
                    && item(items, id).get("language").asText().equals("es"));
            assertEquals("patient_request", item(queue.get("items"), id).get("reason").asText());
            assertEquals("not_your_queue", ben.claim(id).get("code").asText());
        }
    }

    @Test
    void aClosedConversationIsReopenedByThePatientsNextMessageWithTheBot() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);
            ana.reply(id, "Your question is answered; I'll close this now.");
            chat.nextMessage();

            ana.send(ana.frame("close").put("conversationId", id).put("disposition", "resolved"));
            ana.next("released");
            chat.say("one more thing: what is my balance?");

            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            HandoffEvents.Event closed = parley.parley().services().handoffs().events().of(id)
                    .getLast();
            assertEquals("closed " + ana.id() + " resolved", closed.type().id() + " "
                    + closed.agentId().orElse("") + " " + closed.details().get("disposition"));
            assertEquals("closed resolved", handoff(id).status().id() + " "
                    + handoff(id).outcome().orElse(""));
        }
    }

    @Test
    void qaReadsTheClaimTheAgentsMessageTheNoteAndTheCloseInTheTimeline() throws Exception {
        String id;
        String anaId;
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            id = chat.conversationId();
            anaId = ana.id();
            ana.claim(id);
            ana.reply(id, "Hello, Ana here.");
            ana.send(ana.frame("note").put("conversationId", id).put("text", "Wants a callback"));
            ana.next("note");
            ana.send(ana.frame("close").put("conversationId", id)
                    .put("disposition", "callback_requested"));
            ana.next("released");
        }
        String cookie = AgentClient.signIn(parley, "rey@example-health.test",
                AgentClient.PASSWORD);

        var response = parley.send(java.net.http.HttpRequest.newBuilder(
                parley.http("/qa/api/conversations/" + id)).header("Cookie", cookie).build());

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = new java.util.ArrayList<>();
        List<String> agentMessages = new java.util.ArrayList<>();
        for (JsonNode item : org.parley.web.Json.MAPPER.readTree(response.body()).get("items")) {
            if (item.get("type").asText().equals("event")) {
                events.add(item.get("kind").asText() + " by " + item.get("actor").asText()
                        + (item.get("details").has("disposition") ? " "
                        + item.get("details").get("disposition").asText() : ""));
            } else if (item.get("from").asText().equals("agent")) {
                agentMessages.add(item.get("agentId").asText());
            }
        }
        String agent = "agent:" + anaId;
        assertEquals(List.of("handoff by bot", "claim by " + agent, "agent_note by " + agent,
                "close by " + agent + " callback_requested"), events);
        assertEquals(List.of(anaId), agentMessages);
    }

    @Test
    void aCloseWithoutAKnownDispositionIsRefusedAndChangesNothing() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.send(ana.frame("close").put("conversationId", id).put("disposition", "done"));

            assertEquals("Disposition 'done' is not one Parley records; use one of [resolved, "
                    + "payment_arranged, plan_arranged, assistance_referred, callback_requested, "
                    + "no_response, wrong_person, other]", ana.next("error").get("message").asText());
            assertEquals("assigned", handoff(id).status().id());
        }
    }

    @Test
    void handedBackToABalanceTheBotFirstAsksWhoThePatientIs() {
        try (ChatClient chat = Waiting.patient(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            ana.claim(id);

            ana.send(ana.frame("return").put("conversationId", id)
                    .put("flow", "@check-balance"));

            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
        }
    }

    @Test
    void aMissedPaymentTaskTakenByAnAgentHandsThemThePatientsConversation() {
        try (ChatClient chat = Waiting.started(parley, "en");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            String id = chat.conversationId();
            AgentTasks tasks = parley.parley().services().tasks();
            tasks.queue("example-health", "missed:p9:2", "missed_payment", "EH100234",
                    java.util.Optional.of(id), java.util.Map.of("installment", 2,
                            "due", "2026-11-20", "planStatus", "active"));

            ana.next(f -> f.path("type").asText().equals("queue")
                    && f.get("tasks").toString().contains("missed:p9:2"), "the task listed");
            ana.send(ana.frame("claim-task").put("clientId", "example-health")
                    .put("key", "missed:p9:2"));

            JsonNode context = ana.next(f -> f.path("type").asText().equals("context")
                    && f.path("conversationId").asText().equals(id), "the task's conversation");
            assertEquals("missed_payment", context.get("handoff").get("reason").asText());
            ana.reply(id, "Hello, this is Ana about your plan payment.");
            assertEquals("agent", chat.nextMessage().get("from").asText());
            Waiting.held(chat, "Sorry, I forgot. Can I pay Friday?");
            assertEquals("Sorry, I forgot. Can I pay Friday?",
                    ana.message(id, "patient").get("text").asText());
            assertTrue(tasks.list("example-health", "open").stream()
                    .noneMatch(t -> t.key().equals("missed:p9:2")));
        }
    }

    @Test
    void theSocketRefusesOtherOriginsNobodySignedInAndOtherRoles() {
        String own = "http://127.0.0.1:" + parley.parley().port();
        String agent = AgentClient.signIn(parley, "ana@example-health.test", AgentClient.PASSWORD);
        String reviewer = AgentClient.signIn(parley, "rey@example-health.test",
                AgentClient.PASSWORD);
        var uri = parley.ws("/ws/agent");

        assertTrue(AgentClient.refused(uri, agent, "https://evil.example.test"));
        assertTrue(AgentClient.refused(uri, agent, null));
        assertTrue(AgentClient.refused(uri, null, own));
        assertTrue(AgentClient.refused(uri, reviewer, own));
        assertFalse(AgentClient.refused(uri, agent, own));
    }

    @Test
    void theConsoleIsToldTheCannedRepliesInThePatientsLanguage() {
        try (ChatClient chat = Waiting.patient(parley, "es");
             AgentClient ana = AgentClient.connect(parley, "ana@example-health.test")) {
            JsonNode context = ana.claim(chat.conversationId());

            assertEquals(List.of("Saludo", "Pago seguro", "Despedida"),
                    titles(context.get("cannedReplies")));
        }
    }

    @Test
    void cannedRepliesAreSetThroughTheClientSettingsApi() {
        var put = parley.api("PUT", "/api/clients/example-health/settings/canned-replies",
                "application/json", "{\"replies\": [{\"language\": \"xx\", \"title\": \"Hi\", "
                        + "\"text\": \"Hello\"}]}");
        assertEquals(400, put.statusCode());
        assertTrue(put.body().contains("replies[0].language must be one of the languages Parley "
                + "speaks"), put.body());

        var get = parley.api("GET", "/api/clients/example-health/settings/canned-replies", null,
                null);
        assertEquals(200, get.statusCode());
        assertTrue(get.body().startsWith("{\"replies\":[{\"language\":\"en\",\"title\":"
                + "\"Greeting\""), get.body());
    }


    private static Handoff handoff(String id) {
        return parley.parley().services().handoffs().store().find(id).orElseThrow();
    }

    private static List<Message> messages(String id) {
        return parley.parley().services().conversations().messages(id);
    }

    private static JsonNode item(JsonNode items, String id) {
        for (JsonNode item : items) {
            if (item.get("conversationId").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("not queued: " + id);
    }

    private static List<String> titles(JsonNode replies) {
        List<String> out = new java.util.ArrayList<>();
        replies.forEach(r -> out.add(r.get("title").asText()));
        return out;
    }

}
