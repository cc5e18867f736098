package org.parley.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.AgentClient;
import org.parley.testing.EmailPatient;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Documents sent by email go to a person: the patient is told they arrived and who will review
 * them, whatever the words with them; the conversation waits in the agents' queue with the bot
 * silent; the agent who claims it sees the files and downloads them with their staff session,
 * and nobody else can.
 */
class EmailDocumentsForAgentsTest extends EmailCase {

    @BeforeAll
    static void start() {
        startEmail(Map.of());
        AgentClient.member(parley, "dana@example-health.test", "Dana Agent", "\"agent\"",
                "\"en\"");
        AgentClient.member(parley, "eli@example-health.test", "Eli Agent", "\"agent\"",
                "\"en\"");
    }

    private static HttpResponse<byte[]> download(String path, String cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(parley.http(path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void documentsAreAcknowledgedQueuedForAPersonAndDownloadedByTheAgentHoldingThem() {
        EmailPatient sam = email.patient("sam.documents@example.test");

        HttpResponse<String> taken = sam.deliver(EmailImapAndAttachmentsTest.withFiles(sam,
                "docs-1@example.test", "Here are my documents",
                Map.of("paystub.pdf", EmailImapAndAttachmentsTest.PDF), List.of()));

        assertTrue(taken.body().startsWith("{\"status\":\"answered\""), taken.body());
        sam.receives("Thank you, I've received these files: paystub.pdf. A person from "
                + "Example Health will review them and get back to you.");
        email.noMoreMailTo(sam);
        String id = email.conversationOf(sam.last());

        try (AgentClient dana = AgentClient.connect(parley, "dana@example-health.test")) {
            dana.queue(items -> AgentClient.lists(items, id));
            JsonNode context = dana.claim(id);
            assertEquals("documents_received", context.get("handoff").get("reason").asText());
            assertEquals("patient: Here are my documents",
                    context.get("messages").get(0).get("from").asText() + ": "
                            + context.get("messages").get(0).get("text").asText());
            JsonNode file = context.get("attachments").get(0);
            assertEquals(1, context.get("attachments").size());
            String fileId = file.get("id").asText();
            assertEquals("{\"id\":\"" + fileId + "\",\"fileName\":\"paystub.pdf\","
                    + "\"contentType\":\"application/pdf\",\"size\":"
                    + EmailImapAndAttachmentsTest.PDF.length + ",\"receivedAt\":"
                    + "\"2026-12-04T15:00:00Z\",\"href\":\"/agent/conversations/" + id
                    + "/files/" + fileId + "\"}", file.toString());

            String href = file.get("href").asText();
            HttpResponse<byte[]> mine = download(href, AgentClient.signIn(parley,
                    "dana@example-health.test", AgentClient.PASSWORD));
            HttpResponse<byte[]> other = download(href, AgentClient.signIn(parley,
                    "eli@example-health.test", AgentClient.PASSWORD));
            HttpResponse<byte[]> nobody = download(href, null);

            assertEquals(200, mine.statusCode());
            assertArrayEquals(EmailImapAndAttachmentsTest.PDF, mine.body());
            assertEquals("attachment; filename=\"attachment-" + fileId + "\"",
                    mine.headers().firstValue("Content-Disposition").orElseThrow());
            assertEquals(404, other.statusCode());
            assertEquals(401, nobody.statusCode());

            HttpResponse<String> later = sam.deliver(sam.raw(
                    org.parley.testing.MailServer.CLIENT_ADDRESS, "Re: Documents",
                    "docs-2@example.test", EmailPatient.thread(sam.last()), "Did you get them?"));
            assertTrue(later.body().startsWith("{\"status\":\"waiting_for_person\""),
                    later.body());
            JsonNode forwarded = dana.message(id, "patient");
            assertEquals("Did you get them?", forwarded.get("text").asText());
            email.noMoreMailTo(sam);
        }
    }
}
