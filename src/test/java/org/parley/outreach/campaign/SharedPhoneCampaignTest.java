package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * Three accounts on one phone, each texted a campaign step (a tester's report): the patient who
 * answers verifies with what verifies them on a phone of their own, and reads the step that was
 * sent for the account they verified as, not another account's step said in the same thread.
 */
class SharedPhoneCampaignTest {

    static final String PHONE = "+14045550139";
    static final String HEADER = "account_number,first_name,last_name,date_of_birth,zip,phone,"
            + "email,preferred_language,encounter_id,service_date,provider,description,charges,"
            + "insurance_paid,adjustments,patient_responsibility,due_date";
    private static final String WHICH = "This phone number is on more than one account. Please "
            + "send the first name of the patient you're asking about.";

    @TempDir
    Path data;
    FakeTwilio twilio;
    CampaignFixture f;
    SmsPhone phone;

    @BeforeEach
    void eliGetsTheFinalNoticeThenDanaAndFayAReminder() {
        twilio = FakeTwilio.start();
        f = new CampaignFixture(data, SmsPhone.env(twilio));
        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        importFamily(f);
        phone = new SmsPhone(f.parley, twilio, PHONE);

        texted("campaign.final", "[\"pay\"]", "EH300002\n");
        phone.reply("Example Health: you have an important billing message. Reply to read it. "
                + "Help: (555) 010-0199. Reply STOP to opt out.\n1 Pay my bill\n"
                + "Reply with a number from 1 to 1.");
        f.clock.set(Instant.parse("2026-12-07T15:00:01Z"));
        texted("campaign.reminder", "[\"pay\", \"payment_plan\"]", "EH300001\nEH300003\n");
        phone.next();
        phone.next();
    }

    @AfterEach
    void stop() {
        f.close();
        twilio.close();
    }

    @Test
    void verifiedByAccountNumberAndZipThePatientReadsTheStepSentForThatAccount() {
        phone.text("1");
        phone.reply(WHICH);

        phone.text("EH300002 30305");

        assertEquals("""
                Thank you, Eli. I've confirmed your identity.
                Example Health: final notice about your balance. Help: (555) 010-0199. Reply \
                STOP to opt out.""", firstLines(2));
    }

    @Test
    void verifiedByFirstNameThenBirthDateThePatientReadsTheStepSentForThatAccount() {
        phone.text("1");
        phone.next();
        phone.text("Eli");
        phone.reply(SmsPhone.VERIFY_EN);

        phone.text("03/04/1981 Park");

        assertEquals("""
                Thank you, Eli. I've confirmed your identity.
                Example Health: final notice about your balance. Help: (555) 010-0199. Reply \
                STOP to opt out.""", firstLines(2));
    }

    /** Dana Moss, Eli Park and Fay Quinn: three accounts, three ZIP codes, one phone. */
    static void importFamily(CampaignFixture f) {
        HttpResponse<String> imported = f.parley.api("POST",
                "/api/clients/example-health/balances", "text/csv", HEADER + "\n"
                        + row("EH300001", "Dana", "Moss", "1980-01-02", "30303") + "\n"
                        + row("EH300002", "Eli", "Park", "1981-03-04", "30305") + "\n"
                        + row("EH300003", "Fay", "Quinn", "1982-05-06", "30307") + "\n");
        assertEquals(200, imported.statusCode(), imported.body());
        HttpResponse<String> settings = f.parley.api("PUT", "/api/clients/"
                + CampaignFixture.CLIENT + "/settings/outreach", "application/json",
                "{\"throughput\": {\"perSecond\": 10}}");
        assertEquals(200, settings.statusCode(), settings.body());
    }

    /** The family's phone, and each account, at a cap of one text a day. */
    static void oneTextADay(CampaignFixture f) {
        HttpResponse<String> settings = f.parley.api("PUT", "/api/clients/"
                + CampaignFixture.CLIENT + "/settings/outreach", "application/json",
                "{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 1}}, "
                        + "\"throughput\": {\"perSecond\": 10}}");
        assertEquals(200, settings.statusCode(), settings.body());
    }

    /** The campaign job and the sending job now, the texts handed to Twilio. */
    static void scheduleAndSend(CampaignFixture f) {
        f.runJob();
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        // The texts' places under 10 a second are in this second: let it pass.
        f.clock.set(f.clock.instant().plusSeconds(1));
        f.parley.settleTexts();
    }

    /** Defines the campaign {@code json} for the accounts of {@code list}; answers its id. */
    static String forList(CampaignFixture f, String json, String list) {
        String id = f.create(json);
        HttpResponse<String> uploaded = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", list);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        return id;
    }

    private static String row(String account, String first, String last, String born,
                              String zip) {
        return String.join(",", account, first, last, born, zip, PHONE, "", "en",
                account + "-1", "2026-11-02", "Dr. Lena Ortiz", "Office visit", "200.00",
                "80.00", "0.00", "120.00", "2027-01-10");
    }

    /** A one-step campaign of {@code template} to {@code list}, scheduled and said now. */
    private void texted(String template, String options, String list) {
        forList(f, """
                {"name": "%s", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "%s", "options": %s}],
                 "start": "2026-12-07", "end": "2026-12-31"}""".formatted(template, template,
                options), list);
        scheduleAndSend(f);
    }

    private String firstLines(int n) {
        return firstLines(phone, n);
    }

    /** The first {@code n} lines of the next text to {@code phone}. */
    static String firstLines(SmsPhone phone, int n) {
        return String.join("\n", phone.next().body().lines().limit(n).toList());
    }
}
