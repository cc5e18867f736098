package org.parley.assistance;

import org.parley.nlu.CountParser;

import java.util.List;
import java.util.OptionalInt;

/**
 * Reads the size of a household from a patient's words: "4", "4 people", "we're a family of
 * four", "just me", "somos tres". Anything it cannot read as one size between 1 and
 * {@value #MAX} is no answer, and the patient is asked again.
 */
final class HouseholdReader {

    /** The largest household the estimate takes; larger answers are asked again. */
    static final int MAX = 30;

    private final Phrases phrases;
    private final CountParser counts = new CountParser();

    HouseholdReader(Phrases phrases) {
        this.phrases = phrases;
    }

    OptionalInt read(String text, String language) {
        String normal = Phrases.normal(text);
        OptionalInt n = counts.read(normal, language);
        if (n.isPresent()) {
            return n.getAsInt() >= 1 && n.getAsInt() <= MAX ? n : OptionalInt.empty();
        }
        // "Just me", "solo yo": a household of one, said without a number.
        return phrases.find(normal, language, List.of("household-alone")).isEmpty()
                ? OptionalInt.empty() : OptionalInt.of(1);
    }
}
