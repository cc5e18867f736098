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

    /** Does the work for one turn and names the outcome. */
    String run(Turn turn);
}
