package org.parley.outreach.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three accounts on one phone, each texted a campaign step (a tester's report): the patient who
 * answers verifies with what verifies them on a phone of their own, and reads the step that was
 * sent for the account they verified as, not another account's step said in the same thread.
 */
class SharedPhoneCampaignTest extends SharedPhoneCase {

    private static final String WHICH = "This phone number is on more than one account. Please "
            + "send the first name of the patient you're asking about.";

    SmsPhone phone;

    @BeforeEach
    void eliGetsTheFinalNoticeThenDanaAndFayAReminder() {
        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        importFamily();
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

    /** A one-step campaign of {@code template} to {@code list}, scheduled and said now. */
    private void texted(String template, String options, String list) {
        f.createForList("""
                {"name": "%s", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "%s", "options": %s}],
                 "start": "2026-12-07", "end": "2026-12-31"}""".formatted(template, template,
                options), list);
        scheduleAndSend();
    }

    private String firstLines(int n) {
        return firstLines(phone, n);
    }
}
