package org.parley.conversation;

import org.parley.dialog.DialogState;

import java.time.Instant;

/**
 * A conversation between one patient and a client, on one channel, with where its dialog
 * stands. The address is the patient's phone or email on those channels, empty on web chat.
 * {@code version} rises with every stored change, so two writers cannot both advance it.
 */
public record Conversation(String id, String clientId, String channel, String address,
                           DialogState dialog, String resumeTokenHash, long nextSeq,
                           long version, Instant createdAt, Instant updatedAt) {

    /** {@code needs_agent} once a person must take over, otherwise {@code open}. */
    public String status() {
        return dialog.needsAgent() ? "needs_agent" : "open";
    }
}
