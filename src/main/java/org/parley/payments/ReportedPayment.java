package org.parley.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A payment as its source reports it, before the ledger records it. Each source checks its own
 * input and names the field that is wrong; these checks only keep out what no source may pass.
 *
 * @param paymentId      the client system's id of the payment, unique per client; for the
 *                       sandbox, the payment link's id
 * @param amount         in the client's currency, above zero, kept with two decimals
 * @param paidAt         when the payment was made, as the source says
 * @param method         how it was paid, such as {@code card}, {@code ach} or {@code cash}
 * @param last4          at most the last four digits of the card or bank account; never more
 * @param linkId         the payment link it was made through, when there was one
 * @param conversationId the conversation the link was issued in, when there was one
 */
public record ReportedPayment(String clientId, String paymentId, String accountNumber,
                              BigDecimal amount, Instant paidAt, String method,
                              Optional<String> last4, PaymentSource source,
                              Optional<String> linkId, Optional<String> conversationId) {

    public ReportedPayment {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(accountNumber, "accountNumber");
        Objects.requireNonNull(paidAt, "paidAt");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(source, "source");
        if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            // The amount itself is not named: a message like this one can reach a log.
            throw new IllegalArgumentException("A payment amount must be above zero with at "
                    + "most two decimals; each source checks it before reporting a payment");
        }
        amount = amount.setScale(2);
        if (last4.isPresent() && !PaymentFields.isLast4(last4.get())) {
            // Never repeat it: a source that sends more than four digits may send a card number.
            throw new IllegalArgumentException("Only up to the last four digits of a card or "
                    + "account may be kept, got " + last4.get().length() + " characters");
        }
    }
}
