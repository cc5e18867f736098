package org.parley.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message in a conversation, numbered by {@code seq} from 1 in the order it was stored.
 *
 * @param from            {@code patient}, {@code bot} or {@code agent}
 * @param key             for a bot message, the message key it was rendered from
 * @param clientMessageId for a patient message, the id its channel gave it; a retry carries
 *                        the same id and is not stored twice
 */
public record Message(String conversationId, long seq, String from, String text,
                      List<Option> options, Optional<String> key,
                      Optional<String> clientMessageId, Instant at) {

    public Message {
        options = List.copyOf(options);
    }

    /** A choice offered after a message: what the patient sees and what choosing it sends. */
    public record Option(String label, String value) {
    }
}
