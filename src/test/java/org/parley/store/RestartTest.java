package org.parley.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The embedded store keeps everything across a restart of the whole server. */
class RestartTest {

    @Test
    void aConversationAndTheBalancesSurviveARestartAndTheConversationResumes(@TempDir Path data) {
        String id;
        String token;
        try (TestParley first = TestParley.start(data); ChatClient chat = first.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("check my balance");
            chat.nextMessage();
            id = chat.conversationId();
            token = chat.resumeToken();
        }

        try (TestParley second = TestParley.start(data); ChatClient chat = second.chat()) {
            chat.resume(id, token, 3);
            chat.bot("First I need to confirm who you are. Please send your date of birth and last "
                    + "name (for example: 03/14/1985 Rivera), or your account number and ZIP code.");
            chat.say("EH100234 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 (in 27 days).");

            assertEquals(11, second.parley().services().conversations().messages(id).size());
        }
    }
}
