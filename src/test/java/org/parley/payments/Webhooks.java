package org.parley.payments;

import org.parley.testing.TestParley;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;

/** The client's system delivering payment webhooks to a test Parley, signed as documented. */
public final class Webhooks {

    public static final String SECRET = "whsec-test-0123456789abcdef0123456789abcdef";
    public static final String ENV = "PARLEY_PAYMENTS_WEBHOOK_SECRET";

    private Webhooks() {
    }

    /** A body for {@code amount} paid on {@code account} at 14:30 UTC on the test day. */
    public static String body(String paymentId, String account, String amount) {
        return "{\"paymentId\":\"" + paymentId + "\",\"accountNumber\":\"" + account
                + "\",\"amount\":\"" + amount + "\",\"currency\":\"USD\","
                + "\"paidAt\":\"2026-12-04T14:30:00Z\",\"method\":\"card\",\"last4\":\"4242\"}";
    }

    /** Delivers {@code body} signed at {@code now} with the test secret. */
    public static HttpResponse<String> deliver(TestParley parley, Instant now, String clientId,
                                        String body) {
        return deliver(parley, clientId, body, signature(SECRET, now.getEpochSecond(), body));
    }

    static HttpResponse<String> deliver(TestParley parley, String clientId, String body,
                                        String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        parley.http("/payments/webhook/" + clientId))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!signature.isEmpty()) {
            request.header("X-Parley-Signature", signature);
        }
        return parley.send(request.build());
    }

    /** The header value: {@code t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}. */
    static String signature(String secret, long t, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return "t=" + t + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
