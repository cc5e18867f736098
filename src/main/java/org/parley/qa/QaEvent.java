package org.parley.qa;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened in a conversation beside its messages, as the QA console shows it:
 * an identity check, an opt-out or opt-in, a balance disclosed, a plan or a payment made, a
 * handoff, a claim, a transfer, a close, an agent's internal note.
 *
 * @param kind    what happened; see the constants
 * @param actor   who: {@code patient}, {@code bot}, {@code agent:<staff id>}, {@code operator},
 *                {@code carrier}, ...
 * @param details names and ids only: never a message body, a phone number or an amount
 */
public record QaEvent(String kind, Instant at, String actor, Map<String, String> details) {

    public static final String VERIFICATION = "verification";
    public static final String OPT_OUT = "opt_out";
    public static final String OPT_IN = "opt_in";
    public static final String BALANCE_DISCLOSED = "balance_disclosed";
    public static final String PLAN_CREATED = "plan_created";
    public static final String PAYMENT = "payment";
    public static final String FINANCING_OFFER = "financing_offer";
    /** The conversation was handed to a person (by the patient's request or the bot). */
    public static final String HANDOFF = "handoff";
    /** An agent took the conversation. */
    public static final String CLAIM = "claim";
    /** An agent passed it to another agent or queue. */
    public static final String TRANSFER = "transfer";
    /** An agent closed it. */
    public static final String CLOSE = "close";
    /** An agent's internal note, never shown to the patient. */
    public static final String AGENT_NOTE = "agent_note";

    public QaEvent {
        details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
    }

    /** The staff id of an agent actor ({@code agent:<id>}), or empty. */
    public java.util.Optional<String> agentId() {
        return actor.startsWith("agent:") ? java.util.Optional.of(actor.substring(6))
                : java.util.Optional.empty();
    }
}
