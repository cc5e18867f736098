package org.parley.plans;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.payments.Links;
import org.parley.payments.PaymentLink;
import org.parley.testing.ChatClient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A plan with a down payment: once the patient agrees, the secure link to pay exactly the down
 * payment comes at once, on web chat and SMS, in English and Spanish; without a payment page a
 * person takes over, as when paying now.
 */
class PlanDownPaymentTest {

    private static final String CLIENT = PlanPatients.CLIENT;
    /** The demo's rules with a down payment of 20%, at least $10.00, monthly only. */
    private static final String RULES = "{\"minimumInstallment\":\"25.00\",\"tiers\":["
            + "{\"upTo\":\"2000.00\",\"maxMonths\":12},{\"upTo\":\"10000.00\",\"maxMonths\":24}],"
            + "\"downPayment\":{\"percent\":\"20\",\"minimum\":\"10.00\"}}";
    private static final String PAGE = "https://pay.example-health.test/p/";
    @TempDir
    Path data;
    private TestParley parley;
    private FakeTwilio twilio;

    @AfterEach
    void stop() {
        parley.close();
        if (twilio != null) {
            twilio.close();
        }
    }

    private void start(Map<String, String> env) {
        parley = TestParley.start(data, env);
        assertEquals(200, parley.api("PUT", "/api/clients/" + CLIENT + "/settings/plans",
                "application/json", RULES).statusCode());
        PlanPatients.english(parley, "EH950001", "+14045550161");
        PlanPatients.spanish(parley, "EH950002", "+14045550162");
    }

