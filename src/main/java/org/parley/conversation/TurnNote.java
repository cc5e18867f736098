package org.parley.conversation;

import org.parley.dialog.DialogState;
import org.parley.dialog.Reading;

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
}
