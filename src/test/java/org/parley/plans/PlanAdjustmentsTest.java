package org.parley.plans;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.testing.ChatClient;
import org.parley.testing.SmsCase;
import org.parley.testing.SmsPhone;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When the installments of a plan worked out from an amount the patient proposed are not that
 * amount, the terms say why: so many payments of it would pay more than is owed, so they are
 * made equal and add up exactly; an amount that covers everything is one payment.
 */
class PlanAdjustmentsTest extends SmsCase {

    private static final String CLIENT = PlanPatients.CLIENT;

    static PlanRules demoRules;

    @BeforeAll
    static void start() {
        startSms();
        PlanPatients.owing(parley, "EH970001", "79.00");
        PlanPatients.owing(parley, "EH970002", "968.00");
        PlanPatients.english(parley, "EH970003", "", "EH970004", "+14045550171", "EH970006",
                "");
        PlanPatients.spanish(parley, "EH970005", "");
        demoRules = parley.parley().services().settings().planRules(CLIENT).orElseThrow();
    }

    @AfterEach
    void demoRules() {
        parley.parley().services().settings().savePlanRules(CLIENT, demoRules);
    }

    @Test
    void thirtyAMonthOnSeventyNineIsThreeEqualPaymentsAndTheTermsSayWhy() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970001 30307")) {
            chat.say("I can do $30 a month");
            chat.bot("3 payments of $30.00 would be more than your balance of $79.00, so I have "
                    + "made them equal to add up to exactly that.");
            chat.bot("Here are the terms of your plan: 3 payments of $26.33 (the last one $26.34) "
                    + "a month, $79.00 in all. Due dates:");
            chat.bot("January 3, 2027: $26.33");
            chat.bot("February 3, 2027: $26.33");
            chat.bot("March 3, 2027: $26.34");
            chat.nextMessage();
            chat.say("yes");
            chat.nextMessage();

            assertEquals("""
                    3 payments of $30.00 would be more than your balance of $79.00, so I have \
                    made them equal to add up to exactly that.
                    Here are the terms of your plan: 3 payments of $26.33 (the last one $26.34) \
                    a month, $79.00 in all. Due dates:
                    January 3, 2027: $26.33
                    February 3, 2027: $26.33
                    March 3, 2027: $26.34
                    Do you agree to these terms? Reply YES to agree, or NO to see the other \
                    plans.""", parley.parley().services().plans().active(CLIENT, "EH970001")
                    .orElseThrow().current().terms().text());
        }
    }

    @Test
    void twoHundredAMonthAsAChangeOnNineSixtyEightLeftSaysWhyItIsLess() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970002 30307")) {
            PlanChats.agree(chat, "3", "yes");

            chat.say("can I pay $200 a month instead");
            chat.bot("5 payments of $200.00 would be more than the $968.00 left, so I have made "
                    + "them equal to add up to exactly that.");
            chat.bot("Here is your plan with that change: 5 payments of $193.60 a month, $968.00 in all. The first is due January 3, "
                    + "2027 and the last May 3, 2027.");
        }
    }

    @Test
    void anAmountThatCoversWhatIsLeftIsOnePaymentAndSaysSo() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970003 30301")) {
            PlanChats.agree(chat, "3", "yes");

            chat.say("can I pay $1500 a month instead");
            chat.bot("$1,500.00 covers the $1,234.50 left, so it is one payment.");
            chat.bot("Here is your plan with that change: 1 payment of $1,234.50, due January 3, "
                    + "2027.");
        }
    }

    @Test
    void anAmountTheInstallmentsMatchExactlyNeedsNoWord() {
        try (ChatClient chat = PlanChats.verified(parley, "en", "EH970006 30301")) {
            chat.say("I can do $411.50 a month");
            chat.bot("Here are the terms of your plan: 3 payments of $411.50 a month, $1,234.50 in "
                    + "all. Due dates:");
        }
    }

    @Test
    void spanishPatientWithADownPaymentIsToldWhyOneFiftyIsLess() {
        parley.parley().services().settings().savePlanRules(CLIENT, PlanRules.builder(
                        demoRules.minimumInstallment(), demoRules.tiers())
                .downPayment(new PlanRules.DownPayment(new BigDecimal("20"),
                        new BigDecimal("10.00"))).build());
        try (ChatClient chat = PlanChats.verified(parley, "es", "EH970005 30318")) {
            chat.say("puedo pagar $150 al mes");
            chat.bot("18 pagos de $150.00 sumarían más que los $2,592.00 después del pago inicial, "
                    + "así que los igualé para que sumen exactamente eso.");
            chat.bot("Estas son las "
                    + "condiciones de su plan: $648.00 hoy y luego 18 pagos de $144.00 al mes, "
                    + "$3,240.00 en total. El primero vence el 3 de enero de 2027 y el último el "
                    + "3 de junio de 2028.");
        }
    }

    @Test
    void onSmsTheTermsSayWhyInShort() {
        SmsPhone phone = new SmsPhone(parley, twilio, "+14045550171");
        phone.text("payment plan");
        phone.next();
        phone.text("EH970004 30301");
        phone.next();

        phone.text("$250 a month");
        phone.reply("""
                5 payments of $250.00 would be over your $1,234.50 balance, so they are made equal.
                Your plan: 5 payments of $246.90 a month, $1,234.50 in all. First due January 3, \
                2027, last May 3, 2027.
                Reply YES to agree, or NO for other plans.""");
        assertEquals(List.of(), parley.parley().services().plans().plans(CLIENT, "EH970004"));
    }
}
