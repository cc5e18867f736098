package org.parley.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

/**
 * What the identity question takes over web chat from a sentence that is no answer to it: a
 * date of paying is no birth date and costs no try, and a sentence with an amount and a month
 * does not leave the question. Account numbers typed with a space: see
 * {@link AccountNumberAnswersTest}.
 */
class VerificationPromptAnswersTest {

    private static final String ASK = "First I need to confirm who you are. Please send your "
            + "date of birth and last name (for example: 03/14/1985 Rivera), or your account "
            + "number and ZIP code.";
    private static final String REPROMPT = "I need your date of birth and last name (for "
            + "example: 03/14/1985 Rivera), or your account number and ZIP code (for example: "
            + "EH100234 30301).";
    private static final String NOT_BIRTH_DATE = "I did not take that date as your date of "
            + "birth. Please send your date of birth, for example 03/14/1985.";
    private static final String TWO_TRIES_LEFT = "That doesn't match our records. You have 2 "
            + "more tries. Please send your date of birth and last name, or your account number "
            + "and ZIP code.";

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

    private static ChatClient askedWhoTheyAre(String language, String question) {
        return IdentityQuestion.asked(parley, language, question);
    }

    @Test
    void aDateOfPayingIsNotTakenAsABirthDateAndCostsNoTry() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("I paid $120 on 12/01/2026");
            chat.bot(NOT_BIRTH_DATE);

            // The first wrong answer leaves two of three tries: the date spent none.
            chat.say("EH100234 99999");
            chat.bot(TWO_TRIES_LEFT);
        }
    }

    @Test
    void aDateOfPayingAfterTheLastNameAsksForTheBirthDateAndThenVerifies() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("Rivera");
            chat.bot("Thanks. Now please send your date of birth, for example 03/14/1985.");

            chat.say("I paid $120 on 12/01/2026");
            chat.bot(NOT_BIRTH_DATE);
            chat.say("03/14/1985");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
        }
    }

    @Test
    void aDateOfPayingIsNotTakenAsABirthDateInSpanish() {
        try (ChatClient chat = askedWhoTheyAre("es", "cuál es mi saldo")) {
            chat.say("pagué $120 el 01/12/2026");

            chat.bot("No tomé esa fecha como su fecha de nacimiento. Envíe su fecha de "
                    + "nacimiento, por ejemplo 14/03/1985.");
        }
    }

    @Test
    void aBirthDateBesideAnAmountInAnotherClauseStillVerifies() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("born 03/14/1985, Rivera, I owe $120");

            chat.bot("Thank you, Alex. I've confirmed your identity.");
        }
    }

    @Test
    void anAmountAndAMonthStayAtTheIdentityQuestionAndAnAccountNumberThenVerifies() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("a bill for 120.50 in May 2026");
            chat.bot(REPROMPT);

            chat.say("EH100234 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("Your balance is $1,234.50 for 2 visits. It is due by December 31, 2026 "
                    + "(in 27 days).");
        }
    }

    @Test
    void anAmountAndAMonthCostNoTry() {
        try (ChatClient chat = askedWhoTheyAre("en", "I want to pay")) {
            chat.say("a bill for 120.50 in May 2026");
            chat.bot(REPROMPT);

            chat.say("EH100234 99999");
            chat.bot(TWO_TRIES_LEFT);
        }
    }

    @Test
    void anAmountAndAMonthStayAtTheIdentityQuestionInSpanish() {
        try (ChatClient chat = askedWhoTheyAre("es", "cuál es mi saldo")) {
            chat.say("una factura de 120.50 en mayo de 2026");
            chat.bot("Necesito su fecha de nacimiento y su apellido (por ejemplo: 14/03/1985 "
                    + "Rivera), o su número de cuenta y su código postal (por ejemplo: EH100234 "
                    + "30301).");

            chat.say("EH100234 30301");
            chat.bot("Gracias, Alex. Ya confirmé su identidad.");
            chat.bot("Su saldo es de $1,234.50 por 2 visitas. Vence el 31 de diciembre de 2026 "
                    + "(dentro de 27 días).");
        }
    }

    @Test
    void askingForAPersonWithAMonthStillHandsOver() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("I want to talk to a person about my bill from May 2026");

            chat.bot("I've asked a person from Example Health to join this conversation. They "
                    + "will reach out here shortly, or you can call (555) 010-0199.");
        }
    }

    @Test
    void anAmountAMonthWithoutAMonthNameStillAsksForAPlanFirst() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("-$50 a month");

            chat.bot(ASK);
        }
    }
}
