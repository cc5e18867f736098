package org.parley.assistance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The alert of an assistance change no verified conversation could carry offers where the
 * application stands, numbered on SMS; a reply "1" verifies the patient and tells them.
 */
class AssistanceAlertReplyTest {

    @TempDir
    Path data;
    FakeTwilio twilio;
    TestParley parley;

    @BeforeEach
    void start() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), new TestClock(TestParley.NOW));
        HttpResponse<String> r = parley.api("PUT", "/api/clients/example-health/settings/"
                + "outreach", "application/json", "{\"alerts\": {\"assistance_status\": true}}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
    }

    @Test
    void aReplyOfOneToAnAssistanceAlertTellsWhereTheApplicationStandsAfterVerification() {
        SmsPhone alex = new SmsPhone(parley, twilio, "+14045550123");
        String id = AssistanceFixture.open(parley, "EH100234");
        assertEquals("FA-1001", id);
        Outreach outreach = parley.parley().services().outreach();
        outreach.unreachedAssistance("example-health", "EH100234", "example-health:" + id + ":0");

        parley.parley().jobs().run(Outreach.SEND_JOB);

        alex.reply("""
                Example Health has a billing message for you. Choose an option; we will confirm \
                who you are first. Help: (555) 010-0199. Reply STOP to opt out.
                1 Application status
                2 Talk to a person
                Reply with a number from 1 to 2.""");
        alex.text("1");
        alex.reply(SmsPhone.VERIFY_EN);
        alex.text("03/14/1985 Rivera");
        alex.reply("""
                Thank you, Alex. I've confirmed your identity.
                Your application FA-1001 for Example Health Care Assistance was sent to you on \
                December 4, 2026. Next: please complete it and send it with these documents: \
                proof of income (recent pay stubs or a benefits letter), a photo ID, and proof \
                of address. The application is at \
                https://apply.example-health.example.test/assistance?ref=FA-1001&lang=en
                """ + SmsPhone.MENU_EN);
    }
}
