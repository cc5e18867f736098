package org.parley.assistance;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/** Reads the patient's answer to "by email or here?". */
final class ReadDeliveryAction implements Action {

    private final Delivery delivery;

    ReadDeliveryAction(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public String name() {
        return "read_delivery";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("chosen", "not_understood");
    }

    /** "By email", "text me": an answer to the question, not a request elsewhere. */
    @Override
    public boolean claims(Turn turn) {
        return delivery.stated(turn.text(), turn.language()).isPresent();
    }

    @Override
    public String run(Turn turn) {
        Optional<String> address = delivery.address(turn);
        Optional<String> stated = delivery.stated(turn.text(), turn.language());
        if (address.isEmpty()) {
            turn.slots().put(Delivery.SLOT, Delivery.HERE);
            return "chosen";
        }
        if (stated.isEmpty()) {
            delivery.ask(turn, address.get());
            return "not_understood";
        }
        turn.slots().put(Delivery.SLOT, stated.get());
        return "chosen";
    }
}
