package org.parley.assistance;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A screening belongs to the talk it was made in: "start over" or the SMS reset after a day
 * forgets it, so an earlier estimate never picks a new application's program; and once the
 * patient is verified, their account's ZIP code decides the region and the estimate is made
 * again when it differs.
 */
class ScreeningAttemptTest extends SmsCase {

    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-04T17:00:00Z"));

    @BeforeAll
    static void start() {
        startSms(CLOCK);
        String header = "account_number,first_name,last_name,date_of_birth,zip,phone,email,"
                + "preferred_language,encounter_id,service_date,provider,description,charges,"
                + "insurance_paid,adjustments,patient_responsibility,due_date\n";
        parley.parley().services().balances().importCsv("example-health", (header
                + "EH900001,Kai,Akana,1970-05-05,99501,,,en,EH900001-1,2026-09-02,"
                + "Dr. Lena Ortiz,Office visit,180.00,120.00,15.00,45.00,2026-12-31\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    private static Application pending(String account) {
        return parley.parley().services().assistance().applications()
                .pending("example-health", account).orElseThrow();
    }

    @Test
    void anEstimateBeforeStartOverIsNotAttachedToTheApplication() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();
            chat.say("4");
            chat.nextMessage();
            chat.say("$2,500 a month");
            chat.nextMessage();
            chat.nextMessage();
            chat.nextMessage();

            chat.say("start over");
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("no");
            chat.bot("Would you like to start an application? Please answer yes or no.");
            chat.say("yes");
            chat.nextMessage();
            chat.say("06/21/1990 Lee");
            chat.bot("Thank you, Jordan. I've confirmed your identity.");
            chat.nextMessage();
            chat.say("here");
            chat.nextMessage();
        }

        assertEquals(Optional.empty(), pending("EH100611").screening());
    }

    @Test
    void anEstimateBeforeTheSmsResetIsNotAttachedToTheApplication() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+16785550187");
        phone.text("financial assistance");
        phone.next();
        phone.text("yes");
        phone.next();
        phone.text("just me");
        phone.next();
        phone.text("$2,000 a month");
        phone.next();

        CLOCK.advance(Duration.ofHours(25));
        phone.text("financial assistance");
        phone.next();
        phone.text("no");
        phone.reply("Would you like to start an application? Please answer yes or no.");
        phone.text("yes");
        phone.next();
        phone.text("EH100587 30318");
        phone.next();
        phone.text("text");
        phone.next();

        assertEquals(Optional.empty(), pending("EH100587").screening());
    }

    @Test
    void theAccountsZipCodeDecidesTheRegionOnceVerifiedAndTheEstimateIsMadeAgain() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();
            chat.say("just me");
            chat.nextMessage();
            chat.say("$33,000 a year");
            chat.bot("Thank you. With 1 person in your household and $33,000.00 a year, you may "
                    + "qualify for 75% off your bill under Example Health Care Assistance.");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("yes");
            chat.nextMessage();
            chat.say("EH900001 99501");

            chat.bot("Thank you, Kai. I've confirmed your identity.");
            chat.bot("Your account's address is in Alaska, where the poverty guidelines differ, "
                    + "so I've updated your estimate: you may qualify for free care under "
                    + "Example Health Care Assistance.");
            String id = pending("EH900001").id();
            chat.bot("Here is your application for Example Health Care Assistance, number " + id
                    + ": https://apply.example-health.example.test/assistance?ref=" + id
                    + "&lang=en");
        }

        Application.ScreeningRecord screening = pending("EH900001").screening().orElseThrow();
        assertEquals(Region.ALASKA, screening.region());
        assertEquals(0, new BigDecimal("100").compareTo(screening.estimatedDiscount()
                .orElseThrow()));
    }
}
