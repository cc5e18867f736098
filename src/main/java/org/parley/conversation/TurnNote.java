package org.parley.conversation;

import org.bson.Document;
import org.parley.dialog.DialogState;
import org.parley.dialog.Reading;

import java.util.List;
import java.util.Optional;

/**
 * What the bot made of a turn, stored on the first message it answered with, so that a reviewer
 * sees its reasoning beside its words: the language and where the dialog stood after the turn,
 * what was read from the patient's message, whether the patient was verified, and what the
 * compliance gate decided. Holds names and flags only, never what the patient typed.
 *
 * @param gate       the compliance gate's verdict on the message ({@code pass}, {@code
 *                   opted_out}, ...), empty for the bot's opening and notices
 * @param cardMasked true when the patient's message carried a card number, now masked
 */
public record TurnNote(String language, String flow, String step, Reading reading,
                       boolean understood, boolean verified, boolean needsAgent,
                       Optional<String> gate, boolean cardMasked) {

    /** The note of a turn that left the dialog in {@code state}. */
    public static TurnNote of(DialogState state, Reading reading, boolean understood,
                              Optional<String> gate, boolean cardMasked) {
        return new TurnNote(state.language(), state.flow(), state.step(), reading, understood,
                state.verified(), state.needsAgent(), gate, cardMasked);
    }

    /** The note as stored: the {@code turn} field of the first message that answered it. */
    public Document document() {
        return new Document("language", language)
                .append("flow", flow)
                .append("step", step)
                .append("intent", reading.intent().orElse(null))
                .append("confidence", reading.confidence().orElse(null))
                .append("outcome", reading.outcome().orElse(null))
                .append("entities", reading.entities())
                .append("steps", reading.steps())
                .append("understood", understood)
                .append("verified", verified)
                .append("needsAgent", needsAgent)
                .append("gate", gate.orElse(null))
                .append("cardMasked", cardMasked);
    }

    /** A note read back from its stored {@code turn} field. */
    public static TurnNote read(Document d) {
        Reading reading = new Reading(Optional.ofNullable(d.getString("intent")),
                Optional.ofNullable(d.getDouble("confidence")),
                Optional.ofNullable(d.getString("outcome")),
                d.getList("entities", String.class, List.of()),
                d.getList("steps", String.class, List.of()));
        return new TurnNote(d.getString("language"), d.getString("flow"), d.getString("step"),
                reading, d.getBoolean("understood", true), d.getBoolean("verified", false),
                d.getBoolean("needsAgent", false), Optional.ofNullable(d.getString("gate")),
                d.getBoolean("cardMasked", false));
    }
}
