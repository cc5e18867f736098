package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Outreach texts are paced twice: said with a place under the number's throughput, and handed
 * to Twilio one step apart even when they reach the SMS outbox late together. A campaign paused
 * or cancelled while one of its texts was being said takes that text back too.
 */
class OutreachPacingTest extends OutreachSmsCase {

    @Test
    void textsLateAfterAStallAreHandedToTwilioOneStepApartNotTogether() {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 20}}}");
        for (int i = 1; i <= 4; i++) {
            fx.outbox().schedule(OutreachSmsTest.alert("rate-" + i, "EH100611"));
        }
        fx.send();
        assertEquals(List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:01Z",
                "2026-12-04T15:00:02Z", "2026-12-04T15:00:03Z"), texts("nextAttemptAt"));
        fx.parley.settleTexts();
        int before = twilio.requests().size();

        // Nothing reaches Twilio for 10 s (a slow answer, a restart): three are due at once.
        clock.set(Instant.parse("2026-12-04T15:00:10Z"));
        fx.parley.settleTexts();
        assertEquals(before + 1, twilio.requests().size());
        // The one that went at once kept its place; the other two wait for fresh ones, a step
        // of 1.023 s apart at 1 a second.
        assertEquals(List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:01Z",
                "2026-12-04T15:00:11.023Z", "2026-12-04T15:00:12.046Z"), sorted("nextAttemptAt"));

        for (String at : List.of("11.023", "12.046")) {
            clock.set(Instant.parse("2026-12-04T15:00:" + at + "Z"));
            fx.parley.settleTexts();
        }
        assertEquals(before + 3, twilio.requests().size());
        assertEquals(List.of("2026-12-04T15:00:00Z", "2026-12-04T15:00:10Z",
                "2026-12-04T15:00:11.023Z", "2026-12-04T15:00:12.046Z"), sorted("sentAt"));
        assertEquals(List.of("1", "1", "1", "1"), texts("attempts"));
    }

    /** A delivery field of each alert text, in order: two workers may take them in any. */
    private List<String> sorted(String field) {
        return texts(field).stream().sorted().toList();
    }

    @Test
    void aCampaignPausedWhileItsTextWasBeingSaidTakesThatTextBackAndSaysItAgainOnResume() {
        int before = sayWhileTheCampaignBecomes(CampaignGate.Verdict.PAUSED);

        Document send = fx.send("in-hand");
        assertEquals("scheduled 1 " + CampaignGate.PAUSED_UNTIL, send.getString("status")
                + " " + send.getInteger("said") + " " + send.getDate("dueAt").toInstant());
        assertEquals(List.of("sent", "suppressed"), texts("status", "^notice:"));
        assertEquals("campaign_paused", delivery("notice:in-hand").getString("error"));
        assertEquals(before, twilio.requests().size());
    }

    @Test
    void aCampaignCancelledWhileItsTextWasBeingSaidNeverSendsIt() {
        int before = sayWhileTheCampaignBecomes(CampaignGate.Verdict.CANCELLED);

        Document send = fx.send("in-hand");
        assertEquals("suppressed campaign_cancelled", send.getString("status") + " "
                + send.getString("reason"));
        assertEquals("campaign_cancelled", delivery("notice:in-hand").getString("error"));
        assertEquals(before, twilio.requests().size());
    }

    /**
     * Says a campaign send whose campaign turns {@code verdict} just after the send was said,
     * then lets its second (15:00:01) pass; answers how many texts Twilio had before.
     */
    private int sayWhileTheCampaignBecomes(CampaignGate.Verdict verdict) {
        clock.set(Instant.parse("2026-12-04T15:00:00Z"));
        Verdicts verdicts = new Verdicts();
        // Another text holds the number's first second, so the campaign's waits for the next.
        fx.outbox().schedule(OutreachSmsTest.alert("rate-1", "EH100611"));
        fx.send();
        fx.parley.settleTexts();
        int before = twilio.requests().size();
        fx.outbox().schedule(campaignSend("in-hand", "EH100234"));

        fx.worker().campaigns(verdicts).onStep(step -> {
            if (step.equals("said")) {
                verdicts.now = verdict;
            }
        }).run();
        clock.set(Instant.parse("2026-12-04T15:00:05Z"));
        fx.parley.settleTexts();
        return before;
    }

    /** A campaign's verdict the test moves while a send is in hand. */
    private static final class Verdicts implements CampaignGate {
        volatile Verdict now = Verdict.GO;

        @Override
        public Verdict check(String clientId, String campaignId) {
            return now;
        }
    }

    private Send campaignSend(String key, String account) {
        return new Send(key, OutreachFixture.CLIENT, account, Send.CAMPAIGN, "c-1", "c-1", 1,
                "campaign.reminder", Map.of(), List.of("sms"), clock.instant(), List.of(),
                Optional.empty());
    }

    private Document delivery(String dedupe) {
        return fx.parley.parley().store().database().getCollection("messages")
                .find(new Document("dedupe", dedupe)).first().get("delivery", Document.class);
    }

    private List<String> texts(String field) {
        return texts(field, "^notice:rate-");
    }

    /** A delivery field of each outreach text, in the order they were said. */
    private List<String> texts(String field, String dedupe) {
        List<String> out = new ArrayList<>();
        fx.parley.parley().store().database().getCollection("messages")
                .find(com.mongodb.client.model.Filters.regex("dedupe", dedupe))
                .sort(new Document("seq", 1)).forEach(m -> {
                    Object v = m.get("delivery", Document.class).get(field);
                    out.add(v instanceof java.util.Date d ? d.toInstant().toString()
                            : String.valueOf(v));
                });
        return out;
    }
}
