package org.parley.payments;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * What a verified payment link asks for: an amount towards one account, from one conversation.
 *
 * @param linkId the token's {@code jti}, unique per link; the key of single use
 * @param amount in the client's currency, exactly as issued
 */
public record PaymentLink(String linkId, String clientId, String accountNumber,
                          BigDecimal amount, String conversationId, Instant expiresAt) {
}
