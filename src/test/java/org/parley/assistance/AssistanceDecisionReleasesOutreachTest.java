package org.parley.assistance;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outbox;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A collection alert held while the account's assistance application is pending goes out the
 * moment the application is decided, not a day after it was last held; a change that leaves the
 * application pending releases nothing.
 */
class AssistanceDecisionReleasesOutreachTest {

    static final String ACCOUNT = "EH200020";
    static final String KEY = "balance_imported:example-health:" + ACCOUNT;

    @TempDir
    Path data;
    final TestClock clock = new TestClock(Instant.parse("2026-12-04T15:00:00Z"));
    FakeTwilio twilio;
    TestParley parley;
    String application;

    @BeforeEach
    void heldWhileTheApplicationIsPending() {
        twilio = FakeTwilio.start();
        parley = TestParley.start(data, SmsPhone.env(twilio), clock);
        ok(parley.api("PUT", "/api/clients/example-health/settings/outreach",
                "application/json", "{\"alerts\": {\"balance_imported\": true}}"));
        parley.parley().services().balances().importCsv("example-health", ("""
                account_number,first_name,last_name,date_of_birth,zip,phone,email,\
                preferred_language,encounter_id,service_date,provider,description,charges,\
                insurance_paid,adjustments,patient_responsibility,due_date
                EH200020,Noa,Keller,1979-04-04,30303,+14045550194,,en,EH200020-1,2026-11-02,\
                Dr. Lena Ortiz,Office visit,200.00,80.00,0.00,120.00,2027-01-10
                """).getBytes(StandardCharsets.UTF_8));
        application = AssistanceFixture.open(parley, ACCOUNT);
        parley.parley().jobs().run(Outreach.SEND_JOB);
    }

    @AfterEach
    void stop() {
        parley.close();
        twilio.close();
    }

    @Test
    void theHeldAlertIsTextedAsSoonAsTheApplicationIsDecided() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550194");
        clock.set(Instant.parse("2026-12-04T16:00:00Z"));
        status("{\"status\":\"received\"}");
        parley.parley().jobs().run(Outreach.SEND_JOB);
        assertEquals("scheduled 2026-12-05T15:00:00Z", state());

        clock.set(Instant.parse("2026-12-04T17:20:00Z"));
        status("{\"status\":\"approved\",\"discountPercent\":50}");
        parley.parley().jobs().run(Outreach.SEND_JOB);

        phone.reply("""
                Example Health has a billing message for you. Choose an option; we will confirm \
                who you are first. Help: (555) 010-0199. Reply STOP to opt out.
                1 Pay my bill
                2 Payment plan
                3 Talk to a person
                Reply with a number from 1 to 3.""");
        Document sent = send();
        assertEquals("sent 2026-12-04T17:20:00Z assistance_decided",
                sent.getString("status") + " " + sent.getDate("sentAt").toInstant() + " "
                        + sent.getList("releases", Document.class).get(0).getString("reason"));
    }

    @Test
    void aPendingChangeLeavesTheAlertHeldForADay() {
        clock.set(Instant.parse("2026-12-04T16:00:00Z"));

        status("{\"status\":\"received\"}");
        parley.parley().jobs().run(Outreach.SEND_JOB);

        assertEquals("scheduled 2026-12-05T15:00:00Z", state());
        assertEquals("assistance_pending", send().getList("holds", Document.class).get(0)
                .getString("reason"));
    }

    private void status(String body) {
        ok(parley.api("POST", "/api/clients/example-health/assistance/applications/"
                + application + "/status", "application/json", body));
    }

    private Document send() {
        return parley.parley().store().database().getCollection(Outbox.COLLECTION)
                .find(new Document("_id", KEY)).first();
    }

    private String state() {
        Document d = send();
        return d.getString("status") + " " + d.getDate("dueAt").toInstant();
    }

    private static void ok(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
    }
}
