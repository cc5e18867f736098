package org.parley.dialog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a conversation stands in its dialog: the current flow and step, what has been
 * collected, and what the patient has proven. Stored with the conversation after every turn.
 *
 * @param returns         targets to go back to when a required flow (such as verification) ends
 * @param verifiedAccount the account number the patient proved they own, once verified
 * @param failedAttempts  failed identity checks so far
 * @param locked          true once verification failed too often; it stays locked
 * @param needsAgent      true when a person must take over; the reason says why
 * @param history         the questions answered before this one, most recent last, for
 *                        "go back"
 */
public record DialogState(String flow, String step, String language, Map<String, String> slots,
                          List<String> returns, Optional<String> verifiedAccount,
                          int failedAttempts, boolean locked, boolean needsAgent,
                          Optional<String> agentReason, List<String> history) {

    public DialogState {
        slots = Map.copyOf(slots);
        returns = List.copyOf(returns);
        history = List.copyOf(history);
    }

    /** The state of a conversation that has not said anything yet. */
    public static DialogState initial(String language) {
        return new DialogState("main", "welcome", language, Map.of(), List.of(), Optional.empty(),
                0, false, false, Optional.empty(), List.of());
    }

    /** The same state, marked for a person to take over for {@code reason}. */
    public DialogState needingAgent(String reason) {
        return new DialogState(flow, step, language, slots, returns, verifiedAccount,
                failedAttempts, locked, true, Optional.of(reason), history);
    }

    public boolean verified() {
        return verifiedAccount.isPresent();
    }
}
