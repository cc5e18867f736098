package org.parley.payments;

import org.parley.ParleyException;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A payment the ledger refuses; nothing of it is stored. Each names the payment and what to do.
 * Amounts appear in the message, which goes back to the client's system only, never to a log.
 */
public abstract sealed class PaymentException extends ParleyException {

    private PaymentException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    /** The client has no account with that number. */
    public static final class UnknownAccount extends PaymentException {

        private final String accountNumber;

        UnknownAccount(ReportedPayment p) {
            super(Kind.NOT_FOUND, "unknown_account", "Payment " + p.paymentId() + " is for "
                    + "account " + p.accountNumber() + ", which client " + p.clientId()
                    + " does not have; nothing was recorded. Check the account number, or import "
                    + "the balance file with that account first.");
            this.accountNumber = p.accountNumber();
        }

        public String accountNumber() {
            return accountNumber;
        }
    }

    /** The payment is more than the account owes. */
    public static final class MoreThanOwed extends PaymentException {

        private final BigDecimal owed;

        MoreThanOwed(ReportedPayment p, BigDecimal owed) {
            super(Kind.CONFLICT, "overpayment", "Payment " + p.paymentId() + " of "
                    + p.amount().toPlainString() + " is more than account " + p.accountNumber()
                    + " owes (" + owed.toPlainString() + "); nothing was recorded. Parley "
                    + "takes payments up to the balance: if the balance is out of date, import "
                    + "the client's balance file first and send the payment again.");
            this.owed = owed;
        }

        /** What the account owed when the payment was refused. */
        public BigDecimal owed() {
            return owed;
        }
    }

    /** The payment id was recorded before for another account or amount. */
    public static final class IdReused extends PaymentException {

        private final ReportedPayment recorded;

        IdReused(ReportedPayment recorded, ReportedPayment reported) {
            super(Kind.CONFLICT, "payment_id_conflict", "Payment id " + reported.paymentId()
                    + " was recorded before for account " + recorded.accountNumber() + " and "
                    + recorded.amount().toPlainString() + ", not account "
                    + reported.accountNumber() + " and " + reported.amount().toPlainString()
                    + "; nothing was changed. Give each payment its own id; a payment id is "
                    + "recorded once.");
            this.recorded = recorded;
        }

        /** The payment as first recorded under the id. */
        public ReportedPayment recorded() {
            return recorded;
        }
    }

    /** A field of the report is missing or not what it must be. */
    public static final class BadField extends PaymentException {

        private final String field;

        BadField(String code, String field, String message) {
            super(Kind.BAD_INPUT, code, message);
            this.field = field;
        }

        public String field() {
            return field;
        }

        @Override
        public Object detail() {
            return Map.of("field", field);
        }
    }

    /** A webhook delivery whose signature is missing, wrong or too old: not the client's. */
    public static final class BadSignature extends PaymentException {

        BadSignature(String why) {
            super(Kind.UNAUTHORIZED, "bad_signature", why + "; nothing was recorded. Sign each "
                    + "delivery when it is sent with " + WebhookSignature.HEADER + ": t=<unix "
                    + "seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the webhook "
                    + "secret, PARLEY_PAYMENTS_WEBHOOK_SECRET>");
        }
    }
}
