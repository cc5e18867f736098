package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What became of a send, for the campaign results: delivered from Twilio's status callback,
 * the patient's first reply after it, an opt-out after it; and a patient already verified in
 * the conversation is told the details at once.
 */
class OutreachFollowUpTest extends OutreachSmsCase {

    @Test
    void aSendRecordsItsDeliveryTheFirstReplyAndAnOptOutAfterIt() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550182");
        fx.outbox().schedule(OutreachSmsTest.alert("follow-1", "EH100702"));
        fx.send();
        String sid = phone.next().sid().orElseThrow();

        status(sid, "delivered");
        clock.advance(Duration.ofMinutes(3));
        phone.text("1");
        phone.next();
        clock.advance(Duration.ofMinutes(2));
        phone.text("STOP");
        phone.next();
        clock.advance(Duration.ofMinutes(1));
        fx.follow();

        Document d = fx.send("follow-1");
        assertEquals("delivered", d.getString("status"));
        assertEquals(Instant.parse("2026-12-04T15:00:00Z"), d.getDate("deliveredAt").toInstant());
        assertEquals(Instant.parse("2026-12-04T15:03:00Z"), d.getDate("repliedAt").toInstant());
        assertEquals(Instant.parse("2026-12-04T15:05:00Z"), d.getDate("optedOutAt").toInstant());
    }

    @Test
    void whatThePatientWritesAfterOptingOutIsNoReply() {
        SmsPhone phone = textedAnAlert("follow-2");
        clock.advance(Duration.ofMinutes(2));
        phone.text("STOP");
        phone.next();
        clock.advance(Duration.ofMinutes(1));
        phone.text("who is this?");
        clock.advance(Duration.ofMinutes(1));
        fx.follow();

        Document d = fx.send("follow-2");
        assertEquals(null, d.getDate("repliedAt"));
        assertEquals(Instant.parse("2026-12-04T15:02:00Z"), d.getDate("optedOutAt").toInstant());
    }

    @Test
    void anOptOutTypedAsTheKeywordRepeatedIsNoReply() {
        SmsPhone phone = textedAnAlert("follow-3");
        clock.advance(Duration.ofMinutes(2));
        phone.text("Stop. Stop. Stop.");
        phone.reply("You're unsubscribed from Example Health text messages and will get no "
                + "more texts. Reply START to resubscribe.");
        clock.advance(Duration.ofMinutes(1));
        fx.follow();

        Document d = fx.send("follow-3");
        assertEquals(null, d.getDate("repliedAt"));
        assertEquals(Instant.parse("2026-12-04T15:02:00Z"), d.getDate("optedOutAt").toInstant());
    }

    @Test
    void aPatientVerifiedInTheConversationIsToldTheDetailsAtOnce() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550123");
        phone.text("balance");
        phone.next();
        phone.text("03/14/1985 Rivera");
        phone.next();

        fx.outbox().schedule(OutreachSmsTest.alert("verified-1", "EH100234"));
        fx.send();

        phone.reply("""
                Your plan payment of $50.00 is due December 10, 2026.
                1 Pay my bill
                2 Payment plan
                3 Talk to a person
                Reply with a number from 1 to 3.""");
        assertEquals(1, fx.parley.parley().services().audit().forConversation(
                fx.send("verified-1").getString("conversationId")).stream()
                .filter(e -> e.event().equals("balance_disclosed")
                        && e.details().equals(Map.of("outreach", "verified-1"))).count());
    }

    /** A phone that was texted the alert send {@code key}, for account EH100702. */
    private SmsPhone textedAnAlert(String key) {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550182");
        fx.outbox().schedule(OutreachSmsTest.alert(key, "EH100702"));
        fx.send();
        phone.next();
        return phone;
    }

    private void status(String sid, String status) {
        Map<String, String> form = new TreeMap<>(Map.of("MessageSid", sid, "SmsSid", sid,
                "MessageStatus", status, "SmsStatus", status,
                "AccountSid", FakeTwilio.ACCOUNT_SID, "From", SmsPhone.CLIENT_NUMBER,
                "To", "+14045550182", "ApiVersion", "2010-04-01"));
        String signature = SmsPhone.sign(FakeTwilio.AUTH_TOKEN, SmsPhone.PUBLIC_BASE
                + "/twilio/status", form);
        var response = fx.parley.send(HttpRequest.newBuilder(fx.parley.http("/twilio/status"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                        .collect(Collectors.joining("&"))))
                .build());
        assertEquals(true, response.statusCode() < 300, response.body());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
