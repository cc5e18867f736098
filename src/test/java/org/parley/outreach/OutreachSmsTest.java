package org.parley.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alerts by text message end to end: from a balance file to the patient's phone through the
 * real Twilio SDK against a fake Twilio, at the exact minute contact hours allow, generic until
 * the patient proves who they are, and a reply "1" taking the offered way.
 */
class OutreachSmsTest extends OutreachSmsCase {

    @Override
    Instant start() {
        return Instant.parse("2026-12-04T11:00:00Z");
    }

    @BeforeEach
    void alerts() {
        fx.settings("{\"alerts\": {\"balance_imported\": true}}");
    }

    @Test
    void aFirstStatementWaitsForEightInTheMorningAndSaysNothingButTheClientsName() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550190");
        fx.balances(OutreachFixture.HEADER, "EH200001,Sam,Quinn,1980-05-05,30303,+14045550190,,"
                + "en,EH200001-1,2026-11-02,Dr. Lena Ortiz,Office visit,200.00,80.00,0.00,"
                + "120.00,2027-01-10");

        fx.send();

        JsonNode held = fx.sends("account=EH200001").get(0);
        assertEquals("scheduled", held.get("status").asText());
        assertEquals("2026-12-04T13:00:00Z", held.get("dueAt").asText());
        assertEquals("[{\"reason\":\"quiet_hours:zip\",\"at\":\"2026-12-04T11:00:00Z\","
                + "\"until\":\"2026-12-04T13:00:00Z\"}]", held.get("holds").toString());

        clock.set(Instant.parse("2026-12-04T13:00:00Z"));
        fx.send();

        phone.reply(GENERIC_EN);
        Document sent = fx.send("balance_imported:example-health:EH200001");
        assertEquals("sent", sent.getString("status"));
        assertEquals("sms", sent.getString("channel"));
        assertEquals(Instant.parse("2026-12-04T13:00:00Z"), sent.getDate("sentAt").toInstant());

