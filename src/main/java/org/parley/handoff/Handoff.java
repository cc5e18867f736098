package org.parley.handoff;

import java.time.Instant;
import java.util.Optional;

/**
 * A conversation handed to people: one per conversation, in {@code handoffs} under the
 * conversation's id. It is queued, then assigned to one agent, then closed; a later handoff of
 * the same conversation queues it again as the next {@code round}.
 *
 * @param priority    higher is answered first: distress before a request to stop, before the rest
 * @param reason      why the bot handed over, such as {@code patient_request}
 * @param agentId     the staff member who holds it while assigned
 * @param agentSeenAt when that agent's console last said it was alive, while assigned
 * @param outcome     once closed: {@code returned} to the bot, or the agent's disposition code
 * @param version     rises with every change, for writes that must not cross
 */
public record Handoff(String conversationId, String clientId, String channel, String language,
                      int priority, String reason, Status status, Optional<String> agentId,
                      Instant queuedAt, Optional<Instant> assignedAt,
                      Optional<Instant> agentSeenAt, Optional<String> outcome, int round,
                      long version) {

    /** Where a handoff stands. */
    public enum Status {
        /** Waiting for an agent. */
        QUEUED,
        /** An agent holds it. */
        ASSIGNED,
        /** Handed back to the bot or closed by the agent. */
        CLOSED;

        /** The stored name: {@code queued}, {@code assigned}, {@code closed}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** True while queued or assigned: the bot stays silent. */
    public boolean open() {
        return status != Status.CLOSED;
    }
}
