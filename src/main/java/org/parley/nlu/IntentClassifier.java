package org.parley.nlu;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** Recognises what a patient's message means: a step's expected intent, or any intent at all. */
public interface IntentClassifier {

    /** Messages about something Parley does not do: answered with what it can do. */
    String OUT_OF_SCOPE = "out_of_scope";

    /** Intents understood at every step, whatever the step asks. */
    Set<String> GLOBAL_INTENTS = Set.of("help", "talk_to_agent", "start_over", "go_back",
            "change_language", "yes", "no");

    /**
     * The best intent among {@code expected} for {@code text} in {@code language}, or empty
     * when the text is not understood well enough to act on.
     */
    Optional<IntentMatch> classify(String language, String text, Collection<String> expected);

    /**
     * The best intent among all of the language's intents, {@link #OUT_OF_SCOPE} and the
     * {@link #GLOBAL_INTENTS} included, or empty when the text is not understood well enough to
     * act on (treat that like {@link #OUT_OF_SCOPE}).
     */
    Optional<IntentMatch> classifyAny(String language, String text);

    /** An intent and how sure the classifier is, between 0 and 1. */
    record IntentMatch(String intent, double confidence) {
    }
}
