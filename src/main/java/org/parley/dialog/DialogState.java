package org.parley.dialog;

import java.util.LinkedHashMap;
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
 * @param misunderstood   patient messages in a row the bot did not understand; a few hand the
 *                        conversation to a person
 * @param lastIntent      the request or answer the bot last understood, for the agent who
 *                        takes over
 */
public record DialogState(String flow, String step, String language, Map<String, String> slots,
                          List<String> returns, Optional<String> verifiedAccount,
                          int failedAttempts, boolean locked, boolean needsAgent,
                          Optional<String> agentReason, List<String> history, int misunderstood,
                          Optional<String> lastIntent) {

    /**
     * The slots that keep the options a notice offered at its step ({@code offered.flow.step}),
     * which an answer there is read against instead of the step's own.
     */
    static final String OFFERED = "offered.";

    public DialogState {
        slots = Map.copyOf(slots);
        returns = List.copyOf(returns);
        history = List.copyOf(history);
    }

    /** A state with nothing misunderstood and no intent understood yet. */
    public DialogState(String flow, String step, String language, Map<String, String> slots,
                       List<String> returns, Optional<String> verifiedAccount,
                       int failedAttempts, boolean locked, boolean needsAgent,
                       Optional<String> agentReason, List<String> history) {
        this(flow, step, language, slots, returns, verifiedAccount, failedAttempts, locked,
                needsAgent, agentReason, history, 0, Optional.empty());
    }

    /** The state of a conversation that has not said anything yet. */
    public static DialogState initial(String language) {
        return new DialogState("main", "welcome", language, Map.of(), List.of(), Optional.empty(),
                0, false, false, Optional.empty(), List.of());
    }

    /** The same state, marked for a person to take over for {@code reason}. */
    public DialogState needingAgent(String reason) {
        return new DialogState(flow, step, language, slots, returns, verifiedAccount,
                failedAttempts, locked, true, Optional.of(reason), history, misunderstood,
                lastIntent);
    }

    /** The same state in {@code language}, as when the patient wrote in it. */
    public DialogState speaking(String language) {
        return new DialogState(flow, step, language, slots, returns, verifiedAccount,
                failedAttempts, locked, needsAgent, agentReason, history, misunderstood,
                lastIntent);
    }

    /**
     * The state a person hands back to the bot: no longer needing a person, at {@code flow}'s
     * {@code step}, with nothing half-collected and nothing misunderstood. What the patient
     * proved stays proven.
     */
    public DialogState handedBack(String flow, String step) {
        return new DialogState(flow, step, language, Map.of(), List.of(), verifiedAccount,
                failedAttempts, locked, false, Optional.empty(), List.of(), 0, lastIntent);
    }

    /**
     * The same state at {@code target} ({@code flow.step}), as a notice leads it to where the
     * patient's answer belongs. When the notice offered {@code options}, the answer is read
     * against those, in their order, and they are what is asked again: a number beyond them is
     * not another option the step happens to have.
     */
    public DialogState answeringAt(String target, List<String> options) {
        int dot = target.indexOf('.');
        Map<String, String> kept = new LinkedHashMap<>(slots);
        kept.keySet().removeIf(key -> key.startsWith(OFFERED));
        if (!options.isEmpty()) {
            kept.put(OFFERED + target, String.join(",", options));
        }
        return new DialogState(target.substring(0, dot), target.substring(dot + 1), language,
                kept, returns, verifiedAccount, failedAttempts, locked, needsAgent, agentReason,
                history);
    }

    public boolean verified() {
        return verifiedAccount.isPresent();
    }
}
