package org.parley.payments;

import org.parley.web.SignedBody;

import java.time.Clock;
import java.util.Optional;

/**
 * Checks the signature of a payment webhook delivery as {@link SignedBody} says: {@value #HEADER}
 * is {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">}, keyed with the webhook
 * secret. Within the time allowed, the payment id makes a replay harmless.
 */
final class WebhookSignature {

    static final String HEADER = SignedBody.HEADER;

    private final SignedBody signed;

    WebhookSignature(byte[] secret, Clock clock) {
        this.signed = new SignedBody(secret, clock);
    }

    /**
     * Passes a delivery whose header signs exactly {@code body} within the time allowed.
     *
     * @throws PaymentException.BadSignature saying which of that it is not
     */
    void verify(Optional<String> header, byte[] body) {
        signed.problem(header, body).ifPresent(why -> {
            throw new PaymentException.BadSignature(why);
        });
    }
}
