package org.parley.payments;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Remembers what the patient asked to pay ("$200 today", "all of it", "with my CareCredit")
 * from the message that asked, before identity is checked; {@link PayNowAction} takes it up
 * once the patient is verified. Nothing is looked up and nothing is said here.
 */
public final class PayRequestAction implements Action {

    private final Supplier<PaymentRequests> requests;
    private final PaymentRequestReader reader;

    PayRequestAction(Supplier<PaymentRequests> requests, PaymentRequestReader reader) {
        this.requests = requests;
        this.reader = reader;
    }

    @Override
    public String name() {
        return "remember_payment_request";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("remembered");
    }

    @Override
    public String run(Turn turn) {
        requests.get().remember(turn.conversationId(),
                reader.read(turn.text(), turn.language(), true));
        return "remembered";
    }
}
