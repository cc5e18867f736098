package org.parley.channel.email;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded demo without SMTP settings: mail written to the development mailbox's inbound
 * route is answered into the development mailbox, which the page at {@code /dev/mail} lists and
 * shows as the patient would see it, and a reply from the page continues the thread.
 */
class DevMailTest {

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

    private static HttpResponse<String> get(String path) {
        return parley.send(HttpRequest.newBuilder(parley.http(path)).GET().build());
    }

    private static HttpResponse<String> post(String path, String type, String body) {
        return parley.send(HttpRequest.newBuilder(parley.http(path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void aRawMessagePostedToTheDevelopmentMailboxIsAnsweredThereAndShownAsSent() {
        HttpResponse<String> taken = post("/dev/mail/inbound", "message/rfc822", """
                From: Alex Rivera <alex.rivera@example.test>\r
                To: billing@example-health.test\r
                Subject: My bill\r
                Message-ID: <dev-1@patient.test>\r
                \r
                What do I owe?\r
                """);
        assertEquals(200, taken.statusCode(), taken.body());
        assertTrue(taken.body().startsWith("{\"status\":\"answered\""), taken.body());

        HttpResponse<String> list = get("/dev/mail/messages?to=alex.rivera@example.test");
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("\"From\":\"Example Health "
                + "<billing@example-health.test>\""), list.body());
        assertTrue(list.body().contains("\"Subject\":\"Re: My bill\""), list.body());
        assertTrue(list.body().contains("\"In-Reply-To\":\"<dev-1@patient.test>\""), list.body());
        assertTrue(list.body().contains("\"text\":\"Hi, this is the billing assistant for Example "
                + "Health. I can help you with your bill.\\n\\nFirst I need to confirm who "
                + "you are."), list.body());
        assertTrue(list.body().contains("/email/unsubscribe/u"), list.body());
        String id = list.body().replaceAll("(?s).*?\"id\":\"([0-9a-f]{24})\".*", "$1");

        HttpResponse<String> html = get("/dev/mail/messages/" + id);
        assertEquals(200, html.statusCode());
        assertTrue(html.headers().firstValue("Content-Security-Policy").orElseThrow()
                .startsWith("sandbox; default-src 'none'"));
        assertTrue(html.body().contains(">Example Health</td>"), html.body());

        HttpResponse<String> replied = post("/dev/mail/reply", "application/json",
                "{\"messageId\":\"" + id + "\",\"text\":\"03/14/1985 Rivera\"}");
        assertEquals(200, replied.statusCode(), replied.body());
        String thread = get("/dev/mail/messages?to=alex.rivera@example.test").body();
        assertTrue(thread.contains("Thank you, Alex. I've confirmed your identity."), thread);
    }

    @Test
    void thePageAndItsSetupAreServed() {
        HttpResponse<String> page = get("/dev/mail");
        HttpResponse<String> setup = get("/dev/mail/setup");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Development mailbox</h1>"));
        assertEquals("[{\"clientId\":\"example-health\",\"name\":\"Example Health\",\"address\":"
                + "\"billing@example-health.test\"}]", setup.body());
    }

    @Test
    void aReplyToNoMessageIsRefused() {
        HttpResponse<String> response = post("/dev/mail/reply", "application/json",
                "{\"messageId\":\"nope\",\"text\":\"hi\"}");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"unknown_message\",\"message\":\"messageId must name a message "
                + "in the development mailbox, was 'nope'\"}", response.body());
    }
}
