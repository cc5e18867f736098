package org.parley.plans;

import java.util.Objects;

/**
 * The terms of a plan exactly as the patient read them before agreeing: the rendered text, in
 * their language, shaped for their channel.
 */
public record ShownTerms(String text, String language, String channel) {

    public ShownTerms {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(channel, "channel");
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("The terms shown must be the text the patient "
                    + "read; got none");
        }
    }
}
