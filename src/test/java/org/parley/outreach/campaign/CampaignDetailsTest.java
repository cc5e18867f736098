package org.parley.outreach.campaign;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outreach;
import org.parley.testing.EmailPatient;
import org.parley.testing.FakeTwilio;
import org.parley.testing.MailServer;
import org.parley.testing.SmsPhone;

import java.nio.file.Path;

import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * A campaign message that offered no options is read by any answer: the patient proves who
 * they are, reads the step's own text (in their language, the channel's variant), then is asked
 * what they would like to do.
 */
class CampaignDetailsTest {

    @TempDir
    Path data;

    @Test
    void anyTextedAnswerVerifiesThenSaysTheStepsOwnTextInSpanishAndItsOptions() {
        try (FakeTwilio twilio = FakeTwilio.start();
             CampaignFixture f = new CampaignFixture(data, SmsPhone.env(twilio))) {
            start(f, "sms", "campaign.final", "EH100587");
            SmsPhone lucia = new SmsPhone(f.parley, twilio, "+14045550147");
            f.parley.parley().jobs().run(Outreach.SEND_JOB);

            lucia.reply("Example Health: tiene un mensaje importante sobre su factura. Responda "
                    + "para leerlo. Ayuda: (555) 010-0199. Responda STOP para darse de baja.");
            lucia.text("ok");
            lucia.reply(SmsPhone.VERIFY_ES);
            lucia.text("02/11/1979 Hernández");
            lucia.reply("""
                    Gracias, Lucía. Ya confirmé su identidad.
                    Example Health: aviso final sobre su saldo. Ayuda: (555) 010-0199. Responda \
                    STOP para darse de baja.
                    ¿Qué desea hacer?
                    1 Pagar mi factura
                    2 Plan de pagos
                    3 Hablar con una persona
                    Responda con un número del 1 al 3.""");
        }
    }

    @Test
    void anEmailedAnswerVerifiesThenSaysTheStepsFullTextAndItsOptions() {
        try (MailServer mail = MailServer.start();
             CampaignFixture f = new CampaignFixture(data, mail.env())) {
            start(f, "email", "campaign.reminder", "EH100234");
            EmailPatient alex = new EmailPatient(f.parley, mail, "alex.rivera@example.test",
                    f.clock);
            f.parley.parley().jobs().run(Outreach.SEND_JOB);

            alex.receives("Example Health has a billing message for you. Reply to this message "
                    + "to read it after a quick identity check. For help, call (555) 010-0199. "
                    + "Reply STOP to opt out.");
            alex.reply("What is this about?");
            alex.receives(SmsPhone.VERIFY_EN);
            alex.reply("03/14/1985 Rivera");
            alex.receives("""
                    Thank you, Alex. I've confirmed your identity.

                    This is a reminder from Example Health about your balance. You can pay now \
                    or set up a payment plan. For help, call (555) 010-0199. Reply STOP to opt \
                    out.

                    What would you like to do?
                    1 Pay my bill
                    2 Payment plan
                    3 Talk to a person
                    Reply with a number from 1 to 3.""");
        }
    }

    /** A one-step campaign without options to one account, run on its first day. */
    private static void start(CampaignFixture f, String channel, String template,
                              String account) {
        String id = f.create("""
                {"name": "One step", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "%s", "template": "%s"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""".formatted(channel, template));
        f.parley.api("POST", BASE + "/" + id + "/audience", "text/csv", account + "\n");
        f.runJobAt("2026-12-07T15:00:00Z");
    }
}