    private ChatClient open(String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    private PaymentLink check(String link) {
        String token = URLDecoder.decode(link.substring(link.lastIndexOf('/') + 1),
                StandardCharsets.UTF_8);
        return parley.parley().payments().links().check(token);
    }

    /** The one link in {@code text}, which must read as {@code expected} around it. */
    private static String linkIn(String text, String expected) {
        String link = Links.in(text);
        assertEquals(expected, text.replace(link, "{link}"));
        return link;
    }

    @Test
    void englishChatPatientWhoAgreesGetsTheLinkForExactlyTheDownPaymentAndPaysIt() {
        start(Map.of());
        try (ChatClient chat = open("en")) {
            chat.say("I'd like a payment plan");
            chat.nextMessage();
            chat.say("EH950001 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Here are the plans I can offer for your balance of $1,234.50:");
            chat.bot("1. 3 months: $246.90 today, then 3 payments of $329.20");
            chat.bot("2. 6 months: $246.90 today, then 6 payments of $164.60");
            chat.bot("3. 12 months: $246.90 today, then 12 payments of $82.30");
            chat.nextMessage();

            chat.say("2");
            chat.bot("Here are the terms of your plan: $246.90 today, then 6 payments of $164.60 "
                    + "a month, $1,234.50 in all. The first is due January 3, 2027 and the last "
                    + "June 3, 2027.");
            chat.nextMessage();
            chat.say("yes");
            chat.bot("Thank you, your payment plan is set up. Your down payment of $246.90 is due "
                    + "today and your first installment of $164.60 on January 3, 2027.");
            String link = linkIn(chat.nextMessage().get("text").asText(), "Here is your secure "
                    + "link to pay the $246.90 due today: {link} It works once and expires in 30 "
                    + "minutes.");
            chat.bot("Is there anything else I can help you with?");

            PaymentLink paying = check(link);
            assertEquals(List.of("EH950001", "246.90", chat.conversationId()),
                    List.of(paying.accountNumber(), paying.amount().toPlainString(),
                            paying.conversationId()));
            assertEquals(200, Links.pay(parley, link, "4242424242424242").statusCode());
            Plan plan = parley.parley().services().plans().active(CLIENT, "EH950001")
                    .orElseThrow();
            PlanInstallment down = plan.installments().getFirst();
            assertEquals(List.of(0, new BigDecimal("246.90"), PlanInstallment.State.PAID),
                    List.of(down.number(), down.paid(), down.state()));
        }
    }

    @Test
    void spanishChatPatientWhoAgreesGetsTheLinkForTheDownPaymentInSpanish() {
        start(Map.of());
        try (ChatClient chat = open("es")) {
            chat.say("quiero un plan de pagos");
            chat.nextMessage();
            chat.say("EH950002 30318");
            chat.bot("Gracias, Lucía. Ya confirmé su identidad.");
            chat.bot("Estos son los planes que puedo ofrecerle para su saldo de $3,240.00:");
            chat.bot("1. 3 meses: $648.00 hoy y luego 3 pagos de $864.00");
            for (int i = 0; i < 5; i++) {
                chat.nextMessage();
            }

            chat.say("el de 12 meses");
            chat.bot("Estas son las condiciones de su plan: $648.00 hoy y luego 12 pagos de "
                    + "$216.00 al mes, $3,240.00 en total. El primero vence el 3 de enero de 2027 "
                    + "y el último el 3 de diciembre de 2027.");
            chat.nextMessage();
            chat.say("sí");
            chat.bot("Gracias, su plan de pagos quedó establecido. Su pago inicial de $648.00 "
                    + "vence hoy y su primera cuota, de $216.00, el 3 de enero de 2027.");
            String link = linkIn(chat.nextMessage().get("text").asText(), "Aquí tiene su enlace "
                    + "seguro para pagar los $648.00 que vencen hoy: {link} Funciona una sola vez "
                    + "y vence en 30 minutos.");
            chat.bot("¿Hay algo más en lo que pueda ayudarle?");

            assertEquals(new BigDecimal("648.00"), check(link).amount());
        }
    }

    @Test
    void smsPatientsGetTheDownPaymentLinkOnTheClientsPageInEnglishAndSpanish() {
        twilio = FakeTwilio.start();
        start(SmsPhone.env(twilio));
        assertEquals(200, parley.api("PUT", "/api/clients/" + CLIENT + "/settings/payments",
                "application/json", "{\"pageTemplate\": \"" + PAGE + "{token}\"}").statusCode());

        SmsPhone alex = new SmsPhone(parley, twilio, "+14045550161");
        alex.text("payment plan");
        alex.next();
        alex.text("EH950001 30301");
        alex.reply("""
                Thank you, Alex. I've confirmed your identity.
                Plans for your $1,234.50 balance:
                1. 3 months: $246.90 today, then 3 payments of $329.20
                2. 6 months: $246.90 today, then 6 payments of $164.60
                3. 12 months: $246.90 today, then 12 payments of $82.30
                Reply with a plan number, or what you can pay, like "$75 a month".""");
        alex.text("3");
        alex.next();
        alex.text("YES");
        String text = alex.next().body();
        String link = linkIn(text, """
                Your plan is set up. Down payment $246.90 due today; first installment $82.30 on \
                January 3, 2027.
                Here is your secure link to pay the $246.90 due today: {link} It works once and \
                expires in 30 minutes.
                """ + SmsPhone.MENU_EN);
        assertTrue(link.startsWith(PAGE), link);
        assertEquals(new BigDecimal("246.90"), check(link).amount());

        SmsPhone lucia = new SmsPhone(parley, twilio, "+14045550162");
        lucia.text("plan de pagos");
        lucia.next();
        lucia.text("EH950002 30318");
        lucia.next();
        lucia.text("1");
        lucia.next();
        lucia.text("sí");
        String texto = lucia.next().body();
        String enlace = linkIn(texto, """
                Su plan quedó establecido. Pago inicial de $648.00 hoy; primera cuota de $864.00 \
                el 3 de enero de 2027.
                Aquí tiene su enlace seguro para pagar los $648.00 que vencen hoy: {link} \
                Funciona una sola vez y vence en 30 minutos.
                """ + SmsPhone.MENU_ES);
        assertTrue(enlace.startsWith(PAGE), enlace);
        assertEquals(new BigDecimal("648.00"), check(enlace).amount());
    }

    @Test
    void withoutAPaymentPageThePlanStandsAndAPersonIsAskedToHelpPay() {
        start(Map.of("PARLEY_PAYMENTS_SANDBOX", "false"));
        try (ChatClient chat = open("en")) {
            chat.say("payment plan");
            chat.nextMessage();
            chat.say("EH950001 30301");
            for (int i = 0; i < 6; i++) {
                chat.nextMessage();
            }
            chat.say("1");
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();
            chat.say("yes");
            chat.bot("Thank you, your payment plan is set up. Your down payment of $246.90 is due "
                    + "today and your first installment of $329.20 on January 3, 2027.");
            chat.bot("I can't send you a payment link: Example Health hasn't set up online payment "
                    + "here yet.");
            chat.bot("I've asked a person from Example Health to help you pay. They will reach out "
                    + "here shortly, or you can call (555) 010-0199.");
            chat.bot("A person usually answers within 4 minutes. Anything you write here until "
                    + "then reaches them.");

            assertTrue(parley.parley().services().plans().active(CLIENT, "EH950001").isPresent());
            assertTrue(parley.parley().services().conversations().find(chat.conversationId())
                    .orElseThrow().dialog().needsAgent());
        }
    }
}
