package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * A reply to a campaign text is read against the options that text offered, not every option of
 * the step the reply lands at: a number beyond them is asked again with the offered options, in
 * the patient's language (a tester's report: "2" to a text offering only "1 Pay my bill" started
 * a payment plan).
 */
class CampaignOfferedOptionsTest {

    @TempDir
    Path data;
    FakeTwilio twilio;
    CampaignFixture f;

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start();
        f = new CampaignFixture(data, SmsPhone.env(twilio));
    }

    @AfterEach
    void stop() {
        f.close();
        twilio.close();
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

        alex.text("1");
        alex.reply(SmsPhone.VERIFY_EN);
        alex.text("03/14/1985 Rivera");

        assertEquals("""
                Thank you, Alex. I've confirmed your identity.
                Example Health: a reminder about your balance. Help: (555) 010-0199. Reply STOP \
                to opt out.
                I can't send you a payment link: Example Health hasn't set up online payment \
                here yet.""", String.join("\n", alex.next().body().lines().limit(3).toList()));
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

    /** A one-step campaign offering only "pay", texted to one account on its first day. */
    private SmsPhone textPayOnly(String account, String phone) {
        String id = f.create("""
                {"name": "Pay only", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder",
                            "options": ["pay"]}],
                 "start": "2026-12-07", "end": "2026-12-31"}""");
        f.parley.api("POST", BASE + "/" + id + "/audience", "text/csv", account + "\n");
        f.runJobAt("2026-12-07T15:00:00Z");
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        return new SmsPhone(f.parley, twilio, phone);
    }
}
