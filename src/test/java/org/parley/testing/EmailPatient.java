package org.parley.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.parley.web.SignedBody;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A patient's mailbox writing to a client through Parley's signed inbound webhook and reading
 * Parley's answers from an in-process SMTP server: {@code patient.write("Subject", "...")}
 * starts a thread, {@code patient.reply("...")} answers Parley's last message the way Gmail
 * does (quoting it under an "On … wrote:" line), {@code patient.receives("...")} asserts the
 * text of the next message exactly, so email tests read like the thread in the patient's inbox.
 */
public final class EmailPatient {

    /** Where a message's own words end in Parley's plain-text part: the signature delimiter. */
    public static final String FOOTER = "\n\n-- \n";

    private final TestParley parley;
    private final MailServer mail;
    private final String address;
    private final Clock clock;
    private final List<MimeMessage> received = new ArrayList<>();

    public EmailPatient(TestParley parley, MailServer mail, String address, Clock clock) {
        this.parley = parley;
        this.mail = mail;
        this.address = address;
        this.clock = clock;
    }

    public String address() {
        return address;
    }

    /** Writes a new message, in no thread, to the client's mailbox; returns its Message-ID. */
    public String write(String subject, String text) {
        String id = newId();
        deliver(raw(MailServer.CLIENT_ADDRESS, subject, id, List.of(), text));
        return id;
    }

    /** Answers Parley's latest message as Gmail does; returns the reply's Message-ID. */
    public String reply(String text) {
        MimeMessage last = last();
        String id = newId();
        deliver(raw(header(last, "Reply-To"), "Re: " + subject(last), id, thread(last),
                text + "\r\n\r\nOn Fri, Dec 4, 2026 at 10:00 AM Example Health <"
                        + MailServer.CLIENT_ADDRESS + "> wrote:\r\n" + quoted(last)));
        return id;
    }

    /**
     * Answers Parley's latest message as Outlook on the web does: HTML only, the reply above a
     * rule and a From/Sent/To/Subject block, Parley's message quoted after that block.
     */
    public String replyFromOutlookWeb(String text) {
        MimeMessage last = last();
        String id = newId();
        String html = "<html><body><div>" + text + "</div><hr style=\"display:inline-block;"
                + "width:98%\" tabindex=\"-1\"><div id=\"divRplyFwdMsg\" dir=\"ltr\"><font>"
                + "<b>From:</b> Example Health<br><b>Sent:</b> Friday<br><b>To:</b> " + address
                + "<br><b>Subject:</b> Re: " + subject(last) + "</font><div>&nbsp;</div></div>"
                + "<div dir=\"ltr\"><div>" + part(last, "text/plain").replace("\r\n", "<br>")
                + "</div></div></body></html>";
        deliver(raw(header(last, "Reply-To"), "RE: " + subject(last), id, thread(last), html)
                .replace("Content-Type: text/plain", "Content-Type: text/html"));
        return id;
    }

    /** Asserts that Parley's next message to this patient says exactly {@code expected}. */
    public MimeMessage receives(String expected) {
        MimeMessage m = next();
        assertEquals(expected, words(m));
        return m;
    }

    /** Parley's next message to this patient. */
    public MimeMessage next() {
        MimeMessage m = mail.next(address);
        received.add(m);
        return m;
    }

    /** Parley's latest message to this patient, read before. */
    public MimeMessage last() {
        return received.get(received.size() - 1);
    }

    /** Posts {@code raw} to the inbound webhook, signed, and asserts 200. */
    public HttpResponse<String> deliver(String raw) {
        HttpResponse<String> response = post(raw.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), response.body());
        return response;
    }

    /** Posts {@code raw} to the inbound webhook, signed, and returns whatever Parley answers. */
    public HttpResponse<String> post(byte[] raw) {
        String signature = new SignedBody(MailServer.INBOUND_SECRET.getBytes(
                StandardCharsets.UTF_8), clock).header(clock.instant(), raw);
        return parley.send(HttpRequest.newBuilder(parley.http("/email/inbound"))
                .header("Content-Type", "message/rfc822")
                .header("X-Parley-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(raw)).build());
    }

    /** A plain-text message from this patient, in UTF-8, as a mail client writes it. */
    public String raw(String to, String subject, String messageId, List<String> thread,
                      String text) {
        StringBuilder b = new StringBuilder()
                .append("Return-Path: <").append(address).append(">\r\n")
                .append("From: Patient <").append(address).append(">\r\n")
                .append("To: ").append(to).append("\r\n")
                .append("Subject: ").append(subject).append("\r\n")
                .append("Date: Fri, 4 Dec 2026 10:05:00 -0500\r\n")
                .append("Message-ID: <").append(messageId).append(">\r\n");
        if (!thread.isEmpty()) {
            b.append("In-Reply-To: <").append(thread.get(thread.size() - 1)).append(">\r\n")
                    .append("References: ").append(String.join(" ", thread.stream()
                            .map(id -> "<" + id + ">").toList())).append("\r\n");
        }
        return b.append("MIME-Version: 1.0\r\n")
                .append("Content-Type: text/plain; charset=UTF-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n")
                .append(text.replace("\r\n", "\n").replace("\n", "\r\n")).append("\r\n")
                .toString();
    }

    /** The ids a reply to {@code m} refers to: its References, then its own Message-ID. */
    public static List<String> thread(MimeMessage m) {
        List<String> ids = new ArrayList<>();
        Optional.ofNullable(header(m, "References")).ifPresent(refs -> {
            for (String id : refs.split("\\s+")) {
                if (!id.isBlank()) {
                    ids.add(id.replace("<", "").replace(">", ""));
                }
            }
        });
        ids.add(header(m, "Message-ID").replace("<", "").replace(">", ""));
        return ids;
    }

    /** The message's own words: its plain-text part up to the footer. */
    public static String words(MimeMessage m) {
        String text = part(m, "text/plain").replace("\r\n", "\n");
        int footer = text.indexOf(FOOTER);
        return footer < 0 ? text : text.substring(0, footer);
    }

    /** The text of the part of {@code type}. */
    public static String part(MimeMessage m, String type) {
        try {
            Object content = m.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart p = multipart.getBodyPart(i);
                    if (p.isMimeType(type)) {
                        return (String) p.getContent();
                    }
                }
            }
            throw new AssertionError("No " + type + " part in the message");
        } catch (MessagingException | IOException e) {
            throw new AssertionError(e);
        }
    }

    public static String header(MimeMessage m, String name) {
        try {
            String value = m.getHeader(name, ", ");
            if (value != null && (name.equals("Reply-To") || name.equals("From"))) {
                return ((InternetAddress) (name.equals("From") ? m.getFrom()[0]
                        : m.getReplyTo()[0])).getAddress();
            }
            return value;
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject().replaceFirst("^(?i)re:\\s*", "");
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String quoted(MimeMessage m) {
        return String.join("\r\n", part(m, "text/plain").replace("\r\n", "\n").lines()
                .map(l -> l.isEmpty() ? ">" : "> " + l).toList());
    }

    private static String newId() {
        return UUID.randomUUID() + "@mail.patient.test";
    }
}
