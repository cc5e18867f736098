package org.parley.nlu;

import java.util.Collection;
import java.util.Optional;

/** Recognises which of a step's expected intents a patient's message means. */
public interface IntentClassifier {

    /**
     * The best intent among {@code expected} for {@code text} in {@code language}, or empty
     * when the text is not understood well enough to act on.
     */
    Optional<IntentMatch> classify(String language, String text, Collection<String> expected);

    /** An intent and how sure the classifier is, between 0 and 1. */
    record IntentMatch(String intent, double confidence) {
    }
}
