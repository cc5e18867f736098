package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.FakeTwilio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A family's accounts on one mobile number: the client's frequency cap counts what that phone
 * was sent for all of them, not each account on its own, so the phone gets one text a day at a
 * cap of one a day and the others wait for the exact instant the cap frees.
 */
class SharedAddressCapTest extends OutreachSmsCase {

    private static final String PHONE = "+14045550142";
    private static final List<String> FAMILY = List.of("EH300001", "EH300002", "EH300003");

    /** Texts to the phone before this test: the fake Twilio serves the whole class. */
    private long before;

    @BeforeEach
    void aFamilyOnOnePhoneWithACapOfOneTextADay() {
        before = textsToThePhone();
        fx.settings("{\"alerts\": {\"balance_imported\": true}, "
                + "\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 1}}, "
                + "\"throughput\": {\"perSecond\": 10}}");
        fx.balances(OutreachFixture.HEADER,
                row("EH300001", "Dana", "1980-01-02"),
                row("EH300002", "Eli", "2008-03-04"),
                row("EH300003", "Fay", "2010-05-06"));
    }

    private static String row(String account, String name, String born) {
        return account + "," + name + ",Moss," + born + ",30303," + PHONE + ",,en," + account
                + "-1,2026-11-02,Dr. Lena Ortiz,Office visit,200.00,80.00,0.00,120.00,"
                + "2027-01-10";
    }

    @Test
    void onlyOneTextADayReachesThePhoneAndTheOthersAreHeldToTheExactInstants() {
        sendAt("2026-12-04T15:00:00Z");

        assertEquals(List.of(
                "scheduled 2026-12-05T15:00:00Z frequency_cap:sms:address",
                "scheduled 2026-12-05T15:00:00Z frequency_cap:sms:address",
                "sent 2026-12-04T15:00:00Z -"), outcomes());
        assertEquals(1, textsToThePhone());

        sendAt("2026-12-05T15:00:00Z");

        assertEquals(List.of(
                "scheduled 2026-12-06T15:00:00Z frequency_cap:sms:address",
                "sent 2026-12-04T15:00:00Z -",
                "sent 2026-12-05T15:00:00Z frequency_cap:sms:address"), outcomes());
        assertEquals(2, textsToThePhone());

        sendAt("2026-12-06T15:00:00Z");

        assertEquals(List.of(
                "sent 2026-12-04T15:00:00Z -",
                "sent 2026-12-05T15:00:00Z frequency_cap:sms:address",
                "sent 2026-12-06T15:00:00Z frequency_cap:sms:address"), outcomes());
        assertEquals(3, textsToThePhone());
    }

    @Test
    void aNewerSendDueFirstLeavesThePhonesNextTextsToTheOlderOnesTheCapHeld() {
        sendAt("2026-12-04T15:00:00Z");
        String texted = FAMILY.stream().filter(a -> "sent".equals(send(a).getString("status")))
                .findFirst().orElseThrow();
        // Due a minute before the older ones' hold ends, and not looked at before then (a busy
        // sending job): read first, in the order sends are due.
        fx.outbox().schedule(new Send("newer:" + texted, OutreachFixture.CLIENT, texted,
                Send.ALERT, "balance_imported", null, 0, "outreach.balance", java.util.Map.of(
                        "total", new java.math.BigDecimal("120.00"),
                        "dueDate", java.time.LocalDate.of(2027, 1, 10)), List.of("sms"),
                Instant.parse("2026-12-05T14:59:00Z"), Alerts.OPTIONS,
                java.util.Optional.of(Alerts.CHOOSE_STEP)));

        oneWorkerAt("2026-12-05T15:00:00Z");
        String yielded = waiting(fx.send("newer:" + texted));
        oneWorkerAt("2026-12-05T15:01:00Z");
        oneWorkerAt("2026-12-06T15:00:00Z");
        oneWorkerAt("2026-12-07T15:00:00Z");

        assertEquals("scheduled 2026-12-05T15:01:00Z frequency_cap:sms:earlier_send", yielded);
        assertEquals(List.of(Instant.parse("2026-12-04T15:00:00Z"),
                Instant.parse("2026-12-05T15:00:00Z"), Instant.parse("2026-12-06T15:00:00Z")),
                FAMILY.stream().map(a -> send(a).getDate("sentAt").toInstant()).sorted()
                        .toList());
        assertEquals(Instant.parse("2026-12-07T15:00:00Z"), fx.send("newer:" + texted)
                .getDate("sentAt").toInstant());
        assertEquals(4, textsToThePhone());
    }

    @Test
    void theHoldNamesTheSharedAddressWithWhenItWasHeldAndUntilWhen() {
        fx.send();

        List<Document> holds = FAMILY.stream().map(this::send)
                .flatMap(d -> d.getList("holds", Document.class, List.of()).stream())
                .toList();
        assertEquals(List.of(hold(), hold()), holds);
    }

    @Test
    void aReceiptToTheSharedPhoneIsNeitherCappedNorCounted() {
        fx.send();

        fx.outbox().schedule(new Send("receipt-1", OutreachFixture.CLIENT, "EH300002",
                Send.ALERT, "payment_received", null, 0, "outreach.payment",
                java.util.Map.of("amount", new java.math.BigDecimal("20.00"),
                        "date", java.time.LocalDate.of(2026, 12, 4),
                        "balance", new java.math.BigDecimal("100.00")), List.of("sms"),
                clock.instant(), Alerts.PAYMENT_OPTIONS, java.util.Optional.of(
                        Alerts.PAYMENT_STEP)));
        fx.send();

        assertEquals("sent", fx.send("receipt-1").getString("status"));
    }

    /** One run of the sending job at {@code instant}, its texts handed to Twilio. */
    private void sendAt(String instant) {
        clock.set(Instant.parse(instant));
        fx.send();
        fx.parley.settleTexts();
    }

    /** One run of a one-worker sender at {@code instant}: sends one by one as they are due. */
    private void oneWorkerAt(String instant) {
        clock.set(Instant.parse(instant));
        fx.worker(1).run();
        fx.parley.settleTexts();
    }

    /** "status dueAt last-hold-reason" of a send. */
    private static String waiting(Document send) {
        List<Document> holds = send.getList("holds", Document.class, List.of());
        return send.getString("status") + " " + send.getDate("dueAt").toInstant() + " "
                + (holds.isEmpty() ? "-" : holds.getLast().getString("reason"));
    }

    private static Document hold() {
        return new Document("reason", "frequency_cap:sms:address")
                .append("at", java.util.Date.from(Instant.parse("2026-12-04T15:00:00Z")))
                .append("until", java.util.Date.from(Instant.parse("2026-12-05T15:00:00Z")));
    }

    private Document send(String account) {
        return fx.send("balance_imported:example-health:" + account);
    }

    /** Each family member's send as "status dueAt-or-sentAt last-hold-reason", sorted. */
    private List<String> outcomes() {
        List<String> out = new ArrayList<>();
        for (String account : FAMILY) {
            Document d = send(account);
            List<Document> holds = d.getList("holds", Document.class, List.of());
            Instant at = (d.getDate("sentAt") != null ? d.getDate("sentAt") : d.getDate("dueAt"))
                    .toInstant();
            out.add(d.getString("status") + " " + at + " "
                    + (holds.isEmpty() ? "-" : holds.getLast().getString("reason")));
        }
        return out.stream().sorted().toList();
    }

    private long textsToThePhone() {
        return twilio.requests().stream().map(FakeTwilio.Request::to).filter(PHONE::equals)
                .count() - before;
    }
}
