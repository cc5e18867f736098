package org.parley.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A send held for the balance file's hold on the account goes as soon as a later file lifts the
 * hold, not a day after it was held; the sender still checks it (contact hours) and a file that
 * keeps or changes the hold releases nothing.
 */
class OutreachHoldReleaseTest extends OutreachSmsCase {

    static final String KEY = "balance_imported:example-health:EH200010";
    static final String HEADER = OutreachFixture.HEADER + ",hold";

    @BeforeEach
    void heldForADispute() {
        fx.settings("{\"alerts\": {\"balance_imported\": true}}");
        fx.balances(HEADER, row("Dispute"));
        fx.send();
    }

    @Test
    void aLiftedHoldSendsTheHeldAlertAtOnce() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550193");
        clock.set(Instant.parse("2026-12-04T18:30:00Z"));

        fx.balances(HEADER, row(""));
        fx.send();

        phone.reply(GENERIC_EN);
        Document sent = fx.send(KEY);
        assertEquals("sent", sent.getString("status"));
        assertEquals(Instant.parse("2026-12-04T18:30:00Z"), sent.getDate("sentAt").toInstant());
        assertEquals(List.of(new Document("reason", "account_hold_lifted")
                        .append("at", Date.from(Instant.parse("2026-12-04T18:30:00Z")))),
                sent.getList("releases", Document.class));
        JsonNode shown = fx.sends("account=EH200010").get(0);
        assertEquals("[{\"reason\":\"account_hold_lifted\",\"at\":\"2026-12-04T18:30:00Z\"}]",
                shown.get("releases").toString());
        // First due when the first file was imported, before the dispute held it.
        assertEquals("2026-12-04T15:00:00Z", shown.get("firstDueAt").asText());
    }

    @Test
    void aHoldLiftedAtNightIsSentAtEightInThePatientsMorning() {
        clock.set(Instant.parse("2026-12-05T03:00:00Z"));

        fx.balances(HEADER, row(""));
        fx.send();

        Document held = fx.send(KEY);
        assertEquals("scheduled 2026-12-05T13:00:00Z quiet_hours:zip",
                held.getString("status") + " " + held.getDate("dueAt").toInstant() + " "
                        + last(held.getList("holds", Document.class)).getString("reason"));

        clock.set(Instant.parse("2026-12-05T13:00:00Z"));
        fx.send();

        Document sent = fx.send(KEY);
        assertEquals("sent", sent.getString("status"));
        assertEquals(Instant.parse("2026-12-05T13:00:00Z"), sent.getDate("sentAt").toInstant());
    }

    @Test
    void aFileThatChangesTheHoldOrLeavesTheColumnOutReleasesNothing() {
        clock.set(Instant.parse("2026-12-04T18:30:00Z"));

        fx.balances(HEADER, row("Bankruptcy"));
        fx.balances(OutreachFixture.HEADER, row("").substring(0, row("").length() - 1));
        fx.send();

        Document held = fx.send(KEY);
        assertEquals("scheduled 2026-12-05T15:00:00Z account_hold:dispute",
                held.getString("status") + " " + held.getDate("dueAt").toInstant() + " "
                        + last(held.getList("holds", Document.class)).getString("reason"));
        assertEquals(null, held.get("releases"));
    }

    private static String row(String hold) {
        return "EH200010,Ana,Soto,1970-01-01,30303,+14045550193,,en,EH200010-1,2026-11-02,"
                + "Dr. Lena Ortiz,Office visit,200.00,80.00,0.00,120.00,2027-01-10," + hold;
    }

    private static Document last(List<Document> holds) {
        return holds.get(holds.size() - 1);
    }
}
