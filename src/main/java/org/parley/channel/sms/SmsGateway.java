package org.parley.channel.sms;

import java.util.Optional;

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

    /** The outbox used without Twilio credentials: every message is delivered where it lies. */
    static SmsGateway devOutbox() {
        return message -> new Delivered("dev-" + message.seq(), "dev-outbox");
    }
}
