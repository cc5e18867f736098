package org.parley.identity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Guessing a patient's birth date does not get fresh tries from new conversations. */
class VerificationAcrossConversationsTest {

    private static final String LOCKED = "I couldn't confirm your identity, so I've stopped here "
            + "to protect your account. A person from Example Health will follow up with you, or "
            + "you can call (555) 010-0199.";

    @Test
    void tenFailedGuessesOfOneNameHoldThatNameForAPersonEvenWithTheRightAnswer(@TempDir Path data) {
        try (TestParley parley = TestParley.start(data)) {
            int day = 1;
            for (int conversation = 0; conversation < 4; conversation++) {
                try (ChatClient chat = parley.chat()) {
                    chat.start("en");
                    chat.nextMessage();
                    chat.nextMessage();
                    chat.say("balance");
                    chat.nextMessage();
                    for (int guess = 0; guess < 3 && day <= 10; guess++) {
                        chat.say(String.format("01/%02d/1980 Rivera", day++));
                        chat.nextMessage();
                    }
                }
            }

            try (ChatClient chat = parley.chat()) {
                chat.start("en");
                chat.nextMessage();
                chat.nextMessage();
                chat.say("balance");
                chat.nextMessage();

                chat.say("03/14/1985 Rivera");

                chat.bot(LOCKED);
            }
        }
    }
}
