package org.parley.dialog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One step of a flow. On entering, the step says its messages and runs its action, if it waits
 * for no input; a step that waits (it offers options, maps intents, or collects slots) runs its
 * action on the patient's answer instead. Outcomes and intents lead on through {@code on}.
 *
 * @param say      messages said on entering, in order
 * @param options  intents offered as buttons or numbered choices
 * @param collect  entities taken from the patient's answer into the conversation's slots
 * @param action   a named Java action; its outcome picks the transition
 * @param on       outcome or intent to transition
 * @param next     where a step that waits for nothing goes after saying and acting
 * @param reprompt the message said when an answer is not understood; the step stays
 * @param line     where the step starts in its file, for error messages
 */
public record Step(String name, List<Say> say, List<String> options, List<String> collect,
                   Optional<String> action, Map<String, Transition> on, Optional<String> next,
                   Optional<String> reprompt, int line) {

    public Step {
        say = List.copyOf(say);
        options = List.copyOf(options);
        collect = List.copyOf(collect);
        on = Map.copyOf(on);
    }

    /** True when this step stops and waits for the patient's next message. */
    public boolean waits() {
        return !options.isEmpty() || !collect.isEmpty() || (action.isEmpty() && !on.isEmpty());
    }

    /**
     * A message said by a step.
     *
     * @param each when present, the key is said once for every element of this list argument
     */
    public record Say(String key, Optional<String> each) {
    }

    /** Where an outcome leads, with an optional message said on the way. */
    public record Transition(String target, Optional<String> say) {
    }
}
