package org.parley.payments;

/**
 * Told of each new payment once the ledger has recorded it, the balance has dropped and the
 * receipt has been handled; payment plans listen to learn of installments paid. Replays are not
 * told again. A listener runs on the thread that recorded the payment and should be quick; if
 * it fails, the failure is logged and the payment stands.
 */
@FunctionalInterface
public interface PaymentListener {

    void paid(RecordedPayment payment);
}
