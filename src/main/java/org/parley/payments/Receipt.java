package org.parley.payments;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether the patient was told of a payment, and where: in the latest conversation in which
 * they proved who they are, on its channel.
 *
 * @param conversationId the conversation the receipt was said in, when it was
 * @param channel        that conversation's channel, such as {@code sms} or {@code webchat}
 */
public record Receipt(Status status, Optional<String> conversationId, Optional<String> channel) {

    /** What became of the receipt. */
    public enum Status {
        /** Said in a verified conversation: stored there, texted on SMS, pushed to a chat. */
        SENT,
        /** Nobody proved to be the account's patient in any conversation: nothing was said. */
        NO_VERIFIED_CONVERSATION,
        /**
         * The patient opted out of that conversation's channel (STOP on SMS): nothing was said
         * or stored, as the channel would not have sent it.
         */
        SUPPRESSED_OPTED_OUT,
        /**
         * That conversation's email address bounced and was not heard from since: nothing was
         * said or stored, as the channel would not have sent it.
         */
        SUPPRESSED_UNDELIVERABLE,
        /** A verified conversation was found but saying it there failed; see the log. */
        FAILED,
        /** Not decided yet: the payment is being recorded, or that stopped half-way. */
        PENDING;

        /** The name stored and shown in the API, such as {@code no_verified_conversation}. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    static Receipt sent(String conversationId, String channel) {
        return new Receipt(Status.SENT, Optional.of(conversationId), Optional.of(channel));
    }

    static Receipt suppressed(String conversationId, String channel) {
        return new Receipt(Status.SUPPRESSED_OPTED_OUT, Optional.of(conversationId),
                Optional.of(channel));
    }

    static Receipt undeliverable(String conversationId, String channel) {
        return new Receipt(Status.SUPPRESSED_UNDELIVERABLE, Optional.of(conversationId),
                Optional.of(channel));
    }

    static Receipt failed(String conversationId, String channel) {
        return new Receipt(Status.FAILED, Optional.of(conversationId), Optional.of(channel));
    }

    static Receipt none(Status status) {
        return new Receipt(status, Optional.empty(), Optional.empty());
    }
}
