package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.payments.Webhooks.body;

/**
 * The signed payment webhook on a running Parley with SMS: a good delivery lowers the balance
 * and tells the patient in their language on their channel; anything else changes nothing.
 *
 * <p>Each patient is verified in one conversation of this class at most: with the clock
 * standing still, two such conversations would be equally recent.
 */
class PaymentWebhookTest {

    private static final String CLIENT = "example-health";
    /** Taylor Brooks: $78.75, no phone, verified in no conversation. */
    private static final String TAYLOR = "EH100845";

    @TempDir
    static Path data;
    static FakeTwilio twilio;
    static TestClock clock;
    static TestParley parley;

    @BeforeAll
    static void start() {
        twilio = FakeTwilio.start();
        clock = new TestClock(TestParley.NOW);
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.put(Webhooks.ENV, Webhooks.SECRET);
        parley = TestParley.start(data, env, clock);
    }

    @AfterAll
    static void stop() {
        parley.close();
        twilio.close();
    }

    @BeforeEach
    void demoBalances() {
        DemoParley.demo(parley);
    }

    private static HttpResponse<String> deliver(String body) {
        return Webhooks.deliver(parley, clock.instant(), CLIENT, body);
    }

    private static BigDecimal balance(String account) {
        return DemoParley.balance(parley, account);
    }

    private static MongoDatabase db() {
        return parley.parley().store().database();
    }

    /** Everything a delivery could change: accounts, payments, conversations, the outbox. */
    private static List<List<Document>> everything() {
        return DemoParley.stored(parley, "accounts", "payments", "conversations", "messages",
                "outbox", "audit");
    }

    private static JsonNode json(String body) {
        return DemoParley.json(body);
    }

    @Test
    void aSignedPaymentLowersTheBalanceAndIsReceiptedOverEnglishWebChatOnce() {
        try (ChatClient chat = VerifiedChat.open(parley, "en", "what do I owe?",
                "EH100611 30305")) {
            HttpResponse<String> first = deliver(body("pay_jl_1", "EH100611", "25.00"));

            assertEquals(200, first.statusCode(), first.body());
            assertEquals(json("{\"status\":\"recorded\"}"), json(first.body()));
            assertEquals(new BigDecimal("60.00"), balance("EH100611"));
            chat.bot("Thank you! We received your payment of $25.00 on December 4, 2026. Your "
                    + "balance with Example Health is now $60.00.");

            List<List<Document>> before = everything();
            HttpResponse<String> replay = deliver(body("pay_jl_1", "EH100611", "25.00"));

            assertEquals(200, replay.statusCode(), replay.body());
            assertEquals(json("{\"status\":\"duplicate\"}"), json(replay.body()));
            assertEquals(before, everything());

            // The next thing the page shows is the next payment's receipt, not a second one.
            deliver(body("pay_jl_2", "EH100611", "60.00"));
            chat.bot("Thank you! We received your payment of $60.00 on December 4, 2026. Your "
                    + "balance with Example Health is now $0.00.");
        }
    }

    @Test
    void aSignedPaymentIsReceiptedOverSpanishWebChat() {
        try (ChatClient chat = VerifiedChat.open(parley, "es", "Ver mi saldo",
                "mi cuenta es EH100612 y el código postal 30305")) {
            deliver(body("pay_cl_1", "EH100612", "12.40"));

            chat.bot("¡Gracias! Recibimos su pago de $12.40 el 4 de diciembre de 2026. Su saldo "
                    + "con Example Health ahora es de $50.00.");
        }
    }

    @Test
    void aSignedPaymentIsReceiptedByTextInEnglishOnce() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");
        phone.text("What do I owe?");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();

        deliver(body("pay_ar_1", "EH100234", "200.00"));
        deliver(body("pay_ar_1", "EH100234", "200.00"));
        deliver(body("pay_ar_2", "EH100234", "34.50"));

