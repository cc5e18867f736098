package org.parley.plans;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plan requests as a fresh-eyes tester put them over web chat: an amount every two weeks is a
 * plan, not a payment now; "no" to what to change keeps the plan; a bare "1" there is one
 * payment; and paying an amount in Chinese, Vietnamese and Korean is understood.
 */
class PlanRequestsInOtherWordsTest {

    private static final String CLIENT = PlanPatients.CLIENT;

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        PlanPatients.english(parley, "EH970001", "", "EH970002", "", "EH970003", "");
        PlanPatients.english(parley, "EH970004", "", "EH970005", "", "EH970006", "");
        PlanPatients.english(parley, "EH970007", "");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static ChatClient open(String locale) {
        ChatClient chat = parley.chat();
        chat.start(locale);
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    private static String readTo(ChatClient chat, String start) {
        String text = chat.nextMessage().get("text").asText();
        while (!text.startsWith(start)) {
            text = chat.nextMessage().get("text").asText();
        }
        return text;
    }

    @Test
    void anAmountEveryTwoWeeksAtTheMenuAsksForAPlanNotAPaymentLink() {
        try (ChatClient chat = open("en")) {
            chat.say("I can pay $300 every two weeks");
            chat.nextMessage();
            chat.say("EH970001 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");

            chat.bot("5 payments of $300.00 would be more than your balance of $1,234.50, so I "
                    + "have made them equal to add up to exactly that.");
            chat.bot("Here are the terms of your plan: 5 payments of $246.90 every two weeks, "
                    + "$1,234.50 in all. The first is due December 18, 2026 and the last "
                    + "February 12, 2027.");
        }
    }

    @Test
    void noToWhatToChangeKeepsThePlanAndOffersTheMenu() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970002 30301")) {
            PlanChats.agree(chat, "1", "yes");
            chat.say("change my plan");
            readTo(chat, "What would you like to change?");

            chat.say("no");

            chat.bot("Okay. Your plan stays as it is.");
            chat.bot("Is there anything else I can help you with?");
            assertEquals(1, parley.parley().services().plans().active(CLIENT, "EH970002")
                    .orElseThrow().versions().size());
        }
    }

    @Test
    void aBareOneAtWhatToChangeIsOnePaymentOfWhatIsLeft() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970003 30301")) {
            PlanChats.agree(chat, "1", "yes");
            chat.say("change my plan");
            readTo(chat, "What would you like to change?");

            chat.say("1");

            chat.bot("Here is your plan with that change: 1 payment of $1,234.50, due "
                    + "January 3, 2027.");
        }
    }

    @Test
    void chineseVietnameseAndKoreanPatientsAskingToPayAnAmountGetTheLinkOnceVerified() {
        String[][] asked = {{"zh", "我今天想付20美元", "EH970004"},
                {"vi", "tôi muốn trả 200 đô hôm nay", "EH970005"},
                {"ko", "오늘 200달러를 내고 싶어요", "EH970006"}};
        for (String[] said : asked) {
            try (ChatClient chat = open(said[0])) {
                chat.say(said[1]);
                chat.nextMessage();
                chat.say(said[2] + " 30301");
                chat.nextMessage();

                String link = chat.nextMessage().get("text").asText();
                assertTrue(link.contains("http://localhost:" + parley.parley().port() + "/pay/"),
                        said[1] + " -> " + link);
            }
        }
    }

    @Test
    void aChineseAmountEachMonthAtTheMenuAsksForAPlan() {
        try (ChatClient chat = open("zh")) {
            chat.say("我可以每月付30美元");
            chat.nextMessage();
            chat.say("EH970007 30301");
            chat.nextMessage();

            chat.bot("这超出了您的余额允许的期限：最多12期。以下是我能提供的最接近的计划。");
        }
    }
}
