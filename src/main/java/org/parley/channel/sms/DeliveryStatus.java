package org.parley.channel.sms;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an outbound SMS stands, as stored in {@code delivery.status}. A message only moves
 * forward: queued, sending, sent, then one final state that nothing overwrites.
 */
public enum DeliveryStatus {
    QUEUED(0), SENDING(1), SENT(2), DELIVERED(3), UNDELIVERED(3), FAILED(3), SUPPRESSED(3);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    /** The name stored in MongoDB and shown in the API, such as {@code delivered}. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isFinal() {
        return rank == 3;
    }

    /** The stored names of the states a message may leave to reach this one. */
    List<String> earlier() {
        return Arrays.stream(values()).filter(s -> s.rank < rank).map(DeliveryStatus::stored)
                .toList();
    }

    /**
     * The state a Twilio {@code MessageStatus} moves a message to. Twilio's own early states
     * (accepted, scheduled, queued) and the WhatsApp-only ones add nothing to what Parley stored
     * when Twilio accepted the message, so they map to nothing.
     */
    static Optional<DeliveryStatus> fromTwilio(String messageStatus) {
        return switch (messageStatus.toLowerCase(Locale.ROOT)) {
            case "sending" -> Optional.of(SENDING);
            case "sent" -> Optional.of(SENT);
            case "delivered" -> Optional.of(DELIVERED);
            case "undelivered" -> Optional.of(UNDELIVERED);
            case "failed" -> Optional.of(FAILED);
            default -> Optional.empty();
        };
    }
}
