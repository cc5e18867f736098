package org.parley.channel.sms;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.TestParley;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.parley.channel.sms.TwilioFixture.CLIENT;
import static org.parley.channel.sms.TwilioFixture.CLIENT_NUMBER;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.PUBLIC_BASE;

/** The SMS channel inside a whole Parley, configured only through the environment. */
class TwilioWiringTest {

    @TempDir
    Path data;

    @Test
    void textToTheDemoNumberIsAnsweredThroughTwilioByTheBackgroundSender() throws Exception {
        try (FakeTwilio twilio = FakeTwilio.start()) {
            Map<String, String> env = new HashMap<>(twilio.env());
            env.put("PARLEY_PUBLIC_BASE_URL", PUBLIC_BASE);
            try (TestParley parley = TestParley.start(data, env)) {
                Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(),
                        "hi");

                HttpResponse<String> res = parley.send(HttpRequest.newBuilder(
                                parley.http("/twilio/sms"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", TwilioFixture.sign(FakeTwilio.AUTH_TOKEN,
                                PUBLIC_BASE + "/twilio/sms", form))
                        .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                        .build());

                assertEquals(200, res.statusCode());
                assertEquals(TwilioWebhooks.EMPTY_TWIML, res.body());
                List<PhoneMessage> thread = parley.parley().sms().outbox(CLIENT, PATIENT, 0);
                List<PhoneMessage> replies = thread.stream()
                        .filter(m -> m.from().equals("bot")).toList();
                assertFalse(replies.isEmpty(), "the bot answers");
                List<FakeTwilio.Request> sent = twilio.await(replies.size(),
                        Duration.ofSeconds(10));
                assertEquals(replies.stream().map(PhoneMessage::text).toList(),
                        sent.stream().map(FakeTwilio.Request::body).toList());
                for (FakeTwilio.Request request : sent) {
                    assertEquals(PATIENT, request.to());
                    assertEquals(Optional.of(CLIENT_NUMBER), request.from());
                    assertEquals(Optional.of(PUBLIC_BASE + "/twilio/status"),
                            request.statusCallback());
                }
            }
        }
    }

    @Test
    void withoutTwilioCredentialsTheWebhookAcceptsNoSignature() {
        try (TestParley parley = TestParley.start(data)) {
            Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(),
                    "hi");
            URI url = parley.http("/twilio/sms");

            HttpResponse<String> res = parley.send(HttpRequest.newBuilder(url)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature",
                            TwilioFixture.sign("any-token", url.toString(), form))
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                    .build());

            assertEquals(403, res.statusCode());
            assertEquals(List.of(), parley.parley().sms().outbox(CLIENT, PATIENT, 0));
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
