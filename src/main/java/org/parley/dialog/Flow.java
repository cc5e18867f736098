package org.parley.dialog;

import java.util.Map;
import java.util.Optional;

/**
 * One dialog flow as written in {@code dialogs/<name>.yaml}: named steps and where each leads.
 * Flows are language-neutral; they name message keys and intents, never wording.
 *
 * @param requires a condition the conversation must meet first, such as {@code verified}
 * @param enteredBy {@code notice} for a flow that Java code leads to, such as the answer to a
 *                  notice; the content check then does not ask another flow to lead to it
 */
public record Flow(String name, String start, Optional<String> requires, Map<String, Step> steps,
                   String file, Optional<String> enteredBy) {

    public Flow {
        steps = Map.copyOf(steps);
    }

    public Step step(String name) {
        Step step = steps.get(name);
        if (step == null) {
            throw new IllegalStateException("Flow '" + this.name + "' has no step '" + name + "'");
        }
        return step;
    }
}
