package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Web chat patients for handoff tests: one waiting for a person, and what they say then. */
final class Waiting {

    private Waiting() {
    }

    /** A web chat patient who opened the chat in {@code locale}, greeted and offered the menu. */
    static ChatClient started(TestParley parley, String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    /** A patient who asked for a person and was told the wait: queued, the bot silent. */
    static ChatClient patient(TestParley parley, String locale) {
        ChatClient chat = started(parley, locale);
        chat.say(locale.equals("es") ? "quiero hablar con una persona" : "talk to a person");
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    /** Says {@code text} in a conversation a person holds: the page shows it, nothing answers. */
    static void held(ChatClient chat, String text) {
        chat.say(text);
        JsonNode echo = chat.next("message");
        assertEquals("patient: " + text, echo.get("from").asText() + ": "
                + echo.get("text").asText());
    }
}