        phone.reply("Thank you! We received your payment of $200.00 on December 4, 2026. Your "
                + "balance with Example Health is now $1,034.50.");
        phone.reply("Thank you! We received your payment of $34.50 on December 4, 2026. Your "
                + "balance with Example Health is now $1,000.00.");
    }

    @Test
    void aSignedPaymentIsReceiptedByTextInSpanish() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550147");
        phone.text("Hola");
        phone.next();
        phone.text("1");
        phone.next();
        phone.text("2 de noviembre de 1979, Hernández");
        phone.next();

        deliver(body("pay_lh_1", "EH100587", "240.00"));

        phone.reply("¡Gracias! Recibimos su pago de $240.00 el 4 de diciembre de 2026. Su saldo "
                + "con Example Health ahora es de $3,000.00.");
    }

    @Test
    void aPatientWhoTextedStopGetsNoReceiptAndThePaymentSaysItWasSuppressed() {
        parley.parley().services().balances().importCsv(CLIENT, ("account_number,first_name,"
                + "last_name,date_of_birth,zip,phone,email,preferred_language,encounter_id,"
                + "service_date,provider,description,charges,insurance_paid,adjustments,"
                + "patient_responsibility,due_date\n"
                + "EH990101,Riley,Stone,1975-02-02,30307,+14045550189,,en,EH990101-1,"
                + "2026-10-01,Dr. Lena Ortiz,Office visit,180.00,90.00,0.00,90.00,2026-12-31\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550189");
        phone.text("What do I owe?");
        phone.next();
        phone.text("02/02/1975 Stone");
        phone.next();
        phone.text("STOP");
        phone.next();
        String conversation = parley.parley().services().conversations()
                .latestVerified(CLIENT, "EH990101").orElseThrow().id();

        HttpResponse<String> response = deliver(body("pay_rs_1", "EH990101", "40.00"));

        assertEquals(200, response.statusCode(), response.body());
        Document payment = db().getCollection("payments")
                .find(new Document("paymentId", "pay_rs_1")).first();
        assertEquals(new Document("status", "suppressed_opted_out")
                        .append("conversationId", conversation).append("channel", "sms"),
                payment.get("receipt", Document.class));
        assertEquals(0, db().getCollection("messages").countDocuments(
                new Document("conversationId", conversation).append("key", Receipts.KEY)));
        assertEquals(0, db().getCollection("audit").countDocuments(
                new Document("event", "payment.receipt").append("accountNumber", "EH990101")));
    }

    @Test
    void withNoVerifiedConversationNothingIsSaidAndThatIsRecorded() {
        HttpResponse<String> response = deliver(body("pay_tb_1", TAYLOR, "38.75"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(new BigDecimal("40.00"), balance(TAYLOR));
        Document payment = db().getCollection("payments").find().first();
        assertEquals(new Document("status", "no_verified_conversation"),
                payment.get("receipt", Document.class));
        assertEquals(0, db().getCollection("outbox").countDocuments(
                new Document("key", Receipts.KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "no header                  | \"\"",
            "not the form               | v1=abc",
            "no v1                      | t=1796396400",
            "another secret             | OTHER",
            "signed for another body    | BODY",
            "signature not hex          | t=1796396400,v1=zz",
    })
    void aDeliveryWithoutAGoodSignatureGets401AndChangesNothing(String why, String header) {
        String body = body("pay_tb_2", TAYLOR, "10.00");
        long now = clock.instant().getEpochSecond();
        String signature = switch (header) {
            case "OTHER" -> Webhooks.signature("whsec-another-0123456789abcdef0123456789ab", now,
                    body);
            case "BODY" -> Webhooks.signature(Webhooks.SECRET, now,
                    body("pay_tb_2", TAYLOR, "1.00"));
            default -> header;
        };
        List<List<Document>> before = everything();

        HttpResponse<String> response = Webhooks.deliver(parley, CLIENT, body, signature);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("bad_signature", json(response.body()).get("error").asText());
        assertEquals(before, everything());
    }

    @Test
    void aBadSignatureForAClientThatDoesNotExistGets401SoClientIdsCannotBeProbed() {
        String body = body("pay_tb_9", TAYLOR, "10.00");
        String signature = Webhooks.signature("whsec-another-0123456789abcdef0123456789ab",
                clock.instant().getEpochSecond(), body);

        HttpResponse<String> response = Webhooks.deliver(parley, "no-such-client", body,
                signature);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("bad_signature", json(response.body()).get("error").asText());
    }

    @Test
    void theRefusalSaysHowToSign() {
        HttpResponse<String> response = Webhooks.deliver(parley, CLIENT,
                body("pay_tb_2", TAYLOR, "10.00"), "");

        assertEquals("The X-Parley-Signature header is missing; nothing was recorded. Sign each "
                + "delivery when it is sent with X-Parley-Signature: t=<unix seconds>,v1=<hex "
                + "HMAC-SHA256 of \"<t>.<body>\" keyed with the webhook secret, "
                + "PARLEY_PAYMENTS_WEBHOOK_SECRET>", json(response.body()).get("message").asText());
    }

    @ParameterizedTest(name = "signed {0} s from now: {1}")
    @CsvSource({"-301, 401", "-300, 200", "300, 200", "301, 401"})
    void theSignedTimeMayBeAtMostFiveMinutesFromParleysClock(long offset, int status) {
        String body = body("pay_tb_t" + offset, TAYLOR, "1.00");
        long t = clock.instant().getEpochSecond() + offset;

        HttpResponse<String> response = Webhooks.deliver(parley, CLIENT, body,
                Webhooks.signature(Webhooks.SECRET, t, body));

        assertEquals(status, response.statusCode(), response.body());
        assertEquals(status == 200 ? new BigDecimal("77.75") : new BigDecimal("78.75"),
                balance(TAYLOR));
    }

    @Test
    void aDeliveryCapturedAndSentAgainLaterIsRefused() {
        String body = body("pay_tb_3", TAYLOR, "1.00");
        String signature = Webhooks.signature(Webhooks.SECRET, clock.instant().getEpochSecond(),
                body);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> response = Webhooks.deliver(parley, CLIENT, body, signature);

        assertEquals(401, response.statusCode(), response.body());
        assertEquals("The signature's time t=" + (clock.instant().getEpochSecond() - 301)
                + " is 301 seconds from Parley's clock, more than the 300 allowed",
                json(response.body()).get("message").asText().split(";")[0]);
        assertEquals(new BigDecimal("78.75"), balance(TAYLOR));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "not JSON      | {\"paymentId\":",
            "not an object | [1, 2]",
            "a key twice   | {\"paymentId\":\"p1\",\"paymentId\":\"p2\"}",
    })
    void aBodyThatIsNotOneJsonObjectGets400AndChangesNothing(String why, String body) {
        List<List<Document>> before = everything();

        HttpResponse<String> response = deliver(body);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("malformed_json", json(response.body()).get("error").asText());
        assertEquals(before, everything());
    }

    /**
     * A good body with one field set to {@code value}, raw JSON, or removed when the value is
     * {@code -}.
     */
    private static String bodyWith(String field, String value) {
        ObjectNode body = (ObjectNode) json(body("pay_tb_m", TAYLOR, "1.00"));
        if (value.equals("-")) {
            body.remove(field);
        } else {
            body.set(field, json(value));
        }
        return body.toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "no paymentId      | paymentId     | -                      | missing_field",
            "id a card number  | paymentId     | \"4242424242424242\"   | invalid_field",
            "no account        | accountNumber | null                   | missing_field",
            "amount a number   | amount        | 1.00                   | invalid_field",
            "amount negative   | amount        | \"-1.00\"              | invalid_field",
            "amount 3 decimals | amount        | \"1.005\"              | invalid_field",
            "amount zero       | amount        | \"0.00\"               | invalid_field",
            "amount in words   | amount        | \"ten\"                | invalid_field",
            "amount, space before | amount     | \" 5\"                 | invalid_field",
            "amount, space after | amount      | \"5 \"                 | invalid_field",
            "no currency       | currency      | -                      | missing_field",
            "another currency  | currency      | \"EUR\"                | invalid_field",
            "paidAt a date     | paidAt        | \"2026-12-04\"         | invalid_field",
            "paidAt tomorrow   | paidAt        | \"2026-12-05T14:30:00Z\" | invalid_field",
            "paidAt in year 1  | paidAt        | \"0001-01-01T00:00:00Z\" | invalid_field",
            "paidAt 10 years and a second ago | paidAt | \"2016-12-04T14:59:59Z\" | invalid_field",
            "no method         | method        | -                      | missing_field",
            "method a number   | method        | \"4242424242424242\"   | invalid_field",
            "a whole card      | last4         | \"4242424242424242\"   | invalid_field",
            "last4 an object   | last4         | {}                     | invalid_field",
    })
    void aBadFieldGets400NamingItAndChangesNothing(String why, String field, String value,
                                                  String code) {
        List<List<Document>> before = everything();

        HttpResponse<String> response = deliver(bodyWith(field, value));

        assertEquals(400, response.statusCode(), response.body());
        JsonNode answer = json(response.body());
        assertEquals(code, answer.get("error").asText());
        assertEquals(field, answer.get("detail").get("field").asText());
        assertTrue(answer.get("message").asText().startsWith("Field '" + field + "' "),
                response.body());
        assertFalse(response.body().contains("4242424242424242"), response.body());
        assertEquals(before, everything());
    }

    @Test
    void aPaymentTimeOfTheYearOneIsRefusedWithTheRangeAllowed() {
        HttpResponse<String> response = deliver(bodyWith("paidAt",
                "\"0001-01-01T00:00:00Z\""));

        assertEquals("Field 'paidAt' must be an ISO-8601 instant such as 2026-12-04T14:30:00Z, "
                + "not in the future nor more than 10 years ago, was '0001-01-01T00:00:00Z'; "
                + "nothing was recorded", json(response.body()).get("message").asText());
    }

    @Test
    void aPaymentTimeExactlyTenYearsAgoIsTaken() {
        String tenYearsAgo = clock.instant().atZone(java.time.ZoneOffset.UTC).minusYears(10)
                .toInstant().toString();

        HttpResponse<String> response = deliver(bodyWith("paidAt", "\"" + tenYearsAgo + "\""));

        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void aValidBodyFollowedByAnythingElseGets400AndChangesNothing() {
        List<List<Document>> before = everything();

        HttpResponse<String> response = deliver(body("pay_tb_t", TAYLOR, "1.00") + " garbage");

        assertEquals(400, response.statusCode(), response.body());
        assertEquals("malformed_json", json(response.body()).get("error").asText());
        assertEquals(before, everything());
    }

    @Test
    void aBadAmountIsExplainedWithWhatToSend() {
        HttpResponse<String> response = deliver(body("p1", TAYLOR, "1,000.00"));

        assertEquals("Field 'amount' must be a string holding an amount above zero with at most "
                + "2 decimals, such as 200.00, without a currency sign or thousands separator, "
                + "was '1,000.00'; nothing was recorded", json(response.body()).get("message")
                .asText());
    }

    @Test
    void anAmountSentAsANumberIsRefusedWithTheReason() {
        HttpResponse<String> response = deliver("{\"paymentId\":\"p1\",\"accountNumber\":"
                + "\"EH100845\",\"amount\":200.1,\"currency\":\"USD\",\"paidAt\":"
                + "\"2026-12-04T14:30:00Z\",\"method\":\"card\"}");

        assertEquals("Field 'amount' must be a JSON string, not number; nothing was recorded. "
                + "Send it as a string holding an amount above zero with at most 2 decimals, "
                + "such as 200.00, without a currency sign or thousands separator, such as "
                + "\"200.00\"", json(response.body()).get("message").asText());
    }

    @ParameterizedTest(name = "{0} gets {1} {2}")
    @CsvSource({
            "EH999999, 404, unknown_account",
            "EH100845, 409, overpayment",
    })
    void aPaymentTheAccountCannotTakeIsRefusedAndChangesNothing(String account, int status,
                                                                String code) {
        List<List<Document>> before = everything();

        HttpResponse<String> response = deliver(body("pay_x", account, "78.76"));

        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response.body()).get("error").asText());
        assertEquals(before, everything());
    }

    @Test
    void anIdReusedForAnotherAmountGets409AndChangesNothing() {
        deliver(body("pay_tb_4", TAYLOR, "10.00"));
        List<List<Document>> before = everything();

        HttpResponse<String> response = deliver(body("pay_tb_4", TAYLOR, "11.00"));

        assertEquals(409, response.statusCode(), response.body());
        assertEquals("payment_id_conflict", json(response.body()).get("error").asText());
        assertEquals(before, everything());
        assertEquals(new BigDecimal("68.75"), balance(TAYLOR));
    }

    @Test
    void anUnknownClientIsSaidOnlyAfterTheSignatureHolds() {
        String body = body("pay_1", TAYLOR, "1.00");

        HttpResponse<String> unsigned = Webhooks.deliver(parley, "no-such-client", body, "");
        HttpResponse<String> signed = Webhooks.deliver(parley, clock.instant(), "no-such-client",
                body);

        assertEquals(401, unsigned.statusCode());
        assertEquals(404, signed.statusCode());
        assertEquals("unknown_client", json(signed.body()).get("error").asText());
    }

    @Test
    void aBodyOverTheLimitGets413() {
        String body = body("pay_1", TAYLOR, "1.00").replace("}", ",\"note\":\""
                + "x".repeat(PaymentWebhook.MAX_BYTES) + "\"}");

        HttpResponse<String> response = deliver(body);

        assertEquals(413, response.statusCode(), response.body());
        assertEquals(new BigDecimal("78.75"), balance(TAYLOR));
    }

    @Test
    void theWebhookNeedsNoApiToken() {
        HttpResponse<String> response = deliver(body("pay_tb_5", TAYLOR, "8.75"));

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(new BigDecimal("70.00"), balance(TAYLOR));
    }
}
