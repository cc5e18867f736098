package org.parley.channel.sms;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.web.Json;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Twilio's two webhooks: {@code POST /twilio/sms} for a patient's text and
 * {@code POST /twilio/status} for the delivery of ours. Both are form posts signed with the auth
 * token; an unsigned or wrongly signed one is refused before anything is read or stored.
 */
final class TwilioWebhooks {

    /** The most characters Twilio puts in one inbound message's Body. */
    static final int MAX_BODY = 1600;

    static final String EMPTY_TWIML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private static final System.Logger LOG = System.getLogger(TwilioWebhooks.class.getName());
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");

    private final TwilioSignature signature;
    private final SmsInbound inbound;
    private final SmsOutbox outbox;
    private final ConversationService conversations;
    private final OptOutSink optOuts;
    private final Runnable wake;
    private final Clock clock;

    /** @param wake asks the sender to look at the outbox now rather than at its next poll */
    TwilioWebhooks(TwilioSignature signature, SmsInbound inbound, SmsOutbox outbox,
                   ConversationService conversations, OptOutSink optOuts, Runnable wake,
                   Clock clock) {
        this.signature = signature;
        this.inbound = inbound;
        this.outbox = outbox;
        this.conversations = conversations;
        this.optOuts = optOuts;
        this.wake = wake;
        this.clock = clock;
    }

    void routes(HttpRouting.Builder routing) {
        routing.post("/twilio/sms", this::message)
                .post("/twilio/status", this::status);
    }

    /** A patient's text: stored once, answered through the outbox, acknowledged at once. */
    private void message(ServerRequest req, ServerResponse res) {
        Map<String, String> form = form(req);
        if (!signature.valid(req, form)) {
            forbidden(res);
            return;
        }

        String to = phone(form, "To");
        String from = phone(form, "From");
        String sid = required(form, "MessageSid");
        String body = Optional.ofNullable(form.get("Body")).orElseThrow(() -> missing("Body"));
        if (body.length() > MAX_BODY) {
            // Twilio never sends more than 1,600 characters; a longer body is not a text message.
            throw new BadInputException("body_too_long", "The Body has " + body.length()
                    + " characters; an SMS carries at most " + MAX_BODY);
        }

        ConversationService.Received received = inbound.receive(to, from, sid, body);
        LOG.log(System.Logger.Level.DEBUG, "SMS {0} received as seq {1}{2}", sid,
                Long.toString(received.seq()), received.duplicate() ? " (duplicate, ignored)" : "");
        if (!received.duplicate()) {
            wake.run();
        }
        res.header(HeaderNames.CONTENT_TYPE, "text/xml");
        res.send(EMPTY_TWIML);
    }

    /** A delivery report: moves the message forward, never back. */
    private void status(ServerRequest req, ServerResponse res) {
        Map<String, String> form = form(req);
        if (!signature.valid(req, form)) {
            forbidden(res);
            return;
        }

        String sid = required(form, "MessageSid");
        String reported = required(form, "MessageStatus");
        Optional<Integer> errorCode = errorCode(form.get("ErrorCode"));

        Optional<SmsOutbox.Sent> message = outbox.findByProviderId(sid);
        if (message.isEmpty()) {
            // Twilio retries a callback that is not acknowledged; one about a message we do not
            // know will never become known, so it is acknowledged and dropped.
            LOG.log(System.Logger.Level.DEBUG, "Status callback for unknown message {0}", sid);
            res.status(Status.OK_200).send();
            return;
        }
        // The opt-out is recorded before the status moves: should it fail, Twilio's retry of
        // this callback still finds the message unchanged and records it then.
        if (errorCode.filter(code -> code == SmsSender.OPTED_OUT).isPresent()) {
            optOut(message.get());
        }
        Optional<DeliveryStatus> next = DeliveryStatus.fromTwilio(reported);
        SmsOutbox.Applied applied = next.map(s -> outbox.apply(sid, s, errorCode, clock.instant()))
                .orElse(SmsOutbox.Applied.UNCHANGED);
        LOG.log(System.Logger.Level.DEBUG, "Status {0} for message {1}: {2}", reported, sid,
                applied);
        res.status(Status.OK_200).send();
    }

    /** Records the opt-out once: a repeated callback adds nothing to the ledger. */
    private void optOut(SmsOutbox.Sent message) {
        conversations.find(message.conversationId()).map(Conversation::clientId)
                .filter(clientId -> !optOuts.optedOut(clientId, SmsOutbox.CHANNEL, message.to()))
                .ifPresent(clientId -> optOuts.optOut(clientId, SmsOutbox.CHANNEL, message.to(),
                        SmsSender.CARRIER_OPT_OUT, Optional.of(message.conversationId())));
    }

    /** The form fields; a name given twice keeps its first value, as Twilio never repeats one. */
    static Map<String, String> form(ServerRequest req) {
        String content = req.content().hasEntity() ? req.content().as(String.class) : "";
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : content.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            form.putIfAbsent(name, value);
        }
        return form;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("bad_form", "The form body is not valid "
                    + "application/x-www-form-urlencoded: " + e.getMessage());
        }
    }

    private static String required(Map<String, String> form, String name) {
        String value = form.get(name);
        if (value == null || value.isBlank()) {
            throw missing(name);
        }
        return value;
    }

    private static String phone(Map<String, String> form, String name) {
        String value = required(form, name).trim();
        if (!E164.matcher(value).matches()) {
            throw new BadInputException("bad_phone", name + " must be an E.164 number such as "
                    + "+15555550123; Twilio sends it that way for SMS");
        }
        return value;
    }

    private static BadInputException missing(String name) {
        return new BadInputException("missing_field", "The Twilio webhook has no " + name
                + "; Twilio always sends it, so check what is posting to this URL");
    }

    private static Optional<Integer> errorCode(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            throw new BadInputException("bad_error_code", "ErrorCode must be a number such as "
                    + "30003, was '" + value + "'");
        }
    }

    private static void forbidden(ServerResponse res) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "bad_signature");
        body.put("message", "X-Twilio-Signature is missing or does not match; Twilio signs the "
                + "public URL, so set PARLEY_PUBLIC_BASE_URL to the URL Twilio posts to and "
                + "TWILIO_AUTH_TOKEN to the account's auth token");
        res.status(Status.FORBIDDEN_403);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
