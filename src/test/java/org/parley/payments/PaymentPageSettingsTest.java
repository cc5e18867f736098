package org.parley.payments;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client's payment page template through {@code /api/clients/{id}/settings/payments}: links
 * follow it once set, the demo falls back to its sandbox, and with neither a person takes over.
 */
class PaymentPageSettingsTest {

    private static final String PATH = "/api/clients/example-health/settings/payments";

    @TempDir
    Path data;
    private TestParley parley;

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void aTemplateIsStoredShownAndUsedForTheNextLink() {
        parley = TestParley.start(data);

        HttpResponse<String> put = put("{\"pageTemplate\": "
                + "\"https://pay.example-health.test/checkout?t={token}&src=parley\"}");

        assertEquals(200, put.statusCode(), put.body());
        String shown = "{\"pageTemplate\":\"https://pay.example-health.test/checkout?t={token}"
                + "&src=parley\"}";
        assertEquals(shown, put.body());
        assertEquals(shown, parley.api("GET", PATH, null, null).body());
        try (ChatClient chat = verifiedChat()) {
            chat.say("pay $45");
            String text = chat.nextMessage().get("text").asText();
            String link = Links.in(text);
            assertTrue(link.startsWith("https://pay.example-health.test/checkout?t=ey"), link);
            assertTrue(link.endsWith("&src=parley"), link);
        }
    }

    @Test
    void withoutATemplateTheDemoLinksToItsSandboxAndTheApiSaysNothingIsSet() {
        parley = TestParley.start(data);

        HttpResponse<String> get = parley.api("GET", PATH, null, null);

        assertEquals(404, get.statusCode());
        assertEquals("{\"error\":\"settings_not_set\",\"message\":\"Client 'example-health' has no "
                + "payments settings yet; set them with PUT "
                + "/api/clients/example-health/settings/payments\"}", get.body());
        assertTrue(parley.parley().payments().links().issue("example-health", "EH100234",
                new java.math.BigDecimal("10.00"), "c-1").startsWith("http://localhost:"));
    }

    @Test
    void withNeitherATemplateNorTheSandboxThePatientIsHandedToAPersonAndTold() throws Exception {
        parley = TestParley.start(data, Map.of("PARLEY_PAYMENTS_SANDBOX", "false"));

        try (ChatClient chat = verifiedChat()) {
            chat.say("I want to pay $100");
            chat.bot("I can't send you a payment link: Example Health hasn't set up online payment "
                    + "here yet.");
            chat.bot("I've asked a person from Example Health to help you pay. They will reach out "
                    + "here shortly, or you can call (555) 010-0199.");
            chat.bot("A person usually answers within 4 minutes. Anything you write here until "
                    + "then reaches them.");

            var transcript = Json.MAPPER.readTree(parley.api("GET", "/api/conversations/"
                    + chat.conversationId(), null, null).body());
            assertTrue(transcript.get("needsAgent").asBoolean());
            assertEquals("patient_request", transcript.get("agentReason").asText());
        }
    }

    private HttpResponse<String> put(String body) {
        return parley.api("PUT", PATH, "application/json", body);
    }

    private ChatClient verifiedChat() {
        ChatClient chat = parley.chat();
        chat.start("en");
        chat.nextMessage();
        chat.nextMessage();
        chat.say("what do I owe");
        chat.nextMessage();
        chat.say("03/14/1985 Rivera");
        for (int i = 0; i < 6; i++) {
            chat.nextMessage();
        }
        return chat;
    }
}
