package org.parley.channel.sms;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole conversations by text message, through signed webhooks and the real Twilio SDK against
 * a fake Twilio, asserting each text exactly as the patient's phone would show it.
 */
class SmsConversationTest extends SmsCase {

    static final TestClock CLOCK = new TestClock(TestParley.NOW);

    @BeforeAll
    static void start() {
        startSms(CLOCK);
    }

    @Test
    void englishPatientTextsForTheirBalance() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550123");

        phone.text("What do I owe?");
        phone.reply("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.
                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");

        phone.text("03/14/1985 Rivera");
        phone.reply("""
                Thank you, Alex. I've confirmed your identity.
                Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 (in 27 days).
                September 2, 2026: Office visit with Dr. Lena Ortiz, $45.00
                October 15, 2026: MRI, left knee with Northside Imaging, $1,189.50
                Your last payment was $50.00 on November 2, 2026.
                Is there anything else I can help you with?
                1 Check my balance
                2 Pay my bill
                3 Payment plan
                4 Financial assistance
                5 Talk to a person
                Reply with a number from 1 to 5.""");

        phone.text("5");
        // How long depends on who else this class queued: any number of minutes is right.
        String reply = phone.next().body();
        assertTrue(reply.matches("""
                I've asked a person from Example Health to join this conversation. They will reach \
                out here shortly, or you can call \\(555\\) 010-0199\\.
                A person usually answers within \\d+ minutes\\. Anything you write here until then \
                reaches them\\."""), reply);
    }

    @Test
    void spanishPatientIsAnsweredInSpanishFromTheirFirstText() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550147");

        phone.text("Hola");
        phone.reply("""
                Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su factura.
                ¿Qué desea hacer?
                1 Ver mi saldo
                2 Pagar mi factura
                3 Plan de pagos
                4 Ayuda financiera
                5 Hablar con una persona
                Responda con un número del 1 al 5.""");

        phone.text("1");
        phone.reply("""
                Primero confirmemos su identidad: envíe fecha de nacimiento y apellido \
                (ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.""");

