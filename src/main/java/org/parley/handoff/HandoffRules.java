package org.parley.handoff;

import java.util.Map;

/**
 * A client's rules for conversations handed to people, from its {@code handoff} settings.
 *
 * @param hours                  when people answer, in the client's zone
 * @param minutesPerConversation how long one waiting conversation keeps a person busy, for the
 *                               wait the patient is told: this times the conversations ahead
 *                               of theirs and their own
 * @param waitMessages           the client's own words said after the wait, by language; a
 *                               language without them says only the standard wait
 */
public record HandoffRules(BusinessHours hours, int minutesPerConversation,
                           Map<String, String> waitMessages) {

    /** The rules of a client that set none: always open, five minutes a conversation. */
    public static final HandoffRules DEFAULT = new HandoffRules(BusinessHours.ALWAYS, 5, Map.of());

    public HandoffRules {
        waitMessages = Map.copyOf(waitMessages);
    }
}
