package org.parley.channel.sms;

import java.util.Optional;
import java.util.function.Predicate;

/** Hands one SMS to whatever carries it: Twilio, or the development outbox. */
interface SmsGateway {

    /**
     * One message ready to leave.
     *
     * @param from           an E.164 number, or a Messaging Service SID ({@code MG...})
     * @param statusCallback where the provider reports delivery, when Parley is reachable
     */
    record Outgoing(String conversationId, long seq, String from, String to, String body,
                    Optional<String> statusCallback) {
    }

    /** What became of a send. */
    sealed interface Outcome {
    }

    /** The provider took the message and will report its delivery. */
    record Accepted(String providerId) implements Outcome {
    }

    /** The message reached its destination at once: the development outbox. */
    record Delivered(String providerId, String via) implements Outcome {
    }

    /** The provider is busy or unreachable: try again later. */
    record Transient(Optional<Integer> code, String reason) implements Outcome {
    }

    /** The provider refused the message for good. */
    record Rejected(Optional<Integer> code, String reason) implements Outcome {
    }

    Outcome send(Outgoing message);

    /** What the provider holds of a message an earlier try may have handed over. */
    sealed interface Lookup {
    }

    /** The provider already took the message, under this id: it must not be sent again. */
    record Held(String providerId) implements Lookup {
    }

    /** The provider holds no such message: sending it is the first time. */
    record NotHeld() implements Lookup {
    }

    /** The provider could not be asked; the message must wait, neither sent nor given up. */
    record Unknown(String reason) implements Lookup {
    }

    /**
     * Looks among the messages the provider took most recently for one with the same sender,
     * recipient and body whose id is not {@code known} to Parley: an earlier try that reached
     * the provider but whose answer was never stored. The development outbox delivers where it
     * lies, so it holds nothing in doubt.
     */
    default Lookup find(Outgoing message, Predicate<String> known) {
        return new NotHeld();
    }

    /** The outbox used without Twilio credentials: every message is delivered where it lies. */
    static SmsGateway devOutbox() {
        return message -> new Delivered("dev-" + message.seq(), "dev-outbox");
    }
}
