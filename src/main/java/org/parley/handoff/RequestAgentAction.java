package org.parley.handoff;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Set;

/**
 * Marks the conversation as needing a person, with the reason an agent will see; a reason the
 * engine gave this turn (distress, not understood) is kept.
 */
public final class RequestAgentAction implements Action {

    @Override
    public String name() {
        return "request_agent";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("done");
    }

    @Override
    public String run(Turn turn) {
        if (!turn.needsAgent()) {
            turn.needAgent(turn.locked() ? "verification_locked" : "patient_request");
        }
        return "done";
    }
}
