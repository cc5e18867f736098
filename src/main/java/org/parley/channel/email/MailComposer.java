package org.parley.channel.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.jsoup.nodes.Entities;

import java.io.UnsupportedEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes one outbound email: {@code multipart/alternative} with a plain-text part and an HTML
 * part carrying the same words (the conversation's message, then the footer and the opt-out
 * link, all rendered from locale keys), under the client's name and colour, with Parley's own
 * Message-ID, the thread's {@code In-Reply-To} and {@code References}, {@code Auto-Submitted}
 * so other robots do not answer, and one-click {@code List-Unsubscribe}.
 */
final class MailComposer {

    private static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "he", "fa", "ur");
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+[^\\s<>\".,;:!?)]");

    private MailComposer() {
    }

    /**
     * Everything one message says and where it goes.
     *
     * @param autoSubmitted  {@code auto-replied} for an answer, {@code auto-generated} otherwise,
     *                       empty (no header) for what an agent wrote
     * @param unsubscribeUrl the one-click opt-out link, when the message carries one
     */
    record Outgoing(String clientName, ClientMail from, String replyTo, String to,
                    String language, String subject, String text, String footer,
                    Optional<String> unsubscribeUrl, String unsubscribeLabel, String messageId,
                    Optional<String> inReplyTo, List<String> references, String autoSubmitted,
                    Instant date) {
    }

    static MimeMessage compose(Session session, Outgoing out) throws MessagingException {
        MimeMessage message = new FixedIdMessage(session, out.messageId());
        try {
            message.setFrom(new InternetAddress(out.from().address(), out.clientName(), "UTF-8"));
            message.setReplyTo(new InternetAddress[] {
                    new InternetAddress(out.replyTo(), out.clientName(), "UTF-8")});
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is missing from this JDK", e);
        }
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(out.to()));
        message.setSubject(out.subject(), "UTF-8");
        message.setSentDate(Date.from(out.date()));
        out.inReplyTo().ifPresent(id -> header(message, "In-Reply-To", "<" + id + ">"));
        if (!out.references().isEmpty()) {
            header(message, "References", String.join(" ", out.references().stream()
                    .map(id -> "<" + id + ">").toList()));
        }
        if (!out.autoSubmitted().isEmpty()) {
            header(message, "Auto-Submitted", out.autoSubmitted());
        }
        // Exchange and Outlook send no out-of-office or auto-reply to a message marked so.
        header(message, "X-Auto-Response-Suppress", "OOF, AutoReply");
        header(message, "Content-Language", out.language());
        out.unsubscribeUrl().ifPresent(url -> {
            header(message, "List-Unsubscribe", "<" + url + ">");
            header(message, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        });

        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain(out), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(out), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative", text, html);
        message.setContent(alternative);
        message.saveChanges();
        return message;
    }

    /** The plain-text part: the message, then a signature block with the footer and link. */
    static String plain(Outgoing out) {
        StringBuilder b = new StringBuilder(out.text()).append("\n\n-- \n").append(out.footer());
        out.unsubscribeUrl().ifPresent(url -> b.append('\n').append(out.unsubscribeLabel())
                .append(": ").append(url));
        return b.append('\n').toString();
    }

    /** The HTML part: the client's band, the message as paragraphs, the footer and link. */
    static String html(Outgoing out) {
        String dir = RIGHT_TO_LEFT.contains(out.language()) ? "rtl" : "ltr";
        String brand = out.from().brandColor();
        StringBuilder b = new StringBuilder()
                .append("<!DOCTYPE html><html lang=\"").append(out.language())
                .append("\" dir=\"").append(dir).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width\"><title>")
                .append(escape(out.subject())).append("</title></head>")
                .append("<body style=\"margin:0;padding:0;background:#f3f4f6;\">")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" ")
                .append("cellspacing=\"0\" style=\"background:#f3f4f6;\"><tr><td align=\"center\"")
                .append(" style=\"padding:24px 12px;\">")
                .append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" ")
                .append("cellspacing=\"0\" style=\"max-width:600px;background:#ffffff;")
                .append("border-radius:8px;font-family:Arial,Helvetica,sans-serif;\">")
                .append("<tr><td style=\"background:").append(brand)
                .append(";color:#ffffff;padding:16px 24px;font-size:20px;font-weight:bold;")
                .append("border-radius:8px 8px 0 0;\">").append(escape(out.clientName()))
                .append("</td></tr><tr><td style=\"padding:24px;font-size:16px;")
                .append("line-height:1.5;color:#1f2937;\">");
        for (String paragraph : out.text().split("\n\n")) {
            b.append("<p style=\"margin:0 0 16px 0;\">");
            String[] lines = paragraph.split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    b.append("<br>");
                }
                b.append(linked(lines[i]));
            }
            b.append("</p>");
        }
        b.append("</td></tr><tr><td style=\"padding:16px 24px;font-size:13px;line-height:1.4;")
                .append("color:#4b5563;border-top:1px solid #e5e7eb;\">")
                .append(escape(out.footer()));
        out.unsubscribeUrl().ifPresent(url -> b.append("<br><a href=\"").append(escape(url))
                .append("\" style=\"color:").append(brand).append(";\">")
                .append(escape(out.unsubscribeLabel())).append("</a>"));
        return b.append("</td></tr></table></td></tr></table></body></html>").toString();
    }

    /** A line with its web links made clickable; everything else escaped. */
    private static String linked(String line) {
        StringBuilder b = new StringBuilder();
        Matcher m = LINK.matcher(line);
        int at = 0;
        while (m.find()) {
            b.append(escape(line.substring(at, m.start())));
            String url = escape(m.group());
            b.append("<a href=\"").append(url).append("\">").append(url).append("</a>");
            at = m.end();
        }
        return b.append(escape(line.substring(at))).toString();
    }

    private static String escape(String s) {
        return Entities.escape(s);
    }

    private static void header(MimeMessage message, String name, String value) {
        try {
            message.setHeader(name, value);
        } catch (MessagingException e) {
            throw new IllegalStateException("Header " + name + " could not be set", e);
        }
    }

    /** A message that keeps the Message-ID Parley gave it instead of making one when saved. */
    private static final class FixedIdMessage extends MimeMessage {

        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + id + ">");
        }
    }
}
