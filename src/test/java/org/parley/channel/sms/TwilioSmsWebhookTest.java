package org.parley.channel.sms;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.channel.sms.TwilioFixture.CLIENT_NUMBER;
import static org.parley.channel.sms.TwilioFixture.PATIENT;
import static org.parley.channel.sms.TwilioFixture.PUBLIC_BASE;

/** {@code POST /twilio/sms}: who gets in, what is stored, and what is sent back. */
class TwilioSmsWebhookTest {

    @TempDir
    Path data;
    TwilioFixture sms;

    @AfterEach
    void stop() {
        sms.close();
    }

    @Test
    void signedTextIsStoredAndAnsweredWithEmptyTwiml() {
        sms = TwilioFixture.start(data);
        String sid = TwilioFixture.messageSid();

        HttpResponse<String> res = sms.postSigned("/twilio/sms",
                TwilioFixture.text(PATIENT, sid, "what do I owe?"));

        assertEquals(200, res.statusCode());
        assertEquals("text/xml", res.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>", res.body());
        Document patient = sms.message(PATIENT, 1);
        assertEquals("patient", patient.getString("from"));
        assertEquals("what do I owe?", patient.getString("text"));
        assertEquals(sid, patient.getString("clientMessageId"));
        assertEquals("patient:" + sid, patient.getString("dedupe"));
        List<Document> replies = sms.replies(PATIENT);
        assertTrue(replies.size() >= 1, "the bot answers");
        for (Document reply : replies) {
            Document delivery = reply.get("delivery", Document.class);
            assertEquals("queued", delivery.getString("status"));
            assertEquals("sms", delivery.getString("channel"));
            assertEquals(PATIENT, delivery.getString("to"));
        }
        assertEquals(List.of(), sms.twilio.requests(), "nothing is sent inside the webhook");
    }

    @Test
    void controlCharactersInATextAreDroppedBeforeItIsStored() {
        sms = TwilioFixture.start(data);

        HttpResponse<String> res = sms.postSigned("/twilio/sms", TwilioFixture.text(PATIENT,
                TwilioFixture.messageSid(), "what do\u0000 I\u001b owe?\r\nthanks\tAlex"));

        assertEquals(200, res.statusCode());
        assertEquals("what do I owe?\nthanks\tAlex", sms.message(PATIENT, 1).getString("text"));
    }

    @Test
    void textWithWrongSignatureIsRefusedAndNothingIsStored() {
        sms = TwilioFixture.start(data);
        Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi");
        long before = sms.messageCount();

        HttpResponse<String> res = sms.post("/twilio/sms", form,
                Optional.of(TwilioFixture.sign("not-the-auth-token", sms.localUrl("/twilio/sms"),
                        form)));

        assertEquals(403, res.statusCode());
        assertEquals(0, before);
        assertEquals(0, sms.messageCount());
    }

    @Test
    void textWithAlteredBodyIsRefused() {
        sms = TwilioFixture.start(data);
        Map<String, String> signed = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi");
        String signature = TwilioFixture.sign(FakeTwilio.AUTH_TOKEN, sms.localUrl("/twilio/sms"),
                signed);
        Map<String, String> altered = new LinkedHashMap<>(signed);
        altered.put("Body", "STOP");

        HttpResponse<String> res = sms.post("/twilio/sms", altered, Optional.of(signature));

        assertEquals(403, res.statusCode());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void textWithoutSignatureIsRefusedAndNothingIsStored() {
        sms = TwilioFixture.start(data);

        HttpResponse<String> res = sms.post("/twilio/sms",
                TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi"), Optional.empty());

        assertEquals(403, res.statusCode());
        assertTrue(res.body().contains("\"error\":\"bad_signature\""), res.body());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void behindProxyTextSignedForPublicUrlIsAccepted() {
        sms = TwilioFixture.start(data, true);
        Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi");

        // The server is reached at http://127.0.0.1:port; Twilio signed the public https URL.
        HttpResponse<String> res = sms.post("/twilio/sms", form, Optional.of(
                TwilioFixture.sign(FakeTwilio.AUTH_TOKEN, PUBLIC_BASE + "/twilio/sms", form)));

        assertEquals(200, res.statusCode());
        assertEquals("hi", sms.message(PATIENT, 1).getString("text"));
    }

    @Test
    void behindProxyTextSignedForServersOwnUrlIsRefused() {
        sms = TwilioFixture.start(data, true);

        HttpResponse<String> res = sms.postSigned("/twilio/sms",
                TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi"));

        assertEquals(403, res.statusCode());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void textToNumberNoClientHasIsNotFoundAndNothingIsStored() {
        sms = TwilioFixture.start(data);
        Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi");
        form.put("To", "+15555550999");

        HttpResponse<String> res = sms.postSigned("/twilio/sms", form);

        assertEquals(404, res.statusCode());
        assertTrue(res.body().contains("\"error\":\"unknown_sms_number\""), res.body());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void textWithoutMessageSidIsBadRequest() {
        sms = TwilioFixture.start(data);
        Map<String, String> form = TwilioFixture.text(PATIENT, "SMx", "hi");
        form.remove("MessageSid");

        HttpResponse<String> res = sms.postSigned("/twilio/sms", form);

        assertEquals(400, res.statusCode());
        assertTrue(res.body().contains("MessageSid"), res.body());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void textWithoutFromIsBadRequest() {
        sms = TwilioFixture.start(data);
        Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hi");
        form.remove("From");

        HttpResponse<String> res = sms.postSigned("/twilio/sms", form);

        assertEquals(400, res.statusCode());
        assertEquals(0, sms.messageCount());
    }

    @Test
    void patientWithSpanishAccountIsAnsweredInSpanish() {
        sms = TwilioFixture.start(data);
        String lucia = "+14045550147";

        sms.postSigned("/twilio/sms",
                TwilioFixture.text(lucia, TwilioFixture.messageSid(), "hola"));

        assertEquals("es", sms.conversation(lucia).dialog().language());
    }

    @Test
    void patientWithNoAccountIsAnsweredInTheClientsFirstLanguage() {
        sms = TwilioFixture.start(data);

        sms.postSigned("/twilio/sms",
                TwilioFixture.text(PATIENT, TwilioFixture.messageSid(), "hola"));

        assertEquals("en", sms.conversation(PATIENT).dialog().language());
    }

    @Test
    void sameTextDeliveredEightTimesAtOnceIsStoredOnceAndAnsweredOnce() throws Exception {
        sms = TwilioFixture.start(data);
        Map<String, String> form = TwilioFixture.text(PATIENT, TwilioFixture.messageSid(),
                "what do I owe?");
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<HttpResponse<String>>> posts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            posts.add(() -> {
                go.await();
                return sms.postSigned("/twilio/sms", form);
            });
        }

        List<Future<HttpResponse<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Callable<HttpResponse<String>> post : posts) {
                results.add(pool.submit(post));
            }
            go.countDown();
            for (Future<HttpResponse<String>> result : results) {
                HttpResponse<String> res = result.get();
                assertEquals(200, res.statusCode());
                assertEquals(TwilioWebhooks.EMPTY_TWIML, res.body());
            }
        }
        sms.drain();

        assertEquals(1, sms.messages().countDocuments(new Document("from", "patient")));
        List<Document> replies = sms.replies(PATIENT);
        assertEquals(1 + replies.size(), sms.messageCount());
        List<String> sent = sms.twilio.requests().stream().map(FakeTwilio.Request::body).toList();
        assertEquals(replies.stream().map(r -> SmsText.plain(r.getString("text"))).toList(), sent);
        for (FakeTwilio.Request request : sms.twilio.requests()) {
            assertEquals(PATIENT, request.to());
            assertEquals(Optional.of(CLIENT_NUMBER), request.from());
        }
    }
}
