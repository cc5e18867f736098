package org.parley.outreach.campaign;

import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Three accounts on one phone at one text a day (a tester's report): the phone got one
 * account's campaign step, and the patient who answers it verifies as another account whose
 * step the cap still holds. They hear that account's step and its balance, not nothing.
 */
class SharedPhoneHeldStepTest extends SharedPhoneCase {

    /** Each account's first name and what verifies it: birth date and last name. */
    private static final Map<String, List<String>> WHO = Map.of(
            "EH300001", List.of("Dana", "01/02/1980 Moss"),
            "EH300002", List.of("Eli", "03/04/1981 Park"),
            "EH300003", List.of("Fay", "05/06/1982 Quinn"));

    /** The reminder's own text by SMS, then the balance the patient owes. */
    private static final String STEP_AND_BALANCE = """
            Example Health: a reminder about your balance. Help: (555) 010-0199. Reply STOP \
            to opt out.
            Your balance with Example Health is $120.00.""";

    SmsPhone phone;
    String id;

    @BeforeEach
    void onePhoneGotOneAccountsReminderAndTheCapHoldsTheOthers() {
        f.clock.set(Instant.parse("2026-12-06T15:00:00Z"));
        importFamily();
        oneTextADay();
        id = f.createForList("""
                {"name": "Reminder", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder",
                            "options": ["pay", "payment_plan"]}],
                 "start": "2026-12-07", "end": "2026-12-31"}""", String.join("\n", FAMILY));
        phone = new SmsPhone(f.parley, twilio, PHONE);

        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        scheduleAndSend();
        phone.next();
    }

    @Test
    void verifiedAsAnAccountWhoseStepTheCapHoldsThePatientHearsThatStepAndItsBalance() {
        String held = held();
        assertEquals("frequency_cap:sms:address", send(held).getList("holds", Document.class)
                .getLast().getString("reason"));

        String heard = verifyAs(held);

        assertEquals(thankYou(held) + STEP_AND_BALANCE, heard);
    }

    @Test
    void verifiedAsAnAccountWhoseStepWaitsForItsEarlierStepThePatientHearsThatStepToo() {
        String held = held();
        holdFor(held, "earlier_step");

        String heard = verifyAs(held);

        assertEquals(thankYou(held) + STEP_AND_BALANCE, heard);
    }

    @Test
    void verifiedAsAnAccountWhoseStepIsHeldForAnAssistanceApplicationThePatientHearsNoStep() {
        String held = held();
        holdFor(held, "assistance_pending");

        String heard = verifyAs(held);

        assertEquals(thankYou(held) + "I can't send you a payment link: Example Health hasn't "
                + "set up online payment here yet.", heard.lines().limit(2)
                .reduce((a, b) -> a + "\n" + b).orElseThrow());
    }

    /** An account whose step the phone's cap held while another account's went. */
    private String held() {
        return FAMILY.stream().filter(a -> "scheduled".equals(send(a).getString("status")))
                .findFirst().orElseThrow();
    }

    private void holdFor(String account, String reason) {
        f.sends().updateOne(new Document("_id", CampaignRunner.key(id, 1, account)),
                Updates.push("holds", new Document("reason", reason)));
    }

    /** "1" to the text the phone got, then verifying as {@code account}: what it hears. */
    private String verifyAs(String account) {
        phone.text("1");
        phone.next();
        phone.text(WHO.get(account).get(0));
        phone.reply(SmsPhone.VERIFY_EN);
        phone.text(WHO.get(account).get(1));
        return firstLines(phone, 3);
    }

    private static String thankYou(String account) {
        return "Thank you, " + WHO.get(account).get(0) + ". I've confirmed your identity.\n";
    }

    private Document send(String account) {
        return f.send(id, 1, account);
    }
}
