package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** A patient who opened the web chat, asked for their balance and proved who they are. */
final class VerifiedChat {

    private VerifiedChat() {
    }

    /**
     * A chat in {@code locale} verified with {@code identity} (such as {@code EH100234 30301}),
     * read through to the question that ends the balance turn, so the next message a test
     * reads is whatever comes after.
     */
    static ChatClient open(TestParley parley, String locale, String request, String identity) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        untilOptions(chat);
        chat.say(request);
        chat.nextMessage();
        chat.say(identity);
        untilOptions(chat);
        assertTrue(parley.parley().services().conversations().find(chat.conversationId())
                .orElseThrow().dialog().verified(), "not verified with " + identity);
        return chat;
    }

    /** Reads messages up to the one offering options: the menu that closes a turn. */
    private static void untilOptions(ChatClient chat) {
        JsonNode message = chat.nextMessage();
        while (message.path("options").isEmpty()) {
            message = chat.nextMessage();
        }
    }
}
