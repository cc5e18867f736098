package org.parley.assistance;

import org.parley.nlu.CountParser;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Reads the size of a household from a patient's words: "4", "4 people", "we're a family of
 * four", "just me", "somos tres", "two adults and two kids" (4), "me and my 3 kids" (4: the
 * speaker counts). Anything it cannot read as one size between 1 and {@value #MAX}, a negative
 * number included, is no answer, and the patient is asked again.
 */
final class HouseholdReader {

    /** The largest household the estimate takes; larger answers are asked again. */
    static final int MAX = 30;

    /** "-3", "- 3": a minus sign before a number, not a dash between two. */
    private static final Pattern NEGATIVE = Pattern.compile(
            "(?:^|[^\\p{L}\\p{N}])[-\u2212]\\s*\\p{N}");

    private final Phrases phrases;
    private final CountParser counts = new CountParser();

    HouseholdReader(Phrases phrases) {
        this.phrases = phrases;
    }

    OptionalInt read(String text, String language) {
        String normal = Phrases.normal(text);
        if (NEGATIVE.matcher(normal).find()) {
            return OptionalInt.empty();
        }
        boolean self = !phrases.find(normal, language, List.of("household-self")).isEmpty();
        int members = phrases.find(normal, language, List.of("household-members")).size();

        // "Two adults and two kids": people counted by kind add up.
        List<Number> all = counts.all(normal, language);
        if (all.size() > 1 && members >= 2) {
            return size(sum(all) + (self ? 1 : 0));
        }
        OptionalInt n = counts.read(normal, language);
        if (n.isPresent()) {
            // "Me and my 3 kids": the speaker is one more.
            return size(n.getAsInt() + (self ? 1 : 0));
        }
        // "Just me", "solo yo": a household of one, said without a number.
        return phrases.find(normal, language, List.of("household-alone")).isEmpty()
                ? OptionalInt.empty() : OptionalInt.of(1);
    }

    private static double sum(List<Number> numbers) {
        return numbers.stream().mapToDouble(Number::doubleValue).sum();
    }

    private static OptionalInt size(double n) {
        return n == Math.rint(n) && n >= 1 && n <= MAX ? OptionalInt.of((int) n)
                : OptionalInt.empty();
    }
}
