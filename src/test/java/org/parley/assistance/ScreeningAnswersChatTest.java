package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

/**
 * Answers to the screening's questions as a tester typed them over web chat: each stays an
 * answer to the question asked, in its language, and is never taken for a request elsewhere
 * (a payment plan, a person).
 */
class ScreeningAnswersChatTest {

    private static final String ASK_INCOME = "What is your household's total income before "
            + "taxes? Write it as you like, for example \"$2,500 a month\", \"1,200 every two "
            + "weeks\" or \"40k a year\".";
    private static final String NOTE = "This is only an estimate, not a decision. Example Health "
            + "decides after reviewing your application.";

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

    /** Opens a chat in {@code language} and answers yes to the estimate: the household asked. */
    private static ChatClient atHousehold(String language, String yes) {
        ChatClient chat = parley.chat();
        chat.start(language);
        chat.nextMessage();
        chat.nextMessage();
        chat.say("4");
        chat.nextMessage();
        chat.nextMessage();
        chat.say(yes);
        chat.nextMessage();
        return chat;
    }

    @Test
    void anAmountWithAPeriodAnswersTheIncomeQuestionInsteadOfStartingAPlan() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("4");
            chat.bot(ASK_INCOME);

            chat.say("$2,500 monthly");

            chat.bot("Thank you. With 4 people in your household and $30,000.00 a year, you may "
                    + "qualify for free care under Example Health Care Assistance.");
            chat.bot(NOTE);
        }
    }

    @Test
    void aSpanishAmountWithCentsAndAPeriodAnswersTheIncomeQuestion() {
        try (ChatClient chat = atHousehold("es", "sí")) {
            chat.say("solo yo");
            chat.nextMessage();

            chat.say("$2,500.50 mensuales");

            chat.bot("Gracias. Con 1 persona en su hogar y $30,006.00 al año, podría recibir "
                    + "atención gratuita con Example Health Care Assistance.");
        }
    }

    @Test
    void aNegativeIncomeIsRefusedWithWhatToTypeAndTheQuestionAskedAgain() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("4");
            chat.bot(ASK_INCOME);

            chat.say("-2500 a month");

            chat.bot("An income can't be below zero. Please send the amount without a minus "
                    + "sign, such as \"$2,500 a month\", or \"no income\" if there is none.");
            chat.bot(ASK_INCOME);
            chat.say("2500 a month");
            chat.bot("Thank you. With 4 people in your household and $30,000.00 a year, you may "
                    + "qualify for free care under Example Health Care Assistance.");
        }
    }

    @Test
    void adultsAndKidsCountedByKindAddUpToTheHousehold() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("two adults and two kids");
            chat.bot(ASK_INCOME);

            chat.say("40k a year");
            chat.bot("Thank you. With 4 people in your household and $40,000.00 a year, you may "
                    + "qualify for free care under Example Health Care Assistance.");
        }
    }

    @Test
    void theSpeakerCountsInMeAndMyThreeKids() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("me and my 3 kids");
            chat.bot(ASK_INCOME);

            chat.say("$70,000 a year");
            chat.bot("Thank you. With 4 people in your household and $70,000.00 a year, you may "
                    + "qualify for 75% off your bill under Example Health Care Assistance.");
        }
    }

    @Test
    void aNegativeHouseholdIsAskedAgain() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("-3");

            chat.bot("Sorry, I didn't get that. Please send the number of people in your "
                    + "household as one number, such as 4.");
        }
    }

    @Test
    void russianFourPeopleIsAHouseholdOfFourNotARequestForAPerson() {
        for (String answer : new String[] {"4 человека", "семья из 4 человек",
                "семья из четырёх человек", "нас четверо"}) {
            try (ChatClient chat = atHousehold("ru", "да")) {
                chat.say(answer);

                chat.bot("Каков общий доход Вашей семьи до налогов? Напишите, как Вам удобно, "
                        + "например «2500 $ в месяц», «1200 раз в две недели» или «40 тысяч в "
                        + "год».");
                chat.say("2500 в месяц");
                chat.bot("Спасибо. При семье из 4 человек и доходе 30\u00A0000,00\u00A0$ в год "
                        + "Вы можете получить бесплатное лечение по программе «Example Health Care "
                        + "Assistance».");
            }
        }
    }

    @Test
    void tagalogNumberWordsAreReadAsTheHousehold() {
        try (ChatClient chat = atHousehold("tl", "oo")) {
            chat.say("apat kami");

            chat.bot("Magkano po ang kabuuang kita ng inyong sambahayan bago ang buwis? Isulat "
                    + "ito sa paraang gusto ninyo, halimbawa \"$2,500 kada buwan\", \"1,200 kada "
                    + "dalawang linggo\" o \"40k kada taon\".");
            chat.say("$2,500 kada buwan");
            chat.bot("Salamat po. Kung 4 tao kayo sa sambahayan at $30,000.00 ang kita kada "
                    + "taon, maaari kayong makakuha ng libreng pangangalaga sa ilalim ng Example "
                    + "Health Care Assistance.");
        }
    }

    @Test
    void twiceAMonthIsTwentyFourPayDaysAYear() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("4");
            chat.nextMessage();

            chat.say("$3,000 twice a month");

            chat.bot("Thank you. With 4 people in your household and $72,000.00 a year, you may "
                    + "qualify for 75% off your bill under Example Health Care Assistance.");
        }
    }

    @Test
    void everyTwoWeeksStaysTwentySixPayDaysAYear() {
        try (ChatClient chat = atHousehold("en", "yes")) {
            chat.say("4");
            chat.nextMessage();

            chat.say("$3,000 every two weeks");

            chat.bot("Thank you. With 4 people in your household and $78,000.00 a year, you may "
                    + "qualify for 75% off your bill under Example Health Care Assistance.");
        }
    }

    @Test
    void chineseNoAsThePromptSuggestsDeclinesTheEstimate() {
        try (ChatClient chat = parley.chat()) {
            chat.start("zh");
            chat.nextMessage();
            chat.nextMessage();
            chat.say("4");
            chat.nextMessage();
            chat.nextMessage();

            chat.say("否");

            chat.bot("您想现在开始申请吗？请回答“是”或“否”。");
        }
    }

    @Test
    void anAbbreviatedChineseAmountIsReadInFull() {
        try (ChatClient chat = atHousehold("zh", "是")) {
            chat.say("4");
            chat.nextMessage();

            chat.say("每月两千五");

            chat.bot("谢谢。您家中有4口人，年收入约US$30,000.00，您可能符合“Example Health Care "
                    + "Assistance”的免费医疗条件。");
        }
    }
}