        phone.text("2 de noviembre de 1979, Hernández");
        phone.reply("""
                Gracias, Lucía. Ya confirmé su identidad.
                Su saldo es de $3,240.00 por 2 visitas. Vence el 15 de enero de 2027 (dentro de 42 días).
                20 de agosto de 2026: Emergency visit con Example Health Emergency Department, $2,100.00
                10 de septiembre de 2026: Cardiology stress test con Dr. Tomás Peña, $1,140.00
                Todavía no tenemos pagos registrados.
                ¿Hay algo más en lo que pueda ayudarle?
                1 Ver mi saldo
                2 Pagar mi factura
                3 Plan de pagos
                4 Ayuda financiera
                5 Hablar con una persona
                Responda con un número del 1 al 5.""");
    }

    @Test
    void aPhoneSharedByAFamilyAsksWhichPatientBeforeVerifying() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550168");

        phone.text("balance");
        phone.reply("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.
                This phone number is on more than one account. Please send the first name of the \
                patient you're asking about.""");

        phone.text("Casey");
        phone.reply("""
                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");

        // Jordan's identity is right, but this conversation is about Casey.
        phone.text("06/21/1990 Lee");
        phone.reply("""
                That doesn't match our records. You have 2 more tries. Please send your date of birth \
                and last name, or your account number and ZIP code.""");
    }

    @Test
    void aReplyAfterTheSessionExpiredIsNotAppliedToTheOldQuestion() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550182");
        phone.text("balance");
        phone.next();

        CLOCK.advance(Duration.ofHours(25));
        phone.text("07/04/1967 Patel");

        phone.reply("""
                It's been a while since we last talked, so I've started over to keep your account safe.
                What would you like to do?
                1 Check my balance
                2 Pay my bill
                3 Payment plan
                4 Financial assistance
                5 Talk to a person
                Reply with a number from 1 to 5.""");
        var conversation = parley.parley().services().conversations().find(
                parley.parley().sms().outbox("example-health", "+14045550182", 0).get(0)
                        .conversationId()).orElseThrow();
        assertEquals(false, conversation.dialog().verified());
    }

    @Test
    void helpAnswersWithoutDisturbingTheStepAndStopSilencesEverythingUntilStart() {
        String number = "+14045550191";
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("balance");
        phone.next();

        phone.text("HELP");
        phone.reply("Example Health billing: to reach a person, call (555) 010-0199. Msg & data "
                + "rates may apply. Reply STOP to opt out.");
        phone.text("03/14/1985");
        phone.reply("Thanks. Now please send your last name.");

        phone.text("  Stop. ");
        phone.reply("You're unsubscribed from Example Health"
                + " text messages and will get no more texts. Reply "
                + "START to resubscribe.");
        phone.text("STOP");
        phone.text("Rivera");
        parley.parley().sms().sender().drain();
        assertEquals(4, twilio.requests().stream().filter(r -> r.to().equals(number)).count(),
                "greeting, help, the last-name question and one confirmation; nothing after it");

        phone.text("start");
        phone.reply("You're subscribed to Example Health messages again. Reply HELP for help, "
                + "STOP to opt out.");
        assertEquals(List.of("opt_out keyword", "opt_out keyword", "opt_in keyword"),
                parley.parley().services().consent().history("example-health", "sms", number)
                        .stream().map(e -> e.action() + " " + e.how()).toList());
    }

    @Test
    void askingToStopInOtherWordsIsConfirmedStopsTextsAndFlagsTheConversationForAPerson() {
        String number = "+14045550192";
        SmsPhone phone = new SmsPhone(parley, twilio, number);
        phone.text("balance");
        phone.next();

        phone.text("Please stop texting me");
        phone.reply("You're unsubscribed from Example Health text messages and will get no "
                + "more texts. Reply START to resubscribe.");
        phone.text("STOP");
        phone.text("stop texting me!");
        phone.text("hello?");
        parley.parley().sms().sender().drain();

        assertEquals(2, twilio.requests().stream().filter(r -> r.to().equals(number)).count(),
                "the greeting and one confirmation; nothing after it");
        assertEquals("opt_out request_in_words, opt_out keyword, opt_out request_in_words",
                String.join(", ", parley.parley().services().consent()
                        .history("example-health", "sms", number).stream()
                        .map(e -> e.action() + " " + e.how()).toList()));
        assertEquals(true, parley.parley().services().consent()
                .optedOut("example-health", "sms", number));
        var thread = parley.parley().sms().outbox("example-health", number, 0);
        var conversation = parley.parley().services().conversations()
                .find(thread.get(0).conversationId()).orElseThrow();
        assertEquals("needs_agent opt_out_request", conversation.status() + " "
                + conversation.dialog().agentReason().orElseThrow());
    }

    @Test
    void carrierHelpIsAnsweredInTheConversationsLanguage() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550193");
        phone.text("Hola");
        phone.next();
        phone.text("español");
        phone.next();

        phone.text("HELP");

        phone.reply("Example Health facturación: para hablar con alguien llame al (555) 010-0199. "
                + "Pueden aplicar tarifas. Responda STOP para darse de baja.");
    }

    @Test
    void aBodyLongerThanAnyTextMessageIsRefusedAndNotStored() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550194");

        var response = phone.post("SM" + "f".repeat(32), "x".repeat(1601));

        assertEquals(400, response.statusCode());
        assertEquals(List.of(), parley.parley().sms().outbox("example-health", "+14045550194", 0));
    }

    @Test
    void aFreshRequestAfterTheSessionExpiredIsTakenUpAfterSayingSo() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550195");
        phone.text("balance");
        phone.next();

        CLOCK.advance(Duration.ofHours(25));
        phone.text("check my balance");

        phone.reply("""
                It's been a while since we last talked, so I've started over to keep your account safe.
                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");
    }

    @Test
    void theTranscriptShowsHowEachTextWasDelivered() throws Exception {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550196");
        phone.text("balance");
        FakeTwilio.Request sent = phone.next();
        parley.parley().sms().sender().drain();
        String id = parley.parley().sms().outbox("example-health", "+14045550196", 0).get(0)
                .conversationId();

        var response = parley.api("GET", "/api/conversations/" + id, null, null);

        var reply = org.parley.web.Json.MAPPER.readTree(response.body()).get("messages").get(1);
        assertEquals(sent.body(), reply.get("text").asText());
        assertEquals("sent GSM_7 2", reply.get("delivery").get("status").asText() + " "
                + reply.get("delivery").get("encoding").asText() + " "
                + reply.get("delivery").get("segments").asInt());
    }
}
