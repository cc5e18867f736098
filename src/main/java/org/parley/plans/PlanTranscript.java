package org.parley.plans;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * What the patient was shown and what they answered, read back from the stored conversation,
 * so that an agreement records the words exactly as they went out.
 */
interface PlanTranscript {

    /**
     * The bot's text from its latest message rendered from {@code key} up to the patient's
     * latest message, and that message.
     *
     * @return empty when no such message was said before the patient's latest message
     */
    default Optional<Shown> shown(String conversationId, String key) {
        return shown(conversationId, key, Set.of());
    }

    /**
     * Like {@link #shown(String, String)}, starting earlier at a message rendered from one of
     * {@code leads} said just before the one from {@code key}, as part of it.
     */
    Optional<Shown> shown(String conversationId, String key, Set<String> leads);

    /**
     * @param text   the bot's messages, in order, one per line
     * @param seq    the number of the patient's answer in the conversation
     * @param answer the patient's answer as stored
     */
    record Shown(String text, long seq, String answer, Instant at) {
    }
}
