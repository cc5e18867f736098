package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.parley.audit.AuditLog;
import org.parley.outreach.Outreach;
import org.parley.testing.SmsPhone;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * A campaign step goes all the way: the campaign job schedules it, the outreach sender texts the
 * generic first message with the step's options, and the patient's answer lands in the dialog:
 * after verification the step's own text, then the option picked. The answer is read against
 * the options the text offered: a number beyond them is asked again with those options.
 */
class CampaignEndToEndTest extends CampaignSmsCase {

    private static final String PAGE = "https://pay.example-health.test/p/";

    @Test
    void aStepIsTextedGenericallyWithItsOptionsAndTheAnswerIsTakenInTheDialog() {
        String id = f.createForList("""
                {"name": "Alex only", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder",
                            "options": ["pay", "payment_plan"]}],
                 "start": "2026-12-07", "end": "2026-12-31"}""", "EH100234\n");
        SmsPhone alex = new SmsPhone(f.parley, twilio, "+14045550123");

        f.runJobAt("2026-12-07T15:00:00Z");
        f.parley.parley().jobs().run(Outreach.SEND_JOB);

        alex.reply("""
                Example Health: you have a billing message. Reply to read it. Help: \
                (555) 010-0199. Reply STOP to opt out.
                1 Pay my bill
                2 Payment plan
                Reply with a number from 1 to 2.""");
        picksPayAndVerifies(alex);
        f.parley.parley().jobs().run(Outreach.FOLLOW_JOB);
        JsonNode results = CampaignFixture.json(f.get(BASE + "/" + id + "/results"));
        assertEquals("{\"scheduled\":1,\"waiting\":0,\"paused\":0,\"queued\":0,\"held\":0,"
                + "\"holdReasons\":{},\"sent\":1,\"delivered\":0,\"failed\":0,\"refused\":0,"
                + "\"suppressed\":0,\"cancelled\":0,\"skipped\":0,\"replied\":1,"
                + "\"optedOut\":0,\"paid\":0,\"planCreated\":0,\"assistanceRequested\":0}",
                results.get("totals").toString());
    }

    @Test
    void payingAfterTheReminderStatesTheBalanceInThePatientsLanguageAndLinksToIt() {
        assertEquals(200, f.parley.api("PUT", "/api/clients/example-health/settings/payments",
                "application/json", "{\"pageTemplate\": \"" + PAGE + "{token}\"}").statusCode());
        SmsPhone lucia = textPayOnly("EH100587", "+14045550147");
        lucia.next();

        lucia.text("1");
        lucia.reply(SmsPhone.VERIFY_ES);
        lucia.text("02/11/1979 Hernández");
        lucia.reply("""
                Gracias, Lucía. Ya confirmé su identidad.
                Example Health: recordatorio sobre su saldo. Ayuda: (555) 010-0199. Responda \
                STOP para darse de baja.
                Su saldo con Example Health es de $3,240.00.
                ¿Cuánto desea pagar hoy? Su saldo es de $3,240.00. Puede pagarlo todo o una \
                parte.""");
        lucia.text("todo");

        assertEquals("Aquí tiene su enlace de pago seguro por $3,240.00: " + PAGE,
                lucia.next().body().lines().findFirst().orElseThrow().replaceAll(
                        "(/p/)\\S+.*", "$1"));
        String conversationId = f.parley.parley().sms()
                .outbox(CampaignFixture.CLIENT, "+14045550147", 0).get(0).conversationId();
        assertEquals(List.of("EH100587"), f.parley.parley().services().audit()
                .forConversation(conversationId).stream()
                .filter(e -> e.event().equals("balance_disclosed"))
                .map(AuditLog.Entry::accountNumber).distinct().toList());
    }

    @Test
    void aNumberBeyondTheOfferedOptionsIsAskedAgainWithThoseOptions() {
        SmsPhone alex = textPayOnly("EH100234", "+14045550123");
        alex.reply("""
                Example Health: you have a billing message. Reply to read it. Help: \
                (555) 010-0199. Reply STOP to opt out.
                1 Pay my bill
                Reply with a number from 1 to 1.""");

        alex.text("2");

        alex.reply("""
                What would you like to do?
                1 Pay my bill
                Reply with a number from 1 to 1.""");
    }

    @Test
    void afterANumberBeyondTheOfferedOptionsTheOfferedOneStillLeadsToPaying() {
        SmsPhone alex = textPayOnly("EH100234", "+14045550123");
        alex.next();
        alex.text("2");
        alex.next();

        picksPayAndVerifies(alex);
    }

    @Test
    void aNumberBeyondTheOfferedOptionsIsAskedAgainInThePatientsLanguage() {
        SmsPhone lucia = textPayOnly("EH100587", "+14045550147");
        lucia.next();

        lucia.text("3");

        lucia.reply("""
                ¿Qué desea hacer?
                1 Pagar mi factura
                Responda con un número del 1 al 1.""");
    }

    /**
     * A one-step campaign offering only "pay", texted to one account on its first day (a
     * tester's report: "2" to it started a payment plan).
     */
    private SmsPhone textPayOnly(String account, String phone) {
        f.createForList("""
                {"name": "Pay only", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder",
                            "options": ["pay"]}],
                 "start": "2026-12-07", "end": "2026-12-31"}""", account + "\n");
        f.runJobAt("2026-12-07T15:00:00Z");
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        return new SmsPhone(f.parley, twilio, phone);
    }

    /**
     * Alex answers "1", verifies, and reads the step's own text, his balance (which the step's
     * text does not name), then the answer to paying.
     */
    private static void picksPayAndVerifies(SmsPhone alex) {
        alex.text("1");
        alex.reply(SmsPhone.VERIFY_EN);
        alex.text("03/14/1985 Rivera");
        assertEquals("""
                Thank you, Alex. I've confirmed your identity.
                Example Health: a reminder about your balance. Help: (555) 010-0199. Reply STOP \
                to opt out.
                Your balance with Example Health is $1,234.50.
                I can't send you a payment link: Example Health hasn't set up online payment \
                here yet.""", String.join("\n", alex.next().body().lines().limit(4).toList()));
    }
}
