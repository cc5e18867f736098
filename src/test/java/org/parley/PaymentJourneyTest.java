package org.parley;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.payments.Links;
import org.parley.payments.Webhooks;
import org.parley.plans.Plan;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The whole way to a resolved balance, as a patient lives it: a plan set up by message, a
 * payment missed and the notice about it, the pay option taken from that notice, the link paid
 * on the sandbox page, and the receipt; on web chat in English and on SMS in Spanish.
 */
class PaymentJourneyTest {

    @TempDir
    Path data;
    FakeTwilio twilio;
    TestParley parley;
    final TestClock clock = new TestClock(TestParley.NOW);

    @AfterEach
    void stop() {
        parley.close();
        if (twilio != null) {
            twilio.close();
        }
    }

    private Plan plan(String account) {
        return parley.parley().services().plans().plans("example-health", account).getFirst();
    }

    private void sweep() {
        parley.parley().jobs().run(Parley.MISSED_PAYMENTS_JOB);
    }

    @Test
    void englishWebChatPlanMissPayOnTheSandboxPageAndReceipt() {
        // The demo's own configuration: no Twilio, so the sandbox payment page is on.
        parley = TestParley.start(data, Map.of(), clock);
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("I'd like a payment plan");
            chat.nextMessage();
            chat.say("EH100234 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Here are the monthly plans I can offer for your balance of $1,234.50 (say "
                    + "\"every two weeks\" for plans paid every two weeks):");
            chat.bot("1. 3 months: 3 payments of $411.50");
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();
            chat.say("1");
            for (int i = 0; i < 5; i++) {
                chat.nextMessage();
            }
            chat.say("yes");
            chat.bot("Thank you, your payment plan is set up. Your first payment of $411.50 is "
                    + "due January 3, 2027.");
            chat.bot("Is there anything else I can help you with?");

            clock.set(Instant.parse("2027-01-14T17:00:00Z"));
            sweep();
            assertEquals(List.of("Pay my bill", "Payment plan", "Talk to a person"),
                    chat.bot("Your plan payment of $411.50 that was due January 3, 2027 has not "
                            + "reached us yet. What would you like to do?").get("options")
                            .findValuesAsText("label"));

            chat.say("Pay my bill");
            chat.bot("You can pay the missed $411.50 or another amount. How much would you like to "
                    + "pay today?");
            chat.say("411.50");
            String link = Links.in(chat.nextMessage().get("text").asText());
            chat.nextMessage();
            assertEquals(200, Links.pay(parley, link, "4242424242424242").statusCode());

            chat.bot("Thank you! We received your payment of $411.50 on January 14, 2027. Your "
                    + "balance with Example Health is now $823.00.");
            assertEquals("1 paid 411.50", plan("EH100234").installments().stream()
                    .filter(i -> i.number() == 1)
                    .map(i -> i.number() + " " + i.state().code() + " " + i.paid().toPlainString())
                    .findFirst().orElseThrow());
        }
    }

    @Test
    void spanishSmsPlanMissPayOnTheClientsPageAndReceiptFromItsWebhook() {
        // A production-like configuration: Twilio, so no sandbox; the client's own payment page
        // and its signed webhook.
        twilio = FakeTwilio.start();
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.put(Webhooks.ENV, Webhooks.SECRET);
        parley = TestParley.start(data, env, clock);
        assertEquals(200, parley.api("PUT", "/api/clients/example-health/settings/payments",
                "application/json", "{\"pageTemplate\": \"https://pay.example-health.test/p/{token}\"}")
                .statusCode());
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550147");
        phone.text("Quiero un plan de pagos");
        phone.next();
        phone.text("EH100587 30318");
        phone.next();
        phone.text("1");
        phone.next();
        phone.text("sí");
        phone.reply("""
                Su plan quedó establecido. Primer pago de $1,080.00 el 3 de enero de 2027.
                ¿Hay algo más en lo que pueda ayudarle?
                1 Ver mi saldo
                2 Pagar mi factura
                3 Plan de pagos
                4 Ayuda financiera
                5 Hablar con una persona
                Responda con un número del 1 al 5.""");

        clock.set(Instant.parse("2027-01-14T17:00:00Z"));
        sweep();
        phone.reply("""
                Su pago del plan de $1,080.00 del 3 de enero de 2027 no nos ha llegado. Responda \
                STOP para no recibir mensajes. ¿Qué desea hacer?
                1 Pagar mi factura
                2 Plan de pagos
                3 Hablar con una persona
                Responda con un número del 1 al 3.""");

        phone.text("1");
        phone.next();
        phone.text("1080");
        String link = Links.in(phone.next().body());
        assertEquals(true, link.startsWith("https://pay.example-health.test/p/ey"), link);
        // The patient pays on the client's page; the client's system reports it.
        assertEquals(200, Webhooks.deliver(parley, clock.instant(), "example-health",
                "{\"paymentId\":\"eh-pay-9001\",\"accountNumber\":\"EH100587\",\"amount\":"
                + "\"1080.00\",\"currency\":\"USD\",\"paidAt\":\"2027-01-14T17:05:00Z\","
                + "\"method\":\"card\",\"last4\":\"1111\"}").statusCode());

        phone.reply("¡Gracias! Recibimos su pago de $1,080.00 el 14 de enero de 2027. Su saldo "
                + "con Example Health ahora es de $2,160.00.");
        assertEquals("paid", plan("EH100587").installments().getFirst().state().code());
    }
}
