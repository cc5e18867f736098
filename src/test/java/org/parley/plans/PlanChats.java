package org.parley.plans;

import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

/** Web chats of plan tests, read through the steps a test does not look at. */
final class PlanChats {

    private PlanChats() {
    }

    /** A chat verified after asking for a plan, read up to the question closing the list. */
    static ChatClient verified(TestParley parley, String locale, String identity) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        chat.say(locale.equals("es") ? "plan de pagos" : "payment plan");
        chat.nextMessage();
        chat.say(identity);
        skipTo(chat, locale.equals("es") ? "Responda" : "Reply");
        return chat;
    }

    /** Picks {@code pick} of the list and agrees, reading through to the menu. */
    static void agree(ChatClient chat, String pick, String yes) {
        chat.say(pick);
        String text = chat.nextMessage().get("text").asText();
        while (!text.contains("YES") && !text.contains("SÍ")) {
            text = chat.nextMessage().get("text").asText();
        }
        chat.say(yes);
        chat.nextMessage();
        chat.nextMessage();
    }

    private static void skipTo(ChatClient chat, String start) {
        String text = chat.nextMessage().get("text").asText();
        while (!text.startsWith(start)) {
            text = chat.nextMessage().get("text").asText();
        }
    }
}