        phone.text("1");
        phone.reply("First I need to confirm who you are. Please send your date of birth and "
                + "last name (for example: 03/14/1985 Rivera), or your account number and ZIP "
                + "code.");
        phone.text("05/05/1980 Quinn");
        assertEquals("""
                Thank you, Sam. I've confirmed your identity.
                Your balance with Example Health is $120.00, due by January 10, 2027.
                I can't send you a payment link: Example Health hasn't set up online payment \
                here yet.""", String.join("\n", phone.next().body().lines().limit(3).toList()));
    }

    @Test
    void aSpanishSpeakingPatientGetsTheGenericTextInSpanish() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550191");
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.balances(OutreachFixture.HEADER, "EH200002,Rosa,Marín,1975-02-03,30318,+14045550191,,"
                + "es,EH200002-1,2026-11-02,Dr. Tomás Peña,Consulta,300.00,100.00,0.00,"
                + "200.00,2027-01-15");

        fx.send();

        phone.reply(GENERIC_ES);
        phone.text("2");
        phone.reply("""
                Primero confirmemos su identidad: envíe fecha de nacimiento y apellido \
                (ej.: 14/03/1985 Rivera), o n.º de cuenta y código postal.""");
        phone.text("03/02/1975 Marín");
        assertEquals("""
                Gracias, Rosa. Ya confirmé su identidad.
                Su saldo con Example Health es de $200.00, con vencimiento el 15 de enero \
                de 2027.""",
                String.join("\n", phone.next().body().lines().limit(2).toList()));
    }

    @Test
    void aPatientWhoTextedStopIsWrittenToByEmailAndOneWithNoEmailIsNotWrittenTo() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        SmsPhone alex = new SmsPhone(fx.parley, twilio, "+14045550123");
        alex.text("STOP");
        alex.next();
        SmsPhone casey = new SmsPhone(fx.parley, twilio, "+14045550168");
        casey.text("STOP");
        casey.next();

        fx.outbox().schedule(alert("stop-1", "EH100234"));
        fx.outbox().schedule(alert("stop-2", "EH100612"));
        fx.outbox().schedule(alert("stop-3", "EH100845"));
        fx.send();

        assertEquals("sent email", outcome("stop-1", "channel"));
        assertEquals("suppressed opted_out:sms,no_address:email", outcome("stop-2", "reason"));
        assertEquals("suppressed no_address:sms,no_address:email", outcome("stop-3", "reason"));
    }

    @Test
    void aClientWhoseOutreachChannelsLeaveOutEmailHasNoTextFallBackToEmail() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"channels\": [\"sms\"]}");
        SmsPhone alex = new SmsPhone(fx.parley, twilio, "+14045550123");
        alex.text("STOP");
        alex.next();

        fx.outbox().schedule(alert("stop-1", "EH100234"));
        fx.send();

        assertEquals("suppressed opted_out:sms,not_in_client_channels:email",
                outcome("stop-1", "reason"));
    }

    @Test
    void theFrequencyCapHoldsTheThirdTextUntilTheFirstIsAWeekOld() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 7, \"max\": 2}}, "
                + "\"throughput\": {\"perSecond\": 10}}");
        fx.outbox().schedule(alert("cap-1", "EH100611"));
        fx.send();
        // Each text handed to Twilio before the clock moves on by days: a text still waiting
        // when its contact hours end is not sent (OutreachContactHoursEndTest).
        fx.parley.settleTexts();
        clock.set(Instant.parse("2026-12-05T15:00:00Z"));
        fx.outbox().schedule(alert("cap-2", "EH100611"));
        fx.outbox().schedule(alert("cap-3", "EH100611"));

        fx.send();
        fx.parley.settleTexts();

        assertEquals("sent sent scheduled", fx.send("cap-1").getString("status") + " "
                + fx.send("cap-2").getString("status") + " "
                + fx.send("cap-3").getString("status"));
        assertEquals(new Document("reason", "frequency_cap:sms")
                        .append("at", java.util.Date.from(Instant.parse("2026-12-05T15:00:00Z")))
                        .append("until", java.util.Date.from(
                                Instant.parse("2026-12-11T15:00:00Z"))),
                fx.send("cap-3").getList("holds", Document.class).get(0));

        clock.set(Instant.parse("2026-12-11T15:00:00Z"));
        fx.send();

        assertEquals("sent", fx.send("cap-3").getString("status"));
        assertEquals(Instant.parse("2026-12-11T15:00:00Z"),
                fx.send("cap-3").getDate("sentAt").toInstant());
    }

    @Test
    void textsFromOneNumberAreSaidAtOnceAndHandedToTwilioOneASecondAtItsThroughput() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 10}}}");
        fx.outbox().schedule(alert("rate-1", "EH100611"));
        fx.outbox().schedule(alert("rate-2", "EH100611"));
        fx.outbox().schedule(alert("rate-3", "EH100611"));

        fx.send();

        assertEquals("sent 0, sent 0, sent 0", java.util.stream.Stream.of("rate-1", "rate-2",
                        "rate-3").map(k -> fx.send(k).getString("status") + " "
                        + fx.send(k).getList("holds", Document.class).size())
                .collect(java.util.stream.Collectors.joining(", ")));
        assertEquals(java.util.List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:01Z",
                "2026-12-04T15:00:02Z"), texts("nextAttemptAt"));

        fx.parley.settleTexts();
        assertEquals(java.util.List.of("sent", "queued", "queued"), texts("status"));
        clock.set(Instant.parse("2026-12-04T15:00:01Z"));
        fx.parley.settleTexts();
        assertEquals(java.util.List.of("sent", "sent", "queued"), texts("status"));
        clock.set(Instant.parse("2026-12-04T15:00:02Z"));
        fx.parley.settleTexts();

        assertEquals(java.util.List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:01Z",
                "2026-12-04T15:00:02Z"), texts("sentAt"));
    }

    @Test
    void aTextWhoseSecondIsMoreThanTenSecondsOffIsHeldForItAndTheRunLeavesTheRestScheduled() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 20}}}");
        for (int i = 1; i <= 13; i++) {
            fx.outbox().schedule(alert("rate-" + i, "EH100611"));
        }

        // A sender that does not count the SMS outbox: the instance's job would say 5 (its
        // number's room there, see SmsRoomTest) and hold the rest before their seconds.
        fx.worker().run();

        assertEquals(11, texts("nextAttemptAt").size());
        assertEquals("2026-12-04T15:00:10Z", texts("nextAttemptAt").get(10));
        assertEquals(java.util.Map.of(
                "sent 2026-12-04T15:00:00Z []", 11L,
                "scheduled 2026-12-04T15:00:11Z [throughput until 2026-12-04T15:00:11Z]", 1L,
                "scheduled 2026-12-04T15:00:00Z []", 1L), outcomes(13));
    }

    /**
     * What became of alerts rate-1 to rate-{@code n}, counted: sends of one due time are taken
     * in no set order.
     */
    private java.util.Map<String, Long> outcomes(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n)
                .mapToObj(i -> fx.send("rate-" + i))
                .map(d -> d.getString("status") + " " + d.getDate("dueAt").toInstant() + " "
                        + d.getList("holds", Document.class).stream()
                        .map(h -> h.getString("reason") + " until "
                                + h.getDate("until").toInstant()).toList())
                .collect(java.util.stream.Collectors.groupingBy(x -> x,
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    @Test
    void sendsHeldForSecondsThatPassedBeforeTheNextRunTakeFreshSecondsAndDoNotGoInABurst() {
        // The places the sending job gives are read off the texts: the SMS sender, which would
        // give the texts still waiting their own steps at 15:00:20 first, is kept off.
        fx.parley.parley().sms().sender().close();
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 20}}}");
        for (int i = 1; i <= 13; i++) {
            fx.outbox().schedule(alert("rate-" + i, "EH100611"));
        }
        // Not counting the SMS outbox, as above: the throughput alone holds the 12th.
        fx.worker().run();

        // The next run comes 20 s later: the held send's second (15:00:11) is long past.
        clock.set(Instant.parse("2026-12-04T15:00:20Z"));
        fx.worker().run();

        assertEquals(java.util.List.of("2026-12-04T15:00:20Z", "2026-12-04T15:00:21Z"),
                texts("nextAttemptAt").subList(11, 13));
    }

    @Test
    void theTextsOfOneSecondAreSpreadEvenlyAcrossIt() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 20}}, "
                + "\"throughput\": {\"perSecond\": 4}}");
        for (int i = 1; i <= 6; i++) {
            fx.outbox().schedule(alert("rate-" + i, "EH100611"));
        }

        fx.send();

        assertEquals(java.util.List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:00.250Z",
                "2026-12-04T15:00:00.500Z", "2026-12-04T15:00:00.750Z", "2026-12-04T15:00:01Z",
                "2026-12-04T15:00:01.250Z"), texts("nextAttemptAt"));
    }

    @Test
    void aTextWhoseSecondFallsAfterNineAtNightWaitsForEightInTheMorning() {
        // 8:59:57 p.m. in Atlanta: three seconds of contact hours left, one text a second.
        clock.set(Instant.parse("2026-12-05T01:59:57Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 10}}}");
        for (int i = 1; i <= 4; i++) {
            fx.outbox().schedule(alert("rate-" + i, "EH100611"));
        }

        fx.send();

        assertEquals(java.util.List.of("2026-12-05T01:59:57Z", "2026-12-05T01:59:58Z",
                "2026-12-05T01:59:59Z"), texts("nextAttemptAt"));
        assertEquals(java.util.Map.of("sent 2026-12-04T15:00:00Z []", 3L,
                "scheduled 2026-12-05T13:00:00Z [quiet_hours:zip until 2026-12-05T13:00:00Z]",
                1L), outcomes(4));
    }


    /** A delivery field of each alert text, in the order they were said. */
    private java.util.List<String> texts(String field) {
        return deliveries(field, "^notice:rate-");
    }

    @Test
    void aDisputeInTheBalanceFileHoldsCollectionAlertsButNotAReceipt() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.balances(OutreachFixture.HEADER + ",hold", "EH200003,Ana,Soto,1970-01-01,30303,"
                + "+14045550192,,en,EH200003-1,2026-11-02,Dr. Lena Ortiz,Office visit,200.00,"
                + "80.00,0.00,120.00,2027-01-10,Dispute");
        fx.outbox().schedule(new Send("receipt-1", OutreachFixture.CLIENT, "EH200003", Send.ALERT,
                "payment_received", null, 0, "outreach.payment", java.util.Map.of(),
                java.util.List.of("sms"), clock.instant(), java.util.List.of(),
                java.util.Optional.empty()));

        fx.send();

        JsonNode held = fx.sends("account=EH200003&status=scheduled").get(0);
        assertEquals("balance_imported:example-health:EH200003 account_hold:dispute "
                        + "2026-12-05T15:00:00Z", held.get("key").asText() + " "
                        + held.get("holds").get(0).get("reason").asText() + " "
                        + held.get("dueAt").asText());
        assertEquals("sent", fx.send("receipt-1").getString("status"));

        fx.balances(OutreachFixture.HEADER + ",hold", "EH200003,Ana,Soto,1970-01-01,30303,"
                + "+14045550192,,en,EH200003-1,2026-11-02,Dr. Lena Ortiz,Office visit,200.00,"
                + "80.00,0.00,120.00,2027-01-10,");
        clock.set(Instant.parse("2026-12-05T15:00:00Z"));
        fx.send();

        assertEquals("sent", fx.send("balance_imported:example-health:EH200003")
                .getString("status"));
    }

    private String outcome(String key, String field) {
        return fx.send(key).getString("status") + " " + fx.send(key).getString(field);
    }

    static Send alert(String key, String account) {
        return new Send(key, OutreachFixture.CLIENT, account, Send.ALERT, "installment_due", null,
                0, "outreach.installment_due", java.util.Map.of("amount",
                new java.math.BigDecimal("50.00"), "due", java.time.LocalDate.of(2026, 12, 10)),
                java.util.List.of("sms", "email"), Instant.parse("2026-12-04T15:00:00Z"),
                Alerts.OPTIONS, java.util.Optional.of(Alerts.CHOOSE_STEP));
    }
}
