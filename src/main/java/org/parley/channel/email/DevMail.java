package org.parley.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.web.Json;
import org.parley.web.Problems;
import org.parley.web.WebResources;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The development mailbox page at {@code /dev/mail}, served only without SMTP settings: every
 * message Parley sent, by recipient, shown as the patient's mail client would (the HTML part in a
 * sandboxed frame, the plain part, and the headers that matter), with a box to reply as the
 * patient. {@code POST /dev/mail/inbound} takes any raw message unsigned, so inbound mail can be
 * tried with curl; like the simulated phone, it is a development page only.
 */
final class DevMail {

    static final String PATH = "/dev/mail";

    private static final HeaderName CONTENT_SECURITY_POLICY =
            HeaderNames.create("Content-Security-Policy");
    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; "
            + "style-src 'self'; connect-src 'self'; frame-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** A sent message's HTML runs no script and reaches nothing: it is shown, not trusted. */
    private static final String MAIL_POLICY = "sandbox; default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.test");
    private static final List<String> SHOWN_HEADERS = List.of("From", "Reply-To", "To",
            "Subject", "Date", "Message-ID", "In-Reply-To", "References", "Auto-Submitted",
            "List-Unsubscribe", "List-Unsubscribe-Post", "Content-Language");

    private final DevMailbox mailbox;
    private final java.util.function.Supplier<List<Mailbox>> mailboxes;
    private final EmailInbound inbound;
    private final Runnable drain;
    private final int maxBytes;
    private final Session session = Session.getInstance(new Properties());

    /** @param drain sends what the outbox holds now, so the page shows replies at once */
    DevMail(DevMailbox mailbox, java.util.function.Supplier<List<Mailbox>> mailboxes,
            EmailInbound inbound, Runnable drain, int maxBytes) {
        this.mailbox = mailbox;
        this.mailboxes = mailboxes;
        this.inbound = inbound;
        this.drain = drain;
        this.maxBytes = maxBytes;
    }

    /** A client's mailbox, which patients write to. */
    record Mailbox(String clientId, String name, String address) {
    }

    /** One message as the page shows it. */
    record Shown(String id, Map<String, String> headers, String text, String htmlUrl) {
    }

    void routes(HttpRouting.Builder routing) {
        routing.get(PATH, (req, res) -> resource(res, "mail.html", "text/html; charset=utf-8"))
                .get(PATH + ".js", (req, res) -> resource(res, "mail.js",
                        "text/javascript; charset=utf-8"))
                .get(PATH + ".css", (req, res) -> resource(res, "mail.css",
                        "text/css; charset=utf-8"))
                .get(PATH + "/setup", (req, res) -> json(res, mailboxes.get()))
                .get(PATH + "/addresses", (req, res) -> json(res, mailbox.addresses()))
                .get(PATH + "/messages", this::messages)
                .get(PATH + "/messages/{id}", this::html)
                .post(PATH + "/inbound", this::inbound)
                .post(PATH + "/reply", this::reply);
    }

    private void messages(ServerRequest req, ServerResponse res) {
        String to = address(req.query().first("to").asOptional().orElse(""), "to");
        List<Shown> shown = new ArrayList<>();
        for (DevMailbox.Stored stored : mailbox.messages(to)) {
            MimeMessage m = read(stored.raw());
            shown.add(new Shown(stored.id(), headers(m), part(m, "text/plain"),
                    PATH + "/messages/" + stored.id()));
        }
        json(res, shown);
    }

    private void html(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        DevMailbox.Stored stored = mailbox.message(id).orElseThrow(() -> new NotFoundException(
                "unknown_message", "The development mailbox has no message '" + id + "'"));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(CONTENT_SECURITY_POLICY, MAIL_POLICY);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(part(read(stored.raw()), "text/html"));
    }

    /** A raw message, unsigned: the development stand-in for the signed webhook. */
    private void inbound(ServerRequest req, ServerResponse res) {
        Optional<byte[]> body = InboundWebhook.body(req, maxBytes);
        if (body.isEmpty()) {
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "message_too_large",
                    "The message is larger than " + maxBytes + " bytes; nothing was stored");
            return;
        }
        take(res, body.get());
    }

    /**
     * A reply as the patient's mail client would write it to one of Parley's messages: to the
     * reply address, "Re:" the subject, threaded, with the message quoted under an attribution.
     * Body: {@code {"messageId": "...", "text": "..."}}.
     */
    private void reply(ServerRequest req, ServerResponse res) {
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(req.content().as(String.class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadInputException("malformed_json", "Send {\"messageId\": \"...\", "
                    + "\"text\": \"...\"} as JSON");
        }
        if (body == null || !body.isObject()) {
            throw new BadInputException("malformed_json", "Send {\"messageId\": \"...\", "
                    + "\"text\": \"...\"} as a JSON object");
        }
        String id = Optional.ofNullable(body.get("messageId")).map(JsonNode::asText).orElse("");
        String text = Optional.ofNullable(body.get("text")).map(JsonNode::asText).orElse("");
        DevMailbox.Stored stored = mailbox.message(id).orElseThrow(() -> new BadInputException(
                "unknown_message", "messageId must name a message in the development mailbox, "
                + "was '" + id + "'"));
        if (text.isBlank()) {
            throw new BadInputException("empty_reply", "Write the reply's text first");
        }
        MimeMessage original = read(stored.raw());
        Map<String, String> h = headers(original);
        String quoted = part(original, "text/plain").lines().map(l -> "> " + l)
                .reduce((a, b) -> a + "\n" + b).orElse("");
        String date = DateTimeFormatter.ofPattern("EEE, MMM d, yyyy 'at' h:mm a", Locale.US)
                .withZone(ZoneOffset.UTC).format(stored.at().toInstant());
        String raw = "From: " + stored.to() + "\r\n"
                + "To: " + h.getOrDefault("Reply-To", h.get("From")) + "\r\n"
                + "Subject: =?UTF-8?B?" + java.util.Base64.getEncoder().encodeToString(
                ("Re: " + Subjects.bare(h.getOrDefault("Subject", ""))).getBytes(
                        StandardCharsets.UTF_8)) + "?=\r\n"
                + "Message-ID: <dev." + UUID.randomUUID() + "@patient.test>\r\n"
                + "In-Reply-To: " + h.get("Message-ID") + "\r\n"
                + "References: " + (h.containsKey("References") ? h.get("References") + " " : "")
                + h.get("Message-ID") + "\r\n"
                + "Date: " + DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().atOffset(ZoneOffset.UTC)) + "\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: 8bit\r\n\r\n"
                + text.strip() + "\r\n\r\nOn " + date + " " + h.get("From") + " wrote:\r\n"
                + quoted.replace("\n", "\r\n") + "\r\n";
        take(res, raw.getBytes(StandardCharsets.UTF_8));
    }

    private void take(ServerResponse res, byte[] raw) {
        EmailInbound.Outcome outcome = inbound.receive(raw);
        drain.run();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", outcome.status());
        outcome.conversationId().ifPresent(c -> answer.put("conversationId", c));
        json(res, answer);
    }

    private MimeMessage read(byte[] raw) {
        try {
            return new MimeMessage(session, new ByteArrayInputStream(raw));
        } catch (MessagingException e) {
            throw new IllegalStateException("A stored development message is unreadable", e);
        }
    }

    private static Map<String, String> headers(MimeMessage m) {
        Map<String, String> shown = new LinkedHashMap<>();
        try {
            for (String name : SHOWN_HEADERS) {
                String value = m.getHeader(name, ", ");
                if (value != null) {
                    shown.put(name, name.equals("Subject") ? m.getSubject()
                            : jakarta.mail.internet.MimeUtility.decodeText(
                                    jakarta.mail.internet.MimeUtility.unfold(value)));
                }
            }
        } catch (MessagingException | java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException("A stored development message is unreadable", e);
        }
        return shown;
    }

    /** The text of the message's part of {@code type}, or empty. */
    static String part(MimeMessage m, String type) {
        try {
            Object content = m.getContent();
            if (content instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart p = multipart.getBodyPart(i);
                    if (p.isMimeType(type)) {
                        return (String) p.getContent();
                    }
                }
                return "";
            }
            return m.isMimeType(type) ? (String) content : "";
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("A stored development message is unreadable", e);
        }
    }

    private static String address(String value, String name) {
        String address = value.strip().toLowerCase(Locale.ROOT);
        if (!ADDRESS.matcher(address).matches()) {
            throw new BadInputException("bad_address", name + " must be an email address at a "
                    + ".test domain, such as alex.rivera@example.test, was '" + value + "'");
        }
        return address;
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    private static void resource(ServerResponse res, String file, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type);
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(CONTENT_SECURITY_POLICY, PAGE_POLICY);
        res.send(WebResources.text(file));
    }
}
