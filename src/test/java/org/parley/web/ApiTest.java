package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The operator's REST API: the bearer token, and a conversation's transcript as JSON. */
class ApiTest {

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aRequestWithoutTheTokenGets401AndNothingElse() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                parley.http("/api/conversations/anything")).GET().build());

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"parley\"", response.headers().firstValue("WWW-Authenticate")
                .orElseThrow());
        assertEquals("{\"error\":\"unauthorized\",\"message\":\"Send the API token as "
                + "'Authorization: Bearer <token>'; it is set by PARLEY_API_TOKEN, or printed at "
                + "start in the embedded demo\"}", response.body());
    }

    @Test
    void aWrongTokenGets401AndAnImportWithItChangesNothing() {
        long before = parley.parley().services().accounts().count("example-health");

        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                        parley.http("/api/clients/example-health/balances"))
                .header("Authorization", "Bearer wrong")
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("account_number\n1\n")).build());

        assertEquals(401, response.statusCode());
        assertEquals(before, parley.parley().services().accounts().count("example-health"));
    }

    @Test
    void theTranscriptOfAConversationIsItsMessagesInOrder() throws Exception {
        String id;
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("help");
            chat.nextMessage();
            id = chat.conversationId();
        }

        HttpResponse<String> response = parley.api("GET", "/api/conversations/" + id, null, null);

        assertEquals(200, response.statusCode());
        JsonNode body = Json.MAPPER.readTree(response.body());
        assertEquals(id, body.get("id").asText());
        assertEquals("example-health webchat open en false", body.get("clientId").asText() + " "
                + body.get("channel").asText() + " " + body.get("status").asText() + " "
                + body.get("language").asText() + " " + body.get("verified").asBoolean());
        StringBuilder transcript = new StringBuilder();
        for (JsonNode m : body.get("messages")) {
            transcript.append(m.get("seq").asLong()).append(' ').append(m.get("from").asText())
                    .append(' ').append(m.path("key").asText("-")).append('\n');
        }
        assertEquals("""
                1 bot menu.greeting
                2 bot menu.prompt
                3 patient -
                4 bot help.chat
                5 bot menu.prompt
                """, transcript.toString());
    }

    @Test
    void aRouteThatDoesNotExistIs404NotAFailure() {
        HttpResponse<String> response = parley.api("GET", "/api/nope", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"not_found\",\"message\":\"No such route: GET /api/nope; see "
                + "the README for the API's routes\"}", response.body());
    }

    @Test
    void theBearerSchemeIsCaseInsensitive() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                        parley.http("/api/conversations/nope"))
                .header("Authorization", "bearer " + TestParley.TOKEN).GET().build());

        assertEquals(404, response.statusCode());
    }

    @Test
    void anUnknownConversationIs404() {
        HttpResponse<String> response = parley.api("GET", "/api/conversations/nope", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"unknown_conversation\",\"message\":\"No conversation 'nope'; "
                + "check the id\"}", response.body());
    }
}
