package org.parley.dialog;

import java.util.List;
import java.util.Optional;

/**
 * What the engine made of one patient message, for reviewers: the intent it settled on and how
 * sure the classifier was, the outcome of the action that read the text, the entities it took
 * (names only, never values) and every step the turn passed through.
 *
 * @param intent     the intent acted on; empty when none was (an answer collected by an action)
 * @param confidence the classifier's confidence in {@code intent}; 1 for a chosen option or a
 *                   keyword; empty when no intent was read
 * @param outcome    the outcome of the action run on the text, such as {@code verified}
 * @param entities   names of the slots the turn filled from the text, such as
 *                   {@code date_of_birth}
 * @param steps      each {@code flow.step} entered during the turn, in order
 */
public record Reading(Optional<String> intent, Optional<Double> confidence,
                      Optional<String> outcome, List<String> entities, List<String> steps) {

    /** A turn that read nothing. */
    public static final Reading NONE = new Reading(Optional.empty(), Optional.empty(),
            Optional.empty(), List.of(), List.of());

    public Reading {
        entities = List.copyOf(entities);
        steps = List.copyOf(steps);
    }
}
