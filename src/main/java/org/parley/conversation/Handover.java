package org.parley.conversation;

import org.parley.dialog.Reply;

import java.util.List;

/**
 * What the conversation router asks of the people who take conversations over from the bot.
 * The handoff feature implements it; {@link #NONE} is a router without people.
 */
public interface Handover {

    /** What the queue says outside the client's hours: when people answer again. */
    String AWAY_KEY = "handoff.closed";
    /**
     * What the flows say when they ask for a person, promising one soon: outside the client's
     * hours the away message is said instead.
     */
    java.util.Set<String> SOON_KEYS = java.util.Set.of("handoff.requested", "handoff.pay",
            "handoff.payment_plan", "handoff.financial_assistance");

    /** No people: a conversation that needs one is only marked so. */
    Handover NONE = new Handover() {
        @Override
        public List<Reply> queue(Conversation conversation, String reason, boolean tell) {
            return List.of();
        }

        @Override
        public void held(Conversation conversation, Message message) {
        }
    };

    /**
     * The conversation now needs a person for {@code reason}: queue it once, however often
     * this is called for it.
     *
     * @param tell false when nothing may be said to the patient (they opted out)
     * @return what to tell the patient, said after the bot's own replies: how long the wait
     *         may be, or when people answer again
     */
    List<Reply> queue(Conversation conversation, String reason, boolean tell);

    /** A patient message stored, and not answered, while the conversation waits for a person. */
    void held(Conversation conversation, Message message);
}
