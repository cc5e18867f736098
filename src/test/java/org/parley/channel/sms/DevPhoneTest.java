package org.parley.channel.sms;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.CLIENT;

/**
 * The simulated phone's routes over HTTP, and the development token that signs its webhooks:
 * served with exactly what the page needs without Twilio, absent with it.
 */
class DevPhoneTest {

    private static final List<String> DEMO_PHONES = List.of("+14045550123", "+14045550147",
            "+14045550168", "+14045550182");
    private static final List<String> DEV_ROUTES = List.of("/dev/phone", "/dev/phone.js",
            "/dev/phone.css", "/dev/phone/setup", "/dev/phone/messages?phone=%2B14045550123");

    // Any URL but the loopback ones the page names when it explains Web Crypto's rule.
    private static final Pattern OTHER_HOST =
            Pattern.compile("[a-z]+://(?!localhost[:/]|127\\.0\\.0\\.1[:/])");

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data.resolve("dev"));
    }

    @AfterAll
    static void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void setupHandsThePageTheDemoClientItsPhonesAndAFreshDevelopmentToken() {
        HttpResponse<String> res = get(parley, "/dev/phone/setup");

        assertEquals(200, res.statusCode());
        assertEquals("no-store", res.headers().firstValue("Cache-Control").orElse(""));
        JsonNode setup = json(res);
        assertEquals(List.of("clientId", "clientName", "clientNumber", "devAuthToken",
                "webhookPath", "phones"), fieldNames(setup));
        assertEquals(CLIENT, setup.get("clientId").asText());
        assertEquals("Example Health", setup.get("clientName").asText());
        assertEquals("+15555550100", setup.get("clientNumber").asText());
        assertEquals("/twilio/sms", setup.get("webhookPath").asText());
        assertEquals(DEMO_PHONES, strings(setup.get("phones")));
        assertTrue(setup.get("devAuthToken").asText().matches("[0-9a-f]{40}"),
                "20 random bytes in hex, was " + setup.get("devAuthToken").asText().length()
                        + " characters");
    }

    @Test
    void theDevelopmentTokenIsMadeAtStartSoTwoRunsHoldDifferentOnes() {
        try (TestParley other = TestParley.start(data.resolve("other"))) {
            assertFalse(token(parley).equals(token(other)), "each start makes its own token");
        }
    }

    @Test
    void webhookSignedWithTheDevelopmentTokenIsAnsweredLikeTwilios() {
        String phone = "+14045550182";
        Map<String, String> form = TwilioFixture.text(phone, TwilioFixture.messageSid(), "hi");

        HttpResponse<String> res = postSms(parley, form,
                TwilioFixture.sign(token(parley), parley.http("/twilio/sms").toString(), form));

        assertEquals(200, res.statusCode());
        assertEquals(TwilioWebhooks.EMPTY_TWIML, res.body());
        List<PhoneMessage> thread = parley.parley().sms().outbox(CLIENT, phone, 0);
        assertEquals(new PhoneMessage(thread.get(0).conversationId(), 1, "patient", "hi",
                "received", SmsEncoding.GSM_7, 1, TestParley.NOW), thread.get(0));
        assertTrue(thread.stream().anyMatch(m -> m.from().equals("bot")), "Parley answered");
    }

    @Test
    void webhookSignedWithAnyOtherTokenIsRefusedAndStoresNothing() {
        String phone = "+14045550147";
        Map<String, String> form = TwilioFixture.text(phone, TwilioFixture.messageSid(), "hola");

        HttpResponse<String> res = postSms(parley, form, TwilioFixture.sign(
                "0123456789abcdef0123456789abcdef01234567", parley.http("/twilio/sms").toString(),
                form));

        assertEquals(403, res.statusCode());
        assertEquals("bad_signature", json(res).get("error").asText());
        assertEquals(List.of(), parley.parley().sms().outbox(CLIENT, phone, 0));
    }

    @Test
    void messagesListThePhonesThreadAfterTheSeqAskedFor() {
        String phone = "+14045550168";
        Map<String, String> form = TwilioFixture.text(phone, TwilioFixture.messageSid(), "help");
        assertEquals(200, postSms(parley, form, TwilioFixture.sign(token(parley),
                parley.http("/twilio/sms").toString(), form)).statusCode());
        List<PhoneMessage> stored = parley.parley().sms().outbox(CLIENT, phone, 0);

        JsonNode thread = json(get(parley, "/dev/phone/messages?phone=%2B14045550168&after=1"));

        assertEquals(stored.get(0).conversationId(), thread.get("conversationId").asText());
        List<String> expected = stored.stream().filter(m -> m.seq() > 1)
                .map(m -> m.seq() + " " + m.from() + " " + DevPhone.label(m.encoding()) + " "
                        + m.segments() + " " + m.text())
                .toList();
        assertFalse(expected.isEmpty(), "Parley answered after the patient's seq 1");
        assertEquals(expected, StreamSupport.stream(thread.get("messages").spliterator(), false)
                .map(m -> m.get("seq").asLong() + " " + m.get("from").asText() + " "
                        + m.get("encoding").asText() + " " + m.get("segments").asInt() + " "
                        + m.get("text").asText())
                .toList());
    }

    @Test
    void messagesOfAnotherConversationThanThePagesComeWhole() {
        String phone = "+14045550123";
        Map<String, String> form = TwilioFixture.text(phone, TwilioFixture.messageSid(), "hi");
        assertEquals(200, postSms(parley, form, TwilioFixture.sign(token(parley),
                parley.http("/twilio/sms").toString(), form)).statusCode());
        int stored = parley.parley().sms().outbox(CLIENT, phone, 0).size();

        JsonNode thread = json(get(parley,
                "/dev/phone/messages?phone=%2B14045550123&after=50&conversation=an-old-one"));

        assertEquals(stored, thread.get("messages").size());
        assertEquals(1, thread.get("messages").get(0).get("seq").asLong());
    }

    @Test
    void messagesOfAPhoneThatNeverTextedAreEmpty() {
        JsonNode thread = json(get(parley, "/dev/phone/messages?phone=%2B12025550100"));

        assertEquals(List.of("messages"), fieldNames(thread));
        assertEquals(0, thread.get("messages").size());
    }

    @Test
    void messagesForANumberThatIsNotE164AreABadRequestThatSaysHowToEncodeThePlus() {
        HttpResponse<String> res = get(parley, "/dev/phone/messages?phone=14045550123");

        assertEquals(400, res.statusCode());
        assertEquals("bad_phone", json(res).get("error").asText());
        assertTrue(json(res).get("message").asText().contains("%2B"), res.body());
    }

    @Test
    void pageAndItsScriptAndStylesAreServedFromThisServerOnly() {
        assertAll(
                () -> assertPage("/dev/phone", "text/html"),
                () -> assertPage("/dev/phone.js", "text/javascript"),
                () -> assertPage("/dev/phone.css", "text/css"));
    }

    @Test
    void withPublicBaseUrlThePageIsToldToSignThePublicUrlAndThatSignatureIsAccepted() {
        try (TestParley proxied = TestParley.start(data.resolve("proxied"),
                Map.of("PARLEY_PUBLIC_BASE_URL", "https://parley.example.test/"))) {
            JsonNode setup = json(get(proxied, "/dev/phone/setup"));
            assertEquals("https://parley.example.test/twilio/sms", setup.get("signedUrl").asText());
            Map<String, String> form = TwilioFixture.text("+14045550123",
                    TwilioFixture.messageSid(), "hi");

            HttpResponse<String> res = postSms(proxied, form, TwilioFixture.sign(
                    setup.get("devAuthToken").asText(), setup.get("signedUrl").asText(), form));

            assertEquals(200, res.statusCode());
        }
    }

    @Test
    void withTwilioCredentialsEveryDevelopmentRouteIsNotFound() {
        try (FakeTwilio twilio = FakeTwilio.start();
             TestParley live = TestParley.start(data.resolve("twilio"), twilio.env())) {
            assertFalse(live.parley().sms().devPhone());

            assertAll(DEV_ROUTES.stream().map(path -> () ->
                    assertEquals(404, get(live, path).statusCode(), path)));
        }
    }

    @Test
    void withTwilioCredentialsOnlyTheRealAuthTokenSigns() {
        try (FakeTwilio twilio = FakeTwilio.start();
             TestParley live = TestParley.start(data.resolve("twilio-token"), twilio.env())) {
            Map<String, String> form = TwilioFixture.text("+14045550123",
                    TwilioFixture.messageSid(), "hi");
            String url = live.http("/twilio/sms").toString();

            assertEquals(200, postSms(live, form,
                    TwilioFixture.sign(FakeTwilio.AUTH_TOKEN, url, form)).statusCode());
            assertEquals(403, postSms(live, form,
                    TwilioFixture.sign(token(parley), url, form)).statusCode());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static void assertPage(String path, String type) {
        HttpResponse<String> res = get(parley, path);
        assertEquals(200, res.statusCode(), path);
        assertTrue(res.headers().firstValue("Content-Type").orElse("").startsWith(type), path);
        assertTrue(res.headers().firstValue("Content-Security-Policy").orElse("")
                .contains("connect-src 'self'"), path);
        assertFalse(OTHER_HOST.matcher(res.body()).find(), path + " names no other host");
    }

    private static String token(TestParley on) {
        return json(get(on, "/dev/phone/setup")).get("devAuthToken").asText();
    }

    private static HttpResponse<String> get(TestParley on, String path) {
        return on.send(HttpRequest.newBuilder(on.http(path)).GET().build());
    }

    private static HttpResponse<String> postSms(TestParley on, Map<String, String> form,
                                                String signature) {
        return on.send(HttpRequest.newBuilder(on.http("/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&"))))
                .build());
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON (" + res.statusCode() + "): " + res.body(), e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
