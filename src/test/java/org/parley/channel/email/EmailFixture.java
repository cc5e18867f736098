package org.parley.channel.email;

import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.parley.conversation.ConversationService;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A Parley whose mail goes through an in-process mail server, for the email tests: patients
 * that write and read, and the conversation behind any message Parley sent.
 */
final class EmailFixture implements AutoCloseable {

    final MailServer mail;
    final TestParley parley;
    final TestClock clock = new TestClock(TestParley.NOW);

    private EmailFixture(Path data, Map<String, String> env) {
        this.mail = MailServer.start();
        Map<String, String> all = new HashMap<>(mail.env());
        all.putAll(env);
        this.parley = TestParley.start(data, all, clock);
    }

    /** A Parley on {@code data} with the mail server's settings and {@code env} over them. */
    static EmailFixture start(Path data, Map<String, String> env) {
        return new EmailFixture(data, env);
    }

    EmailPatient patient(String address) {
        return new EmailPatient(parley, mail, address, clock);
    }

    ConversationService conversations() {
        return parley.parley().services().conversations();
    }

    /** Sends what is due now, and waits for any send in hand to be recorded. */
    void drain() {
        parley.parley().email().sender().drain();
    }

    /** The conversation of a message Parley sent. */
    String conversationOf(MimeMessage m) {
        // The mail server may have the message before Parley has stored its outcome.
        drain();
        String id = EmailPatient.header(m, "Message-ID").replaceAll("[<>]", "");
        return parley.parley().store().database().getCollection("messages")
                .find(new Document("delivery.providerId", id)).first()
                .getString("conversationId");
    }

    /** Sends what is due, then asserts the patient got nothing more. */
    void noMoreMailTo(EmailPatient patient) {
        drain();
        assertEquals(List.of(), mail.pending(patient.address()));
    }

    @Override
    public void close() {
        parley.close();
        mail.close();
    }
}
