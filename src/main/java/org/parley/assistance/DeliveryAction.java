package org.parley.assistance;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/**
 * Decides whether to ask where the application goes: only when the verified account has an
 * email address, the patient is not on email already, and the application is one Parley
 * sends (not mailed by a person). A choice stated with the request ("yes, email it") is taken
 * without asking.
 */
final class DeliveryAction implements Action {

    private final Delivery delivery;
    private final Applications applications;
    private final ApplicationStore store;

    DeliveryAction(Delivery delivery, Applications applications, ApplicationStore store) {
        this.delivery = delivery;
        this.applications = applications;
        this.store = store;
    }

    @Override
    public String name() {
        return "application_delivery";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("ask", "decided");
    }

    @Override
    public String run(Turn turn) {
        turn.slots().remove(Delivery.SLOT);
        Optional<String> address = delivery.address(turn);
        AssistanceSettings settings = applications.settings().get(turn.clientId());
        boolean mailedByPerson = !settings.programs().isEmpty() && ProgramChoice.of(turn,
                settings, store.estimate(turn.conversationId())).apply().method()
                == Program.Method.POST;
        if (address.isEmpty() || mailedByPerson) {
            turn.slots().put(Delivery.SLOT, Delivery.HERE);
            return "decided";
        }
        Optional<String> stated = delivery.stated(turn.text(), turn.language());
        if (stated.isPresent()) {
            turn.slots().put(Delivery.SLOT, stated.get());
            return "decided";
        }
        delivery.ask(turn, address.get());
        return "ask";
    }
}
