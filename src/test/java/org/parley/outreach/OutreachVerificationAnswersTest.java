package org.parley.outreach;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The identity question after a patient answers an outreach text "1": a date of paying is no
 * birth date and costs no try, an amount with a month stays at the question, and an account
 * number typed with a space after its letters verifies.
 */
class OutreachVerificationAnswersTest extends OutreachSmsCase {

    private static final String NOT_BIRTH_DATE = "I did not take that date as your date of "
            + "birth. Please send your date of birth, for example 03/14/1985.";
    private static final String VERIFIED = """
            Thank you, Tess. I've confirmed your identity.
            Your balance with Example Health is $50.00, due by January 31, 2027.""";

    private SmsPhone phone;

    @BeforeEach
    void askedWhoTheyAreAfterTheFirstStatement() {
        fx.settings("{\"alerts\": {\"balance_imported\": true}}");
        phone = new SmsPhone(fx.parley, twilio, "+14045550193");
        fx.balances(OutreachFixture.HEADER, "TB08,Tess,Banks,1990-05-06,30307,+14045550193,,en,"
                + "TB08-1,2026-10-01,Dr. Lena Ortiz,Visit,100.00,50.00,0.00,50.00,2027-01-31");
        fx.send();
        phone.reply(GENERIC_EN);
        phone.text("1");
        phone.reply(SmsPhone.VERIFY_EN);
    }

    private String verifiedReply() {
        return String.join("\n", phone.next().body().lines().limit(2).toList());
    }

    @Test
    void aDateOfPayingAsksForTheBirthDateAndCostsNoTry() {
        phone.text("I paid $120 on 12/01/2026");
        phone.reply(NOT_BIRTH_DATE);

        phone.text("TB08 99999");
        phone.reply("That doesn't match our records. You have 2 more tries. Please send your "
                + "date of birth and last name, or your account number and ZIP code.");
    }

    @Test
    void anAccountNumberWithASpaceAfterItsLettersVerifies() {
        phone.text("tb 08 30307");

        assertEquals(VERIFIED, verifiedReply());
    }

    @Test
    void anAmountAndAMonthStayAtTheQuestionAndTheAccountNumberThenVerifies() {
        phone.text("a bill for 120.50 in May 2026");
        phone.reply("I need your date of birth and last name (for example: 03/14/1985 Rivera), "
                + "or your account number and ZIP code (for example: EH100234 30301).");

        phone.text("TB 08 30307");
        assertEquals(VERIFIED, verifiedReply());
    }
}
