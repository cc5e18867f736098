package org.parley.channel.email;

import com.mongodb.client.MongoDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /email/inbound} and how a message finds its conversation: a bad signature, an
 * oversized or malformed message and mail for nobody are refused with nothing stored; a retried
 * delivery is taken once; a reply whose headers were lost still finds its thread by the token in
 * its address; a new message starts a new conversation; someone else replying in the patient's
 * thread does not speak in the patient's conversation.
 */
class EmailInboundWebhookTest extends EmailCase {

    private static final int MAX_BYTES = 20_000;

    @BeforeAll
    static void start() {
        startEmail(Map.of("PARLEY_EMAIL_MAX_MESSAGE_BYTES", Integer.toString(MAX_BYTES)));
    }

    /** How many documents each collection holds: what "nothing stored" is checked against. */
    private static Map<String, Long> stored() {
        // An earlier test's answer may still be in the outbox: sent first, it cannot leave
        // between the two counts.
        email.drain();
        MongoDatabase db = parley.parley().store().database();
        Map<String, Long> counts = new TreeMap<>();
        for (String name : db.listCollectionNames()) {
            counts.put(name, db.getCollection(name).countDocuments());
        }
        return counts;
    }

    private HttpResponse<String> postSigned(String signature, byte[] raw) {
        return parley.send(HttpRequest.newBuilder(parley.http("/email/inbound"))
                .header("Content-Type", "message/rfc822")
                .header("X-Parley-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
    }

    @Test
    void theDevelopmentMailboxIsOffWhenMailLeavesThroughSmtp() {
        HttpResponse<String> page = parley.send(HttpRequest.newBuilder(parley.http("/dev/mail"))
                .GET().build());
        HttpResponse<String> unsigned = parley.send(HttpRequest.newBuilder(
                parley.http("/dev/mail/inbound")).POST(HttpRequest.BodyPublishers.ofString(
                "From: a@example.test\r\n\r\nhi")).build());

        assertEquals(404, page.statusCode());
        assertEquals(404, unsigned.statusCode());
    }

    @Test
    void aWrongSignatureIsRefusedWith401AndNothingIsStored() {
        EmailPatient eve = email.patient("eve@example.test");
        byte[] raw = eve.raw(MailServer.CLIENT_ADDRESS, "Hi", "sig-1@example.test", List.of(),
                "What do I owe?").getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = stored();

        HttpResponse<String> wrong = postSigned("t=" + TestParley.NOW.getEpochSecond()
                + ",v1=" + "ab".repeat(32), raw);
        HttpResponse<String> missing = parley.send(HttpRequest.newBuilder(
                parley.http("/email/inbound")).POST(HttpRequest.BodyPublishers.ofByteArray(raw))
                .build());
        HttpResponse<String> stale = postSigned(new org.parley.web.SignedBody(
                MailServer.INBOUND_SECRET.getBytes(StandardCharsets.UTF_8), email.clock)
                .header(TestParley.NOW.minus(Duration.ofMinutes(10)), raw), raw);

        assertEquals(401, wrong.statusCode());
        assertEquals("{\"error\":\"bad_signature\",\"message\":\"The signature does not match the "
                + "body; nothing was stored. Sign each delivery with X-Parley-Signature: "
                + "t=<unix seconds>,v1=<hex HMAC-SHA256 of \\\"<t>.<raw message>\\\" keyed with "
                + "PARLEY_EMAIL_INBOUND_SECRET>\"}", wrong.body());
        assertEquals(401, missing.statusCode());
        assertEquals(401, stale.statusCode());
        assertEquals(before, stored());
        assertEquals(List.of(), mail.pending(eve.address()));
    }

    @Test
    void anOversizedMessageIsRefusedWith413AndNothingIsStored() {
        EmailPatient big = email.patient("big@example.test");
        Map<String, Long> before = stored();

        HttpResponse<String> response = big.post(big.raw(MailServer.CLIENT_ADDRESS, "Scan",
                "big-1@example.test", List.of(), "x".repeat(MAX_BYTES))
                .getBytes(StandardCharsets.UTF_8));

        assertEquals(413, response.statusCode());
        assertTrue(response.body().startsWith("{\"error\":\"message_too_large\",\"message\":\"The "
                + "message is larger than 20000 bytes"), response.body());
        assertEquals(before, stored());
    }

    @Test
    void aMalformedMessageIsRefusedWith400AndNothingIsStored() {
        EmailPatient broken = email.patient("broken@example.test");
        Map<String, Long> before = stored();

        HttpResponse<String> noSender = broken.post("Subject: hello\r\n\r\nno sender here\r\n"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notMail = broken.post("{\"text\": \"hello\"}"
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> empty = broken.post(new byte[0]);

        assertEquals(400, noSender.statusCode());
        assertEquals("{\"error\":\"missing_from\",\"message\":\"The message has no From header; "
                + "nothing was stored. Every message must name its sender, as mail servers add "
                + "it\"}", noSender.body());
        assertEquals(400, notMail.statusCode());
        assertEquals(400, empty.statusCode());
        assertEquals(before, stored());
    }

    @Test
    void mailForNoClientsMailboxIsRefusedWith404AndNothingIsStored() {
        EmailPatient lost = email.patient("lost@example.test");
        Map<String, Long> before = stored();

        HttpResponse<String> response = lost.post(lost.raw("someone@elsewhere.test", "Hi",
                "lost-1@example.test", List.of(), "Hello").getBytes(StandardCharsets.UTF_8));

        assertEquals(404, response.statusCode());
        assertTrue(response.body().startsWith("{\"error\":\"unknown_mailbox\""), response.body());
        assertEquals(before, stored());
    }

    @Test
    void aRetriedDeliveryIsTakenOnceAndAnsweredOnce() {
        EmailPatient alex = email.patient("retry.patient@example.test");
        String raw = alex.raw(MailServer.CLIENT_ADDRESS, "Balance", "retry-1@example.test",
                List.of(), "What do I owe?");

        String first = alex.deliver(raw).body();
        String again = alex.deliver(raw).body();
        alex.next();

        assertTrue(first.startsWith("{\"status\":\"answered\""), first);
        assertTrue(again.startsWith("{\"status\":\"duplicate\""), again);
        parley.parley().email().sender().drain();
        assertEquals(List.of(), mail.pending(alex.address()));
    }

    @Test
    void anEmptyMessageIsAnsweredFromItsSubject() {
        EmailPatient pat = email.patient("subject.only@example.test");

        pat.write("What do I owe?", "");

        pat.receives("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.

                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");
    }

    @Test
    void aMessageWithNoWordsNoSubjectAndNoFileStoresNothingAndSaysEmpty() {
        EmailPatient blank = email.patient("blank.mail@example.test");
        Map<String, Long> before = stored();

        HttpResponse<String> response = blank.deliver(blank.raw(MailServer.CLIENT_ADDRESS, "",
                "blank-1@example.test", List.of(), ""));

        assertEquals("{\"status\":\"empty\"}", response.body());
        Map<String, Long> after = stored();
        assertEquals(before.get("messages"), after.get("messages"));
        assertEquals(before.get("conversations"), after.get("conversations"));
        email.noMoreMailTo(blank);
    }

    @Test
    void aShortFirstEmailInChineseIsAnsweredInChinese() {
        EmailPatient wen = email.patient("wen.short@example.test");

        wen.write("账单", "我欠多少钱？");

        wen.receives("""
                您好，我是Example Health的账单助理，可以帮您处理账单方面的问题。

                首先需要确认您的身份。请发送您的出生日期和英文姓氏（例如：1985-03-14 Chen），\
                或您的账号和邮政编码。""");
    }

    @Test
    void aSubjectOnlyFirstEmailInSpanishIsAnsweredInSpanish() {
        EmailPatient ana = email.patient("ana.subject@example.test");

        ana.write("¿Cuánto debo?", "");

        ana.receives("""
                Hola, soy el asistente de facturación de Example Health. Puedo ayudarle con su \
                factura.

                Primero necesito confirmar su identidad. Envíe su fecha de nacimiento y su \
                apellido (por ejemplo: 14/03/1985 Rivera), o su número de cuenta y su código \
                postal.""");
    }

    @Test
    void aCardNumberInAnEmailIsMaskedBeforeItIsStored() {
        EmailPatient pat = email.patient("card.typer@example.test");
        pat.write("Payment", "Hi");
        MimeMessage ours = pat.next();

        pat.reply("my card is 4111 1111 1111 1111 exp 12/29");
        pat.next();

        List<String> stored = email.conversations().messages(email.conversationOf(ours)).stream()
                .filter(m -> m.from().equals("patient")).map(m -> m.text()).toList();
        assertEquals("Hi", stored.get(0));
        assertTrue(stored.get(1).startsWith("my card is "), stored.get(1));
        assertFalse(stored.get(1).contains("4111 1111 1111 1111"), stored.get(1));
        assertFalse(stored.get(1).contains("On Fri, Dec 4"), stored.get(1));
    }

    @Test
    void aReplyWhoseHeadersWereLostFindsItsThreadByTheTokenInItsAddress() {
        EmailPatient pat = email.patient("token.reader@example.test");
        pat.write("Balance", "What do I owe?");
        MimeMessage ours = pat.next();

        // A webmail that drops In-Reply-To and References, writing to the reply address.
        pat.deliver(pat.raw(EmailPatient.header(ours, "Reply-To"), "Re: Balance",
                "token-2@example.test", List.of(), "03/14/1985 Rivera"));
        MimeMessage answer = pat.next();

        assertEquals(email.conversationOf(ours), email.conversationOf(answer));
        assertEquals("Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 "
                + "(in 27 days).", EmailPatient.words(answer).split("\n\n")[1]);
    }

    @Test
    void aNewMessageOutsideAnyThreadStartsANewConversation() {
        EmailPatient pat = email.patient("two.threads@example.test");
        pat.write("Balance", "What do I owe?");
        MimeMessage first = pat.next();

        pat.write("Another question", "I'd like a payment plan");
        MimeMessage second = pat.next();

        assertNotEquals(email.conversationOf(first), email.conversationOf(second));
        assertEquals("Re: Another question", EmailPatient.header(second, "Subject"));
    }

    @Test
    void someoneElseReplyingInThePatientsThreadDoesNotSpeakForThePatient() {
        EmailPatient pat = email.patient("owner@example.test");
        pat.write("Balance", "What do I owe?");
        MimeMessage ours = pat.next();

        EmailPatient other = email.patient("forwarded.to@example.test");
        other.deliver(other.raw(EmailPatient.header(ours, "Reply-To"), "Re: Balance",
                "fwd-1@example.test", EmailPatient.thread(ours), "03/14/1985 Rivera"));
        MimeMessage toOther = other.next();

        assertNotEquals(email.conversationOf(ours), email.conversationOf(toOther));
        assertEquals(List.of(), mail.pending(pat.address()));
    }
}
