package org.parley.payments;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code POST /payments/webhook/{clientId}}: a payment reported by the client's system, one JSON
 * object per delivery, signed as {@link WebhookSignature} says. It is outside the API's bearer
 * token: the signature is the proof. A new payment is answered {@code {"status":"recorded"}}, a
 * replay {@code {"status":"duplicate"}}, both 200; a bad signature 401, a bad body 400 naming
 * the field, an unknown account 404, more than is owed or a reused id 409, and nothing changes.
 *
 * <p>The body is never logged: it names an account and an amount.
 */
final class PaymentWebhook {

    static final String PATH = "/payments/webhook/{clientId}";
    /** The largest body read; a payment report is a few hundred bytes. */
    static final int MAX_BYTES = 64 * 1024;

    /** One JSON object and nothing after it, each field once. */
    private static final ObjectReader READER = Json.STRICT;

    /** A good body, field by field, for the messages that say what to send. */
    private static final Map<String, String> SAMPLE = sample();
    static final String EXAMPLE = Json.write(SAMPLE);

    private final WebhookSignature signature;
    private final ClientStore clients;
    private final PaymentLedger ledger;
    private final Clock clock;

    PaymentWebhook(WebhookSignature signature, ClientStore clients, PaymentLedger ledger,
                   Clock clock) {
        this.signature = signature;
        this.clients = clients;
        this.ledger = ledger;
        this.clock = clock;
    }

    private static Map<String, String> sample() {
        Map<String, String> sample = new LinkedHashMap<>();
        sample.put("paymentId", "pay_8f2a");
        sample.put("accountNumber", "EH100234");
        sample.put("amount", "200.00");
        sample.put("currency", "USD");
        sample.put("paidAt", "2026-12-04T14:30:00Z");
        sample.put("method", "card");
        sample.put("last4", "4242");
        return sample;
    }

    void routes(HttpRouting.Builder routing) {
        routing.post(PATH, this::receive);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        Optional<byte[]> body = body(req);
        if (body.isEmpty()) {
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "payment_too_large",
                    "A payment report is at most " + MAX_BYTES / 1024 + " KB; send one payment "
                            + "per delivery, as a JSON object such as " + EXAMPLE);
            return;
        }
        // Nothing about the body or the client is looked at before the signature holds.
        signature.verify(req.headers().first(HeaderNames.create(WebhookSignature.HEADER)),
                body.get());
        Client client = clients.require(req.path().pathParameters().get("clientId"));

        PaymentLedger.Outcome outcome = ledger.record(parse(client, body.get()));
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(Map.of("status", outcome.duplicate() ? "duplicate" : "recorded")));
    }

    /** The body, or empty when it is longer than {@link #MAX_BYTES}. */
    private static Optional<byte[]> body(ServerRequest req) {
        if (req.headers().contentLength().orElse(0) > MAX_BYTES) {
            return Optional.empty();
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a payment webhook's body", e);
        }
    }

    /**
     * The payment a body reports.
     *
     * @throws BadInputException             when it is not one JSON object
     * @throws PaymentException.BadField naming the first field that is missing or wrong
     */
    ReportedPayment parse(Client client, byte[] body) {
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadInputException("malformed_json", "The body is not valid JSON ("
                    + e.getOriginalMessage() + "); nothing was recorded. Send one JSON object "
                    + "such as " + EXAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (json == null || !json.isObject()) {
            throw new BadInputException("malformed_json", "The body is not a JSON object; "
                    + "nothing was recorded. Send one JSON object such as " + EXAMPLE);
        }

        Fields f = new Fields(json);
        String paymentId = f.required("paymentId", PaymentFields.PAYMENT_ID,
                PaymentFields::paymentId);
        String account = f.required("accountNumber", PaymentFields.ACCOUNT_NUMBER,
                PaymentFields::accountNumber);
        BigDecimal amount = f.required("amount", "a string holding " + PaymentFields.AMOUNT,
                PaymentFields::amount);
        f.required("currency", "'" + client.currency() + "', the currency of client "
                + client.id() + "'s balances", c -> Optional.of(c)
                .filter(client.currency()::equalsIgnoreCase));
        Instant now = clock.instant();
        Instant paidAt = f.required("paidAt", "an ISO-8601 instant such as "
                + "2026-12-04T14:30:00Z, " + PaymentFields.WHEN,
                v -> PaymentFields.instant(v, now));
        String method = f.required("method", PaymentFields.METHOD, PaymentFields::method);
        Optional<String> last4 = f.optional("last4", PaymentFields.LAST4,
                v -> Optional.of(v).filter(PaymentFields::isLast4));
        return new ReportedPayment(client.id(), paymentId, account, amount, paidAt, method, last4,
                PaymentSource.WEBHOOK, Optional.empty(), Optional.empty());
    }

    /** The body's fields, each a JSON string checked by its rule. */
    private record Fields(JsonNode json) {

        <T> T required(String name, String expected, Function<String, Optional<T>> rule) {
            return optional(name, expected, rule).orElseThrow(() -> new PaymentException.BadField(
                    "missing_field", name, "Field '" + name + "' is missing; nothing was "
                    + "recorded. Send it as " + expected + ", as in " + EXAMPLE));
        }

        <T> Optional<T> optional(String name, String expected,
                                 Function<String, Optional<T>> rule) {
            JsonNode node = json.get(name);
            if (node == null || node.isNull()) {
                return Optional.empty();
            }
            if (!node.isTextual()) {
                // A number such as 200.1 may already be a binary fraction once parsed.
                throw new PaymentException.BadField("invalid_field", name, "Field '" + name
                        + "' must be a JSON string, not " + node.getNodeType().name()
                        .toLowerCase(Locale.ROOT) + "; nothing was recorded. Send it as "
                        + expected + ", such as \"" + SAMPLE.get(name) + "\"");
            }
            // Taken exactly as sent: " 5" is not an amount, whatever it looks like to a person.
            String value = node.asText();
            return Optional.of(rule.apply(value).orElseThrow(() -> new PaymentException.BadField(
                    "invalid_field", name, "Field '" + name + "' must be " + expected + ", was '"
                    + PaymentFields.shown(name, value) + "'; nothing was recorded")));
        }

    }
}
