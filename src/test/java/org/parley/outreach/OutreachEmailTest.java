package org.parley.outreach;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;
import org.parley.testing.TestClock;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alerts by email end to end, through SMTP to an in-process mail server: generic, with the
 * client's unsubscribe link, in the patient's language; details after they prove who they are.
 */
class OutreachEmailTest {

    @TempDir
    Path data;
    MailServer mail;
    OutreachFixture fx;
    final TestClock clock = new TestClock(Instant.parse("2026-12-04T15:00:00Z"));

    @BeforeEach
    void start() {
        mail = MailServer.start();
        fx = new OutreachFixture(data, mail.env(), clock);
        fx.settings("{\"alerts\": {\"balance_imported\": true}, \"channels\": [\"email\"]}");
    }

    @AfterEach
    void stop() {
        fx.close();
        mail.close();
    }

    @Test
    void anEnglishFirstStatementByEmailIsGenericAndCarriesTheUnsubscribeLink() {
        EmailPatient patient = new EmailPatient(fx.parley, mail, "sam.quinn@example.test", clock);
        samsFirstStatement();

        fx.send();

        MimeMessage m = patient.receives("""
                Example Health has a billing message for you. Choose an option below; we will \
                confirm who you are first. For help, call (555) 010-0199.
                1 Pay my bill
                2 Payment plan
                3 Talk to a person
                Reply with a number from 1 to 3.""");
        assertEquals(true, EmailPatient.header(m, "List-Unsubscribe")
                .startsWith("<https://parley.example.test/email/unsubscribe/"));
        patient.reply("1");
        patient.receives("First I need to confirm who you are. Please send your date of birth "
                + "and last name (for example: 03/14/1985 Rivera), or your account number and "
                + "ZIP code.");
        patient.reply("05/05/1980 Quinn");
        patient.receives("""
                Thank you, Sam. I've confirmed your identity.

                Your balance with Example Health is $120.00, due by January 10, 2027.

                How much would you like to pay today? Your balance is $120.00. You can pay all \
                of it or part.""");
    }

    /** Sam Quinn's account, by email only, imported with something to pay. */
    private void samsFirstStatement() {
        fx.balances(OutreachFixture.HEADER, "EH300001,Sam,Quinn,1980-05-05,30303,,"
                + "sam.quinn@example.test,en,EH300001-1,2026-11-02,Dr. Lena Ortiz,Office visit,"
                + "200.00,80.00,0.00,120.00,2027-01-10");
    }

    @Test
    void aSpanishFirstStatementByEmailIsInSpanish() {
        EmailPatient patient = new EmailPatient(fx.parley, mail, "rosa.marin@example.test", clock);
        fx.balances(OutreachFixture.HEADER, "EH300002,Rosa,Marín,1975-02-03,30318,,"
                + "rosa.marin@example.test,es,EH300002-1,2026-11-02,Dr. Tomás Peña,Consulta,"
                + "300.00,100.00,0.00,200.00,2027-01-15");

        fx.send();

        patient.receives("""
                Example Health tiene un mensaje de facturación para usted. Elija una opción; \
                primero confirmaremos su identidad. Si necesita ayuda, llame al (555) 010-0199.
                1 Pagar mi factura
                2 Plan de pagos
                3 Hablar con una persona
                Responda con un número del 1 al 3.""");
        assertEquals("sent", fx.send("balance_imported:example-health:EH300002")
                .getString("status"));
    }

    @Test
    void anUnsubscribeByTheLinkAfterTheEmailIsFollowedAsItsOptOut() {
        EmailPatient patient = new EmailPatient(fx.parley, mail, "sam.quinn@example.test", clock);
        samsFirstStatement();
        fx.send();
        MimeMessage m = patient.next();

        clock.set(Instant.parse("2026-12-04T15:30:00Z"));
        String link = EmailPatient.header(m, "List-Unsubscribe").replaceAll("[<>]", "");
        var unsubscribed = fx.parley.send(java.net.http.HttpRequest.newBuilder(
                        fx.parley.http(java.net.URI.create(link).getPath()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "List-Unsubscribe=One-Click")).build());
        assertEquals(200, unsubscribed.statusCode());
        clock.set(Instant.parse("2026-12-04T15:31:00Z"));
        fx.follow();

        assertEquals(Instant.parse("2026-12-04T15:30:00Z"), fx.send(
                "balance_imported:example-health:EH300001").getDate("optedOutAt").toInstant());
    }
}
