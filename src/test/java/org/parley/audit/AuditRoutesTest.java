package org.parley.audit;

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

/** The operator reads the audit log of a conversation or a client over the API. */
class AuditRoutesTest {

    @TempDir
    static Path data;
    static TestParley parley;
    static String id;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("what do I owe?");
            chat.nextMessage();
            chat.say("03/14/1985 Rivera");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            id = chat.conversationId();
        }
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void aConversationsEntriesAreListedOldestFirst() {
        HttpResponse<String> found = parley.api("GET", "/api/audit?conversationId=" + id
                + "&from=2026-12-04&to=2026-12-04", null, null);

        assertEquals(200, found.statusCode());
        assertEquals("{\"entries\":[{\"at\":\"2026-12-04T15:00:00Z\",\"event\":"
                + "\"balance_disclosed\",\"actor\":\"bot\",\"clientId\":\"example-health\","
                + "\"accountNumber\":\"EH100234\",\"conversationId\":\"" + id + "\","
                + "\"details\":{}}],\"truncated\":false}", found.body());
    }

    @Test
    void aRangeWithoutTheEntriesFindsNothing() {
        HttpResponse<String> found = parley.api("GET", "/api/audit?clientId=example-health"
                + "&from=2026-12-05", null, null);

        assertEquals("{\"entries\":[],\"truncated\":false}", found.body());
    }

    @Test
    void aQueryWithoutAConversationOrClientIsRefused() {
        HttpResponse<String> refused = parley.api("GET", "/api/audit?from=2026-12-01", null,
                null);

        assertEquals(400, refused.statusCode());
        assertEquals("{\"error\":\"missing_conversation\",\"message\":\"Name a conversation with "
                + "?conversationId=… or a client with ?clientId=…\"}", refused.body());
    }

    @Test
    void theAuditLogNeedsTheOperatorsToken() {
        HttpResponse<String> refused = parley.send(HttpRequest.newBuilder(
                parley.http("/api/audit?conversationId=" + id)).build());

        assertEquals(401, refused.statusCode());
    }
}
