package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.channel.sms.SmsSender;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A text said just before 9 p.m. in the patient's zone carries that end (its {@code goBy}); the
 * SMS sender, running behind, does not hand it to Twilio at or after it. The text is stored as not
 * sent and its send is said again at 8 a.m.: the patient gets it once, within contact hours.
 */
class OutreachContactHoursEndTest extends OutreachSmsCase {

    /** 8:59:59 p.m. in Atlanta, where the account's ZIP code is. */
    private static final Instant BEFORE_NINE = Instant.parse("2026-12-05T01:59:59Z");
    /** 9 p.m. in Atlanta. */
    private static final Instant NINE = Instant.parse("2026-12-05T02:00:00Z");
    /** 8 a.m. the next morning in Atlanta. */
    private static final Instant EIGHT = Instant.parse("2026-12-05T13:00:00Z");

    @Override
    Instant start() {
        return BEFORE_NINE;
    }

    @Test
    void aTextWhoseStepIsNinePmIsNotSentAndItsSendGoesOnceAtEightAm() {
        stepsTakenUntilNine();
        int before = saidAtOneSecondToNine();

        fx.parley.settleTexts();

        assertEquals(before, twilio.requests().size());
        assertEquals("suppressed contact_hours_ended", delivery(0));
        Document send = fx.send("late-alert");
        assertEquals("scheduled " + BEFORE_NINE + " 1", send.getString("status") + " "
                + send.getDate("dueAt").toInstant() + " " + send.getInteger("said"));
        assertEquals(List.of("contact_hours_ended"), holdReasons(send));

        saidAgainAtEightAndSentOnce(before);
    }

    @Test
    void aLapseTheSenderCouldNotTellOfIsFoundByTheFollowUpAndTheSendGoesOnceAtEightAm() {
        stepsTakenUntilNine();
        // The word from the SMS sender is lost (a process killed between the two writes).
        fx.parley.parley().sms().sender().onLapse(SmsSender.Lapses.NONE);
        int before = saidAtOneSecondToNine();

        fx.parley.settleTexts();
        assertEquals("sent", fx.send("late-alert").getString("status"));
        assertEquals("suppressed contact_hours_ended", delivery(0));

        fx.follow();

        Document send = fx.send("late-alert");
        assertEquals("scheduled " + BEFORE_NINE + " 1", send.getString("status") + " "
                + send.getDate("dueAt").toInstant() + " " + send.getInteger("said"));
        saidAgainAtEightAndSentOnce(before);
    }

    @Test
    void aTextWhoseStepIsBeforeNinePmGoes() {
        int before = saidAtOneSecondToNine();

        fx.parley.settleTexts();

        assertEquals(before + 1, twilio.requests().size());
        assertEquals("sent", fx.send("late-alert").getString("status"));
    }

    /**
     * The sending number's steps are taken until 9 p.m. (texts of other patients ahead of it):
     * the SMS sender, running behind, can hand this one over no earlier than 9 p.m.
     */
    private void stepsTakenUntilNine() {
        String number = fx.parley.parley().services().clients().find(OutreachFixture.CLIENT)
                .orElseThrow().smsNumber();
        fx.parley.parley().store().database().getCollection("sms_pacing").insertOne(
                new Document("_id", number).append("nextMicros", NINE.toEpochMilli() * 1000));
    }

    /** Says the alert at 8:59:59 p.m.; answers how many texts Twilio had before. */
    private int saidAtOneSecondToNine() {
        int before = twilio.requests().size();
        fx.outbox().schedule(OutreachSmsTest.alert("late-alert", "EH100611"));
        fx.send();
        assertEquals("sent", fx.send("late-alert").getString("status"));
        assertEquals(List.of(NINE.toString()), texts("goBy"));
        return before;
    }

    /** The next run holds the send to 8 a.m.; then it is said anew and Twilio has it once. */
    private void saidAgainAtEightAndSentOnce(int before) {
        fx.send();
        Document held = fx.send("late-alert");
        assertEquals("scheduled " + EIGHT, held.getString("status") + " "
                + held.getDate("dueAt").toInstant());

        clock.set(EIGHT);
        fx.send();
        fx.parley.settleTexts();

        assertEquals(before + 1, twilio.requests().size());
        assertEquals("sent", fx.send("late-alert").getString("status"));
        assertEquals(List.of("suppressed contact_hours_ended", "sent null"),
                List.of(delivery(0), delivery(1)));
    }

    /** The status and error of the alert's {@code n}th text, in the order they were said. */
    private String delivery(int n) {
        return texts("status").get(n) + " " + texts("error").get(n);
    }

    private static List<String> holdReasons(Document send) {
        return send.getList("holds", Document.class).stream()
                .map(h -> h.getString("reason")).toList();
    }

    /** A delivery field of each of the alert's texts, in the order they were said. */
    private List<String> texts(String field) {
        return deliveries(field, "^notice:late-alert");
    }
}
