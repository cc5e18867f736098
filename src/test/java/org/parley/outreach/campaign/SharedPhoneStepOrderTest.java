package org.parley.outreach.campaign;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.outreach.Outreach;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three accounts on one phone, a cap of one text a day, a campaign of two steps a day apart (a
 * tester's report: a later step came due together with the earlier one the shared cap held,
 * each waiting send showing the same {@code until}). The phone gets one text a day, and each
 * account's second step waits while its first still waits, then goes as many days after the
 * day its first went as the campaign puts between them.
 */
class SharedPhoneStepOrderTest extends SharedPhoneCase {

    private static final ZoneId ATLANTA = ZoneId.of("America/New_York");
    /** One text a day at 8 a.m. in Atlanta, the first minute of contact hours. */
    private static final List<Instant> SIX_DAYS = java.util.stream.IntStream.rangeClosed(7, 12)
            .mapToObj(d -> Instant.parse("2026-12-%02dT13:00:00Z".formatted(d))).toList();

    String id;

    @BeforeEach
    void threeAccountsOnOnePhoneAtOneTextADay() {
        f.clock.set(Instant.parse("2026-12-06T15:00:00Z"));
        importFamily();
        oneTextADay();
    }

    /** The campaign: a reminder on day 1, a final notice on {@code day}. */
    private void campaign(int day) {
        id = f.createForList("""
                {"name": "Two steps", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"},
                           {"day": %d, "channel": "sms", "template": "campaign.final"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""".formatted(day),
                String.join("\n", FAMILY));
    }

    @Test
    void aLaterStepWaitsForTheNextDayWhileItsAccountsEarlierStepIsHeldByTheSharedCap() {
        campaign(2);
        day("2026-12-07");
        f.clock.set(Instant.parse("2026-12-08T05:00:00Z"));
        f.runJob();
        f.parley.parley().jobs().run(Outreach.SEND_JOB);

        String first = FAMILY.stream().filter(a -> "sent".equals(send(1, a).getString("status")))
                .findFirst().orElseThrow();
        for (String account : FAMILY) {
            if (account.equals(first)) {
                continue;
            }
            assertEquals("scheduled 2026-12-08T13:00:00Z frequency_cap:sms:address",
                    waiting(send(1, account)));
            assertEquals("scheduled 2026-12-09T05:00:00Z earlier_step",
                    waiting(send(2, account)));
        }
        assertEquals("scheduled 2026-12-08T13:00:00Z quiet_hours:zip", waiting(send(2, first)));
    }

    @Test
    void thePhoneGetsOneTextADayAndEachAccountsSecondStepADayAfterItsFirst() {
        campaign(2);

        daysUntil("2026-12-14");

        Map<String, List<Instant>> sent = sentByAccount();
        sent.forEach((account, steps) -> assertTrue(date(steps.get(0)).isBefore(
                date(steps.get(1))), account + " sent its steps at " + steps));
        assertEquals(SIX_DAYS, sent.values().stream().flatMap(List::stream).sorted().toList());
        assertEquals(6, twilio.requests().size());
    }

    @Test
    void aStepThreeDaysAfterTheFirstGoesThreeDaysAfterTheDayTheCapLetTheFirstGo() {
        campaign(4);

        daysUntil("2026-12-14");

        Map<String, List<Instant>> sent = sentByAccount();
        sent.forEach((account, steps) -> assertEquals(date(steps.get(0)).plusDays(3),
                date(steps.get(1)), account + " sent its steps at " + steps));
        assertEquals(SIX_DAYS, sent.values().stream().flatMap(List::stream).sorted().toList());
    }

    /** Every day from December 7 to the day before {@code end}. */
    private void daysUntil(String end) {
        for (LocalDate day = LocalDate.parse("2026-12-07"); day.isBefore(LocalDate.parse(end));
             day = day.plusDays(1)) {
            day(day.toString());
        }
    }

    /** When each account's step 1 and step 2 were sent; each must have been. */
    private Map<String, List<Instant>> sentByAccount() {
        Map<String, List<Instant>> sent = new TreeMap<>();
        for (String account : FAMILY) {
            sent.put(account, List.of(sentAt(send(1, account)), sentAt(send(2, account))));
        }
        return sent;
    }

    private static LocalDate date(Instant at) {
        return at.atZone(ATLANTA).toLocalDate();
    }

    /**
     * One day in Atlanta: the campaign job at midnight, the sending job then and at 8 a.m.,
     * the first minute texts may go, with the texts handed to Twilio.
     */
    private void day(String date) {
        f.clock.set(Instant.parse(date + "T05:00:00Z"));
        f.runJob();
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        f.clock.set(Instant.parse(date + "T13:00:00Z"));
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        f.parley.settleTexts();
    }

    private Document send(int step, String account) {
        return f.send(id, step, account);
    }

    /** "status dueAt last-hold-reason" of a send still waiting. */
    private static String waiting(Document send) {
        List<Document> holds = send.getList("holds", Document.class, List.of());
        return send.getString("status") + " " + send.getDate("dueAt").toInstant() + " "
                + (holds.isEmpty() ? "-" : holds.getLast().getString("reason"));
    }

    private static Instant sentAt(Document send) {
        assertEquals("sent", send.getString("status"), send.toJson());
        return send.getDate("sentAt").toInstant();
    }
}
