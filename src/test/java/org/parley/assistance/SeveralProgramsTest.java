package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A client with two programs: the bot names both, says which one an estimate is for and that
 * another can be chosen, and once the patient is verified asks which one to apply for.
 */
class SeveralProgramsTest {

    private static final String KOKUA = "{\"id\":\"kokua\",\"name\":\"Kokua Care\",\"tiers\":["
            + "{\"upToPercentOfPoverty\":\"250\",\"discountPercent\":\"100\"},"
            + "{\"upToPercentOfPoverty\":\"350\",\"discountPercent\":\"60.5\"}],"
            + "\"documents\":[{\"id\":\"tax_return\"}],\"apply\":{\"method\":\"link\",\"url\":"
            + "\"https://apply.example-health.example.test/kokua?ref={application}\"},"
            + "\"office\":{\"name\":\"Patient Accounts\",\"phone\":\"(555) 010-0188\"},"
            + "\"languages\":[\"en\"]}";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        String settings = AssistanceApiTest.DEMO_SETTINGS.substring(0,
                AssistanceApiTest.DEMO_SETTINGS.length() - 2) + "," + KOKUA + "]}";
        HttpResponse<String> put = parley.api("PUT", "/api/clients/example-health/settings/"
                + "assistance", "application/json", settings);
        assertEquals(200, put.statusCode(), put.body());
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static Application pending(String account) {
        return parley.parley().services().assistance().applications()
                .pending("example-health", account).orElseThrow();
    }

    /** Screens a household of 4 at $75,000 a year: Kokua Care fits best. */
    private static void screen(ChatClient chat) {
        chat.start("en");
        chat.nextMessage();
        chat.nextMessage();
        chat.say("financial assistance");
        chat.bot("Example Health has 2 financial assistance programs for patients who find it "
                + "hard to pay: Example Health Care Assistance and Kokua Care. Depending on your "
                + "household's income, they can lower your bill or cover it in full.");
        chat.nextMessage();
        chat.say("yes");
        chat.nextMessage();
        chat.say("4");
        chat.nextMessage();
        chat.say("$75,000 a year");
        chat.bot("Thank you. With 4 people in your household and $75,000.00 a year, you may "
                + "qualify for free care under Kokua Care.");
        chat.bot("This is only an estimate, not a decision. Example Health decides after "
                + "reviewing your application.");
        chat.bot("This estimate is for Kokua Care, the one of Example Health's 2 programs that "
                + "fits your household best. If you apply, you can choose another.");
        chat.bot("Would you like to start an application? Please answer yes or no.");
        chat.say("yes");
        chat.nextMessage();
    }

    @Test
    void thePatientPicksAnotherProgramThanTheEstimatesByNumber() {
        try (ChatClient chat = parley.chat()) {
            screen(chat);

            chat.say("01/30/1988 Lee");
            chat.bot("Thank you, Casey. I've confirmed your identity.");
            chat.bot("Example Health has 2 programs: 1. Example Health Care Assistance; 2. Kokua "
                    + "Care. Your estimate was for Kokua Care. Which one would you like to apply "
                    + "for? Please send its number.");

            chat.say("1");
            String id = pending("EH100612").id();
            chat.bot("Here is your application for Example Health Care Assistance, number " + id
                    + ": https://apply.example-health.example.test/assistance?ref=" + id
                    + "&lang=en");
        }

        assertEquals("care-assistance", pending("EH100612").program().id());
    }

    @Test
    void yesPicksTheProgramOfTheEstimate() {
        try (ChatClient chat = parley.chat()) {
            screen(chat);
            chat.say("EH100845 30310");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("yes");

            String id = pending("EH100845").id();
            chat.bot("Here is your application for Kokua Care, number " + id + ": https://apply"
                    + ".example-health.example.test/kokua?ref=" + id);
        }

        assertEquals("kokua", pending("EH100845").program().id());
    }

    @Test
    void anIncomeAboveEveryProgramSaysTheEstimateIsForTheFirstAndAnyCanBeChosen() {
        try (ChatClient chat = parley.chat()) {
            chat.start("en");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("financial assistance");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();
            chat.say("just me");
            chat.nextMessage();

            chat.say("$100,000 a year");

            chat.bot("Thank you. With 1 person in your household and $100,000.00 a year, your "
                    + "income is above the limit of Example Health Care Assistance. You can still "
                    + "apply: Example Health looks at every situation.");
            chat.nextMessage();
            chat.bot("This estimate is for Example Health Care Assistance, the first of Example "
                    + "Health's 2 programs: your income is above the limit of each. If you apply, "
                    + "you can choose any of them.");
        }
    }
}
