package org.parley.dialog;

import java.util.Set;

/**
 * A piece of Java behaviour a flow step names by {@code action:}: it reads and changes the
 * turn, and answers with an outcome the flow maps to a transition.
 */
public interface Action {

    /** The name flows use, such as {@code verify_identity}. */
    String name();

    /** Every outcome {@link #run} may return; the content check holds flows to these. */
    Set<String> outcomes();

    /**
     * Whether a step that collects takes the patient's message as its answer even though it
     * also reads as a request from elsewhere ("can I pay -$50 a month" to a plan's yes or no
     * question is about the plan, not paying now). By default no: a confident request
     * interrupts the step.
     */
    default boolean claims(Turn turn) {
        return false;
    }

    /** Does the work for one turn and names the outcome. */
    String run(Turn turn);
}
