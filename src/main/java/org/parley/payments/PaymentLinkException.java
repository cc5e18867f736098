package org.parley.payments;

import org.parley.ParleyException;

/**
 * A payment link that cannot be used: not Parley's, tampered with, expired or already used. The
 * message never repeats the token, which is as good as the link itself.
 */
public abstract sealed class PaymentLinkException extends ParleyException {

    private PaymentLinkException(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    /** The token is not one Parley signed, or was changed after signing. */
    public static final class Invalid extends PaymentLinkException {
        Invalid(String why) {
            super(Kind.BAD_INPUT, "link_invalid", "This payment link is not valid (" + why
                    + "); ask for a new link in the conversation");
        }
    }

    /** The link was genuine but its time ran out. */
    public static final class Expired extends PaymentLinkException {
        Expired(java.time.Instant expiredAt) {
            super(Kind.GONE, "link_expired", "This payment link expired at " + expiredAt
                    + "; ask for a new link in the conversation");
        }
    }

    /** The link was genuine and has been used once already; links are single use. */
    public static final class Used extends PaymentLinkException {
        Used() {
            super(Kind.CONFLICT, "link_used", "This payment link has already been used; "
                    + "ask for a new link in the conversation to pay again");
        }
    }

    /** No payment page is configured for the client, so no link can point anywhere. */
    public static final class NoPaymentPage extends PaymentLinkException {
        NoPaymentPage(String clientId) {
            super(Kind.UNAVAILABLE, "payment_page_not_configured", "Client '" + clientId
                    + "' has no payment page URL template yet; payment links work only in the "
                    + "demo sandbox until per-client templates are configured");
        }
    }
}
