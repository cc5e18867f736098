package org.parley.identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Account numbers as a balance file may hold them (two digits after letters, lower case, a
 * dash) verify over web chat when the patient types them in any case, or with a space after the
 * letters ({@code tb 08}).
 */
class AccountNumberAnswersTest {

    private static final String HEADER = "account_number,first_name,last_name,date_of_birth,zip,"
            + "phone,email,preferred_language,encounter_id,service_date,provider,description,"
            + "charges,insurance_paid,adjustments,patient_responsibility,due_date\n";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        var imported = parley.api("POST", "/api/clients/example-health/balances", "text/csv",
                HEADER
                + "TB08,Tess,Banks,1990-05-06,30307,,,en,TB-V-1,2026-10-01,Dr. Lena Ortiz,"
                + "Visit,100.00,50.00,0.00,50.00,2027-01-31\n"
                + "tb004,Tomas,Bello,1988-07-08,30318,,,es,TB-V-2,2026-10-02,Dr. Lena Ortiz,"
                + "Visit,300.00,100.00,0.00,200.00,2027-01-31\n"
                + "tc-0412,Tina,Cole,1979-01-02,30301,,,en,TB-V-3,2026-10-03,Dr. Lena Ortiz,"
                + "Visit,80.00,50.00,0.00,30.00,2027-01-31\n"
                + "TC3,Theo,Cruz,1981-02-03,30303,,,en,TB-V-4,2026-10-04,Dr. Lena Ortiz,"
                + "Visit,90.00,50.00,0.00,40.00,2027-01-31\n");
        assertEquals(200, imported.statusCode(), imported.body());
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static ChatClient askedWhoTheyAre(String language, String question) {
        return IdentityQuestion.asked(parley, language, question);
    }

    @Test
    void twoDigitsAfterLettersVerifyInEnglish() {
        try (ChatClient chat = askedWhoTheyAre("en", "what is my balance")) {
            chat.say("TB08 30307");

            chat.bot("Thank you, Tess. I've confirmed your identity.");
            chat.bot("Your balance is $50.00 for 1 visit. It is due by January 31, 2027 "
                    + "(in 58 days).");
        }
    }

    @Test
    void aLowercaseStoredNumberVerifiesTypedInCapitalsInEnglish() {
        try (ChatClient chat = askedWhoTheyAre("en", "what is my balance")) {
            chat.say("my account is TB004, zip 30318");

            chat.bot("Thank you, Tomas. I've confirmed your identity.");
        }
    }

    @Test
    void aStoredDashedNumberVerifiesTypedWithoutTheDashInEnglish() {
        try (ChatClient chat = askedWhoTheyAre("en", "what is my balance")) {
            chat.say("Tc0412 30301");

            chat.bot("Thank you, Tina. I've confirmed your identity.");
        }
    }

    @Test
    void aLowercaseStoredNumberVerifiesTypedInCapitalsInSpanish() {
        try (ChatClient chat = askedWhoTheyAre("es", "cuál es mi saldo")) {
            chat.say("mi cuenta es TB004 y el código postal 30318");

            chat.bot("Gracias, Tomas. Ya confirmé su identidad.");
        }
    }

    @Test
    void twoDigitsAfterLettersVerifyInSpanish() {
        try (ChatClient chat = askedWhoTheyAre("es", "cuál es mi saldo")) {
            chat.say("tb08 30307");

            chat.bot("Gracias, Tess. Ya confirmé su identidad.");
        }
    }

    @Test
    void anAccountNumberWithASpaceAfterItsLettersVerifies() {
        try (ChatClient chat = askedWhoTheyAre("en", "what do I owe")) {
            chat.say("tb 08 30307");

            chat.bot("Thank you, Tess. I've confirmed your identity.");
            chat.bot("Your balance is $50.00 for 1 visit. It is due by January 31, 2027 "
                    + "(in 58 days).");
        }
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"TC3 30303", "tc 3 30303", "my account is TC-3, zip 30303"})
    void anAccountNumberWithOneDigitAfterItsLettersVerifies(String answer) {
        try (ChatClient chat = askedWhoTheyAre("en", "what is my balance")) {
            chat.say(answer);

            chat.bot("Thank you, Theo. I've confirmed your identity.");
        }
    }

    @Test
    void theLettersOfAnAccountNumberThenAZipAreAskedForTheAccountNumber() {
        try (ChatClient chat = askedWhoTheyAre("en", "what is my balance")) {
            chat.say("TB 30307");

            chat.bot("Thanks. Now please send your account number, as printed on your "
                    + "statement.");
            chat.say("TB08");

            chat.bot("Thank you, Tess. I've confirmed your identity.");
        }
    }

    @Test
    void aLowercaseStoredNumberVerifiesTypedWithASpaceInSpanish() {
        try (ChatClient chat = askedWhoTheyAre("es", "cuál es mi saldo")) {
            chat.say("mi cuenta es TB 004 y el código postal 30318");

            chat.bot("Gracias, Tomas. Ya confirmé su identidad.");
        }
    }
}
