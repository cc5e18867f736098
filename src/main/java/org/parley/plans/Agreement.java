package org.parley.plans;

import java.time.Instant;
import java.util.Objects;

/**
 * The patient's explicit yes to terms they were shown: the message that said it, where and when.
 *
 * @param seq  the number of the patient's message in its conversation
 * @param text the patient's message as stored (card numbers already masked)
 */
public record Agreement(String conversationId, String channel, long seq, String text,
                        Instant at) {

    public Agreement {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(at, "at");
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be the patient's message number, 1 or "
                    + "more; got " + seq);
        }
    }
}
