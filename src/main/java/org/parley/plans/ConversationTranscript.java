package org.parley.plans;

import org.parley.conversation.ConversationStore;
import org.parley.conversation.Message;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link PlanTranscript} over the conversation store: the messages as they were stored. */
final class ConversationTranscript implements PlanTranscript {

    /** How far back the terms are looked for: a few reprompts at most sit between. */
    private static final int LOOK_BACK = 60;

    private final ConversationStore conversations;

    ConversationTranscript(ConversationStore conversations) {
        this.conversations = conversations;
    }

    @Override
    public Optional<Shown> shown(String conversationId, String key, Set<String> leads) {
        long last = conversations.lastSeq(conversationId);
        List<Message> recent = conversations.messagesAfter(conversationId,
                Math.max(0, last - LOOK_BACK));
        int answer = recent.size() - 1;
        while (answer >= 0 && !recent.get(answer).from().equals("patient")) {
            answer--;
        }
        int from = answer - 1;
        while (from >= 0 && !saidFrom(recent.get(from), key)) {
            from--;
        }
        if (answer < 0 || from < 0) {
            return Optional.empty();
        }
        while (from > 0 && leads(recent.get(from - 1), leads)) {
            from--;
        }

        // On SMS one text joins a turn's messages; it is kept whole, as the phone showed it.
        String text = String.join("\n", recent.subList(from, answer).stream()
                .filter(m -> m.from().equals("bot")).map(Message::text).toList());
        Message yes = recent.get(answer);
        return Optional.of(new Shown(text, yes.seq(), yes.text(), yes.at()));
    }

    private static boolean leads(Message message, Set<String> leads) {
        return leads.stream().anyMatch(lead -> saidFrom(message, lead));
    }

    private static boolean saidFrom(Message message, String key) {
        return message.from().equals("bot") && message.key()
                .map(keys -> Arrays.asList(keys.split(",")).contains(key)).orElse(false);
    }
}
