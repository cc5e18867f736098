package org.parley.plans;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.conversation.Message;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Messages that used to slip out of a plan conversation: an amount that cannot be taken while
 * a change waits for its yes, fractions of a cent, a card number typed while agreeing, "cancel
 * my plan" with no plan, and a plan request made before the patient was verified.
 */
class PlanDialogSlipsTest extends SmsCase {

    private static final String CLIENT = PlanPatients.CLIENT;
    private static final String AGREE_CHANGE = "Do you agree to this change? Reply YES to agree, "
            + "or NO to keep your plan as it is.";
    private static final String AGREE = "Do you agree to these terms? Reply YES to agree, or NO "
            + "to see the other plans.";
    private static final String CHOOSE = "Reply with the number of the plan you'd like, or tell "
            + "me what you can pay, for example \"$75 a month\".";
    private static final String VERIFY = "First I need to confirm who you are. Please send your "
            + "date of birth and last name (for example: 03/14/1985 Rivera), or your account "
            + "number and ZIP code.";

    @BeforeAll
    static void start() {
        startSms();
        PlanPatients.english(parley, "EH980001", "", "EH980002", "", "EH980003", "",
                "EH980004", "", "EH980005", "");
        PlanPatients.spanish(parley, "EH980006", "+14045550186");
        // With Twilio set up the sandbox is off: paying needs the client's own page.
        assertEquals(200, parley.api("PUT", "/api/clients/" + CLIENT + "/settings/payments",
                "application/json", "{\"pageTemplate\": "
                        + "\"https://pay.example-health.test/p/{token}\"}").statusCode());
    }

    private static PlanStore plans() {
        return parley.parley().services().plans();
    }

    private static ChatClient open() {
        ChatClient chat = parley.chat();
        chat.start("en");
        chat.nextMessage();
        chat.nextMessage();
        return chat;
    }

    private static void offers(ChatClient chat) {
        chat.bot("Here are the monthly plans I can offer for your balance of $1,234.50 (say "
                + "\"every two weeks\" for plans paid every two weeks):");
        chat.bot("1. 3 months: 3 payments of $411.50");
        chat.bot("2. 6 months: 6 payments of $205.75");
        chat.bot("3. 12 months: 12 payments of $102.87, the last $102.93");
        chat.bot(CHOOSE);
    }

    @Test
    void aNegativeAmountWhileAChangeWaitsForItsYesIsRefusedThereAndTheQuestionAskedAgain() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH980001 30301")) {
            PlanChats.agree(chat, "3", "yes");
            chat.say("can I pay $200 a month instead");
            chat.nextMessage();
            chat.nextMessage();
            chat.bot(AGREE_CHANGE);

            chat.say("can I pay -$50 a month");
            chat.bot("The amount can't be negative.");
            chat.bot(AGREE_CHANGE);

            chat.say("yes");
            chat.bot("Done, your plan is updated. Your next payment of $176.35 is due January 3, "
                    + "2027.");
            assertEquals(2, plans().active(CLIENT, "EH980001").orElseThrow().versions().size());
        }
    }

    @Test
    void fractionsOfACentAreRefusedAsSuchWhenChoosingAPlanAndWhenPaying() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH980002 30301")) {
            chat.say("$80.665 a month");
            chat.bot("An amount can't have a fraction of a cent: please use at most two decimals, "
                    + "for example \"$75.50 a month\".");
            chat.bot(CHOOSE);

            chat.say("I want to pay");
            chat.bot("How much would you like to pay today? Your balance is $1,234.50. You can pay "
                    + "all of it or part.");
            for (String amount : List.of("$0.001", "$10.555")) {
                chat.say(amount);
                chat.bot("Please send the amount with at most two decimals, for example 200 or "
                        + "200.50.");
            }
        }
    }

    @Test
    void aCardNumberTypedWhileAgreeingIsMaskedAndTheSameQuestionAskedWithNoLink() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH980003 30301")) {
            chat.say("2");
            chat.nextMessage();
            chat.bot(AGREE);

            chat.say("4242 4242 4242 4242");
            chat.bot("For your security, please don't send card numbers here. I've hidden it from "
                    + "this conversation.");
            chat.bot("To pay, you'll get a secure link: just say \"pay\" once we're done with your "
                    + "plan.");
            chat.bot(AGREE);

            chat.say("yes");
            chat.bot("Thank you, your payment plan is set up. Your first payment of $205.75 is due "
                    + "January 3, 2027.");
            List<Message> stored = parley.parley().services().conversations()
                    .messages(chat.conversationId());
            assertTrue(stored.stream().anyMatch(m -> m.text().equals("************4242")),
                    stored.toString());
            assertEquals(1, plans().plans(CLIENT, "EH980003").size());
        }
    }

    @Test
    void cancelMyPlanBeforeVerifyingWithNoPlanSaysThereIsNoneThenSetsOneUpOnYes() {
        try (ChatClient chat = open()) {
            chat.say("cancel my plan");
            chat.bot(VERIFY);
            chat.say("EH980004 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("You don't have a payment plan, so there's nothing to cancel. Would you like "
                    + "to set one up? Reply YES or NO.");

            chat.say("yes");
            offers(chat);
        }
    }

    @Test
    void aPlanAmountSentBeforeVerifyingIsAnsweredOnceVerified() {
        try (ChatClient chat = open()) {
            chat.say("I can do $75 a month");
            chat.bot(VERIFY);
            chat.say("EH980005 30301");
            chat.bot("Thank you, Alex. I've confirmed your identity.");
            chat.bot("That's longer than your balance allows: at most 12 payments. This is the "
                    + "closest plan I can offer.");
            chat.bot("Here are the terms of your plan: 12 payments of $102.87 (the last one "
                    + "$102.93) a month, $1,234.50 in all. The first is due January 3, 2027 and "
                    + "the last December 3, 2027.");
            chat.bot(AGREE);
        }
    }

    @Test
    void aSpanishTextAskingForAnAmountAMonthIsAnsweredOnceVerified() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550186");
        phone.text("puedo pagar $150 al mes");
        phone.next();

        phone.text("EH980006 30318");
        phone.reply("""
                Gracias, Lucía. Ya confirmé su identidad.
                22 pagos de $150.00 superarían su saldo de $3,240.00, así que se igualaron.
                Su plan: 22 pagos de $147.27 (el último, $147.33) al mes, $3,240.00 en total. \
                Primer pago el 3 de enero de 2027, último el 3 de octubre de 2028.
                Responda SÍ para aceptar o NO para ver otros planes.""");
    }
}
