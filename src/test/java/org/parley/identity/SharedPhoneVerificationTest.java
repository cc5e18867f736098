package org.parley.identity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A phone several accounts share asks which patient the texts are about, and takes there what
 * verifies a patient on a phone of their own: account number and ZIP code, or date of birth and
 * last name, for the one account of that phone they match (a tester's report: account number
 * and ZIP were refused as "that name"). A match of none counts a try, as on a phone of its own.
 * The demo's Lees, Jordan (EH100611, born 1990-06-21) and Casey (EH100612, born 1988-01-30),
 * share +14045550168 and ZIP 30305; each test adds twins, Robin and Sam Lee, on that phone.
 */
class SharedPhoneVerificationTest {

    private static final String LEES = "+14045550168";
    private static final String WHICH = "This phone number is on more than one account. Please "
            + "send the first name of the patient you're asking about.";

    @TempDir
    Path data;
    FakeTwilio twilio;
    TestParley parley;
    SmsPhone phone;

    @BeforeEach
    void theLeesAndTheTwinsAskForTheirBalance() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), new TestClock(TestParley.NOW));
        twins();
        phone = new SmsPhone(parley, twilio, LEES);
        phone.text("balance");
        phone.reply("Hi, this is the billing assistant for Example Health. I can help you with "
                + "your bill.\n" + WHICH);
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
    }

    @Test
    void anAccountNumberAndZipInsteadOfAFirstNameVerifiesThatAccountsPatient() {
        phone.text("EH100612 30305");

        assertEquals("Thank you, Casey. I've confirmed your identity.\n"
                + "Your balance is $62.40 for 1 visit. It is due by January 5, 2027 (in 32 days).",
                firstLines(2));
    }

    @Test
    void aDateOfBirthAndLastNameInsteadOfAFirstNamePickThePatientTheyMatch() {
        phone.text("06/21/1990 Lee");

        assertEquals("Thank you, Jordan. I've confirmed your identity.\n"
                + "Your balance is $85.00 for 1 visit. It is due by January 5, 2027 (in 32 days).",
                firstLines(2));
    }

    @Test
    void anAccountNumberAloneAsksForItsZipAndThenVerifies() {
        phone.text("EH100611");
        phone.reply("Thanks. Now please send the ZIP code on the account.");

        phone.text("30305");

        assertEquals("Thank you, Jordan. I've confirmed your identity.", firstLines(1));
    }

    @Test
    void anotherPhonesAccountCountsAFailedTryAndTheRightOneStillVerifies() {
        // Alex Rivera's account and ZIP are real, but not on this phone.
        phone.text("EH100234 30301");
        phone.reply("That doesn't match our records. You have 2 more tries. Please send your "
                + "date of birth and last name, or your account number and ZIP code.");

        phone.text("EH100612 30305");

        assertEquals("Thank you, Casey. I've confirmed your identity.", firstLines(1));
    }

    @Test
    void threeTriesMatchingNoneOfThePhonesAccountsLockAsOnAPhoneOfItsOwn() {
        phone.text("EH100612 30301");
        phone.next();
        phone.text("01/30/1988 Rivera");
        phone.next();

        phone.text("EH100611 30303");

        assertEquals("I couldn't confirm your identity, so I've stopped here to protect your "
                + "account. A person from Example Health will follow up with you, or you can "
                + "call (555) 010-0199.", firstLines(1));
    }

    @Test
    void aFirstNameStillNarrowsToThatPatientBeforeVerifying() {
        phone.text("Jordan");
        phone.reply(SmsPhone.VERIFY_EN);

        phone.text("01/30/1988 Lee");

        phone.reply("That doesn't match our records. You have 2 more tries. Please send your "
                + "date of birth and last name, or your account number and ZIP code.");
    }

    @Test
    void twinsOnThePhoneMatchedByBirthDateAndLastNameAreAskedWhichOneWithoutATryCounted() {
        phone.text("05/06/2010 Lee");
        phone.reply("More than one account matches that. Please send your account number and "
                + "ZIP code instead, or your first name with your date of birth and last name.");
        phone.text("Robin 05/06/2010 Lee");

        assertEquals("Thank you, Robin. I've confirmed your identity.", firstLines(1));
        assertEquals(0, parley.parley().services().conversations().find(
                parley.parley().sms().outbox("example-health", LEES, 0).get(0).conversationId())
                .orElseThrow().dialog().failedAttempts());
    }

    /** Robin (EH300101) and Sam (EH300102) Lee, twins, imported onto the Lees' phone. */
    private void twins() {
        String row = ",Lee,2010-05-06,30305," + LEES + ",,en,EH-T-%s,2026-11-02,Dr. Lena Ortiz,"
                + "Office visit,200.00,80.00,0.00,120.00,2027-01-10";
        HttpResponse<String> imported = parley.api("POST",
                "/api/clients/example-health/balances", "text/csv",
                "account_number,first_name,last_name,date_of_birth,zip,phone,email,"
                        + "preferred_language,encounter_id,service_date,provider,description,"
                        + "charges,insurance_paid,adjustments,patient_responsibility,due_date\n"
                        + "EH300101,Robin" + row.formatted("1") + "\n"
                        + "EH300102,Sam" + row.formatted("2") + "\n");
        assertEquals(200, imported.statusCode(), imported.body());
    }

    private String firstLines(int n) {
        return String.join("\n", phone.next().body().lines().limit(n).toList());
    }
}
