package org.parley.payments;

import java.util.Locale;

/** Where Parley learned of a payment. */
public enum PaymentSource {
    /** The client's system posted it to the signed webhook. */
    WEBHOOK,
    /** It was a row of a payment file the client imported. */
    FILE,
    /** The demo's sandbox page took it through a payment link. */
    SANDBOX;

    /** The name stored and shown in the API, such as {@code webhook}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PaymentSource fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
