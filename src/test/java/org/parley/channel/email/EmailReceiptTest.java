package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.payments.Webhooks;
import org.parley.testing.EmailPatient;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A payment's receipt for a patient verified by email whose address has since bounced: nothing
 * is said, and the payment records why, as it does for a patient who opted out.
 */
class EmailReceiptTest extends EmailCase {

    @BeforeAll
    static void start() {
        startEmail(Map.of(Webhooks.ENV, Webhooks.SECRET));
    }

    @Test
    void aReceiptForABouncedAddressIsRecordedAsSuppressedUndeliverable() {
        EmailPatient alex = email.patient("alex.bounced@example.test");
        alex.write("Bill", "What do I owe?");
        alex.next();
        alex.reply("03/14/1985 Rivera");
        MimeMessage balance = alex.next();
        String conversation = email.conversationOf(balance);
        alex.deliver("""
                From: Mail Delivery Subsystem <MAILER-DAEMON@mx.example.test>
                To: billing@example-health.test
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-receipt@mx.example.test>
                X-Failed-Recipients: alex.bounced@example.test
                MIME-Version: 1.0
                Content-Type: text/plain

                Message-ID: %s
                """.formatted(EmailPatient.header(balance, "Message-ID")).replace("\n", "\r\n"));

        HttpResponse<String> paid = Webhooks.deliver(email.parley, email.clock.instant(),
                "example-health", Webhooks.body("pay_ab_1", "EH100234", "40.00"));

        assertEquals(200, paid.statusCode(), paid.body());
        Document payment = email.parley.parley().store().database().getCollection("payments")
                .find(new Document("paymentId", "pay_ab_1")).first();
        assertEquals(new Document("status", "suppressed_undeliverable")
                .append("conversationId", conversation).append("channel", "email"),
                payment.get("receipt", Document.class));
        email.noMoreMailTo(alex);
    }
}
