package org.parley.channel.email;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.ParleyException;
import org.parley.web.Json;
import org.parley.web.Problems;
import org.parley.web.SignedBody;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /email/inbound}: one inbound email as its raw RFC 5322 bytes, signed with the
 * inbound secret as {@link SignedBody} says. A wrong or missing signature is 401, a body over the
 * size limit 413, one that is not a message 400, mail for no client's mailbox 404, and nothing
 * is stored; otherwise 200 with what became of it. The body is never logged.
 */
final class InboundWebhook {

    static final String PATH = "/email/inbound";

    private final SignedBody signature;
    private final EmailInbound inbound;
    private final int maxBytes;

    InboundWebhook(SignedBody signature, EmailInbound inbound, int maxBytes) {
        this.signature = signature;
        this.inbound = inbound;
        this.maxBytes = maxBytes;
    }

    /** A webhook delivery whose signature does not hold. */
    static final class BadSignature extends ParleyException {
        BadSignature(String why) {
            super(Kind.UNAUTHORIZED, "bad_signature", why + "; nothing was stored. Sign each "
                    + "delivery with " + SignedBody.HEADER + ": t=<unix seconds>,v1=<hex "
                    + "HMAC-SHA256 of \"<t>.<raw message>\" keyed with "
                    + "PARLEY_EMAIL_INBOUND_SECRET>");
        }
    }

    void routes(HttpRouting.Builder routing) {
        routing.post(PATH, this::receive);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        Optional<byte[]> body = body(req, maxBytes);
        if (body.isEmpty()) {
            // The rest of the body is not read: the connection closes rather than drain it.
            res.header(HeaderNames.CONNECTION, "close");
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "message_too_large",
                    "The message is larger than " + maxBytes + " bytes, the limit set by "
                            + "email.max-message-bytes; nothing was stored. Ask the patient to "
                            + "send smaller files, or raise the limit");
            return;
        }
        // Nothing about the message is read before the signature holds.
        signature.problem(req.headers().first(HeaderNames.create(SignedBody.HEADER)), body.get())
                .ifPresent(why -> {
                    throw new BadSignature(why);
                });
        if (body.get().length == 0) {
            throw new BadInputException("empty_message", "The body is empty; nothing was stored. "
                    + "Send the raw message, headers and body, as Content-Type: message/rfc822");
        }

        EmailInbound.Outcome outcome = inbound.receive(body.get());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", outcome.status());
        outcome.conversationId().ifPresent(id -> answer.put("conversationId", id));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(answer));
    }

    /** The body, or empty when it is longer than {@code max}. */
    static Optional<byte[]> body(ServerRequest req, int max) {
        if (req.headers().contentLength().orElse(0) > max) {
            return Optional.empty();
        }
        if (!req.content().hasEntity()) {
            return Optional.of(new byte[0]);
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            return bytes.length > max ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read an inbound email's body", e);
        }
    }
}
