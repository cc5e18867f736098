package org.parley.channel.email;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.EmailPatient;
import org.parley.testing.MailServer;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mail taken by polling the client's IMAP mailbox, and files patients attach: kept when their
 * content is an accepted kind within the size limit, listed for agents, refused politely
 * otherwise.
 */
class EmailImapAndAttachmentsTest extends EmailCase {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXE = "MZ\u0090\u0000 this program cannot be run in DOS mode"
            .getBytes(StandardCharsets.ISO_8859_1);

    @BeforeAll
    static void start() {
        startEmail(Map.of("PARLEY_EMAIL_MAX_ATTACHMENT_BYTES", "1048576"));
    }

    /** A message with text and files, each given as name and bytes. */
    static String withFiles(EmailPatient from, String messageId, String text,
                                    Map<String, byte[]> files, List<String> thread) {
        StringBuilder b = new StringBuilder()
                .append("From: Patient <").append(from.address()).append(">\r\n")
                .append("To: ").append(MailServer.CLIENT_ADDRESS).append("\r\n")
                .append("Subject: Documents\r\nMessage-ID: <").append(messageId).append(">\r\n");
        if (!thread.isEmpty()) {
            b.append("In-Reply-To: <").append(thread.get(thread.size() - 1)).append(">\r\n");
        }
        b.append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n")
                .append("--m\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n")
                .append(text).append("\r\n");
        files.forEach((name, bytes) -> b.append("--m\r\nContent-Type: application/pdf; name=\"")
                .append(name).append("\"\r\nContent-Disposition: attachment; filename=\"")
                .append(name).append("\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .append(Base64.getMimeEncoder().encodeToString(bytes)).append("\r\n"));
        return b.append("--m--\r\n").toString();
    }

    @Test
    void mailInTheClientsImapMailboxIsTakenOnceAndAnswered() throws Exception {
        EmailPatient alex = email.patient("imap.reader@example.test");
        GreenMailUser mailbox = mail.greenMail().getUserManager()
                .getUserByEmail(MailServer.CLIENT_ADDRESS);
        mailbox.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(alex.raw(MailServer.CLIENT_ADDRESS, "Balance",
                        "imap-1@example.test", List.of(), "What do I owe?")
                        .getBytes(StandardCharsets.UTF_8))));

        assertTrue(parley.parley().jobs().run(EmailChannel.IMAP_JOB));
        alex.receives("""
                Hi, this is the billing assistant for Example Health. I can help you with your bill.

                First I need to confirm who you are. Please send your date of birth and last name \
                (for example: 03/14/1985 Rivera), or your account number and ZIP code.""");

        assertTrue(parley.parley().jobs().run(EmailChannel.IMAP_JOB));
        parley.parley().email().sender().drain();
        assertEquals(List.of(), mail.pending(alex.address()));
    }

    @Test
    void anAcceptedFileIsAcknowledgedKeptApartAndListedWhileAFakeOneIsPolitelyRefused() {
        EmailPatient alex = email.patient("files.sender@example.test");
        alex.write("Assistance", "I'd like financial assistance");
        MimeMessage ours = alex.next();
        String conversationId = email.conversationOf(ours);
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("paystub.pdf", PDF);
        files.put("scan.pdf", EXE);

        alex.deliver(withFiles(alex, "files-1@example.test", "Here are my documents.", files,
                EmailPatient.thread(ours)));
        alex.receives("Thank you, I've received these files: paystub.pdf. A person from "
                + "Example Health will review them and get back to you.\n\nI couldn't accept "
                + "these files: scan.pdf. Please send PDF, PNG, JPEG files of up to 1 MB each.");
        email.noMoreMailTo(alex);

        HttpResponse<String> listed = parley.api("GET", "/api/conversations/" + conversationId
                + "/attachments", null, null);
        assertEquals(200, listed.statusCode());
        assertTrue(listed.body().matches("\\{\"conversationId\":\"" + conversationId
                + "\",\"attachments\":\\[\\{\"id\":\"[0-9a-f]{24}\",\"seq\":3,\"fileName\":"
                + "\"paystub.pdf\",\"type\":\"application/pdf\",\"size\":" + PDF.length
                + ",\"at\":\"2026-12-04T15:00:00Z\"}]}"), listed.body());
        String id = listed.body().replaceAll(".*\"id\":\"([0-9a-f]{24})\".*", "$1");
        HttpResponse<String> file = parley.api("GET", "/api/conversations/" + conversationId
                + "/attachments/" + id, null, null);
        assertEquals(new String(PDF, StandardCharsets.ISO_8859_1),
                new String(file.body().getBytes(StandardCharsets.UTF_8),
                        StandardCharsets.ISO_8859_1));
        assertEquals("attachment; filename=\"attachment-" + id + "\"",
                file.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals(0, parley.parley().store().database().getCollection("messages")
                .countDocuments(new org.bson.Document("conversationId", conversationId)
                        .append("content", new org.bson.Document("$exists", true))));
    }

    @Test
    void aFileAloneIsAcknowledgedWithoutAQuestionForTheDialog() {
        EmailPatient alex = email.patient("file.only@example.test");

        alex.deliver(withFiles(alex, "files-2@example.test", "", Map.of("statement.pdf", PDF),
                List.of()));

        alex.receives("Thank you, I've received these files: statement.pdf. A person from "
                + "Example Health will review them and get back to you.");
    }
}
