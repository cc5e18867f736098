package org.parley.identity;

import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

/** Web chats brought to the identity question, for the tests of what it reads. */
final class IdentityQuestion {

    private IdentityQuestion() {
    }

    /**
     * A chat in {@code language} past the greeting and the menu that asked {@code question}
     * of a flow that needs verification, its identity question read.
     */
    static ChatClient asked(TestParley parley, String language, String question) {
        ChatClient chat = parley.chat();
        chat.start(language);
        chat.nextMessage();
        chat.nextMessage();
        chat.say(question);
        chat.nextMessage();
        return chat;
    }
}
