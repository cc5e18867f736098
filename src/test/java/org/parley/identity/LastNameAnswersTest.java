package org.parley.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

/**
 * What is taken as a last name at the identity question over web chat: words of letters, not
 * a yes or an amount ("-$50 a month"), which are asked for again rather than kept as a name.
 */
class LastNameAnswersTest {

    private static final String ASK = "First I need to confirm who you are. Please send your "
            + "date of birth and last name (for example: 03/14/1985 Rivera), or your account "
            + "number and ZIP code.";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static ChatClient askedWhoTheyAre() {
        ChatClient chat = parley.chat();
        chat.start("en");
        chat.nextMessage();
        chat.nextMessage();
        chat.say("what do I owe");
        chat.bot(ASK);
        return chat;
    }

    @Test
    void yesIsNotALastName() {
        try (ChatClient chat = askedWhoTheyAre()) {
            chat.say("yes");

            chat.bot("I need your date of birth and last name (for example: 03/14/1985 Rivera), "
                    + "or your account number and ZIP code (for example: EH100234 30301).");
        }
    }

    @Test
    void anAmountAMonthIsAPlanRequestNotALastName() {
        try (ChatClient chat = askedWhoTheyAre()) {
            chat.say("-$50 a month");

            chat.bot(ASK);
            chat.say("Rivera");
            chat.bot("Thanks. Now please send your date of birth, for example 03/14/1985.");
        }
    }

    @Test
    void aLastNameAloneIsKeptAndTheDateOfBirthAskedFor() {
        try (ChatClient chat = askedWhoTheyAre()) {
            chat.say("Rivera");
            chat.bot("Thanks. Now please send your date of birth, for example 03/14/1985.");

            chat.say("03/14/1985");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
        }
    }
}
