package org.parley.outreach.campaign;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * Texts a campaign already said but still waiting for their second under the number's
 * throughput are taken back by a pause (and said again on resume) or a cancel (and never sent).
 */
class CampaignInFlightTest extends CampaignSmsCase {

    private static final List<String> ACCOUNTS = List.of("EH100234", "EH100587", "EH100611");

    String id;

    @BeforeEach
    void saidWithTheirSeconds() {
        // Monday 10 a.m. in Atlanta: one text a second, the three said at once.
        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        f.settings("{\"throughput\": {\"perSecond\": 1}}");
        id = f.createForList("""
                {"name": "In flight", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""",
                String.join("\n", ACCOUNTS) + "\n");
        f.runJob();
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        f.parley.settleTexts();
        assertEquals(1, twilio.requests().size());
    }

    @Test
    void pauseTakesBackTheTextsStillWaitingAndResumeSaysThemOnceEach() {
        HttpResponse<String> paused = f.post(BASE + "/" + id + "/pause", "");
        assertEquals(200, paused.statusCode(), paused.body());

        f.clock.set(Instant.parse("2026-12-07T15:00:05Z"));
        f.parley.settleTexts();
        assertEquals(1, twilio.requests().size());
        assertEquals(Map.of("sent", 1L, "scheduled", 2L), statuses());

        resumeAndSendEveryoneOnce();
        assertEquals(List.of("suppressed campaign_paused", "suppressed campaign_paused"),
                withdrawn());
    }

    @Test
    void aResumeThatFinishesBetweenAPausesWriteAndItsFollowLeavesNoSendHeldForGood() {
        // The pause has stored its state, then a resume comes and is done before the pause
        // holds the waiting sends.
        Campaign running = pauseStoredOnly();
        f.clock.set(Instant.parse("2026-12-07T15:00:05Z"));
        HttpResponse<String> resumed = f.post(BASE + "/" + id + "/resume", "");
        assertEquals(200, resumed.statusCode(), resumed.body());

        Campaign answer = f.parley.parley().campaigns().followed(running, CampaignState.PAUSED,
                f.clock.instant());

        assertEquals(CampaignState.RUNNING, answer.state());
        assertEquals(List.of(), f.sends().find(new Document("campaignId", id)
                .append("pausedAt", new Document("$ne", null))).into(new ArrayList<>()));
        sendEveryoneOnce();
    }

    @Test
    void aPauseAnsweredAfterACancelCameBetweenItsWriteAndItsFollowAnswersCancelled() {
        Campaign running = pauseStoredOnly();
        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());

        Campaign answer = f.parley.parley().campaigns().followed(running, CampaignState.PAUSED,
                f.clock.instant());

        assertEquals(CampaignState.CANCELLED, answer.state());
        assertOnlyTheFirstWentAndTheOthersWereCancelled();
    }

    @Test
    void aPauseTakesBackATextAnotherSenderHoldsBeforeTwilioHasItAndResumeSaysItOnce() {
        Object held = holdNextText();

        HttpResponse<String> paused = f.post(BASE + "/" + id + "/pause", "");
        assertEquals(200, paused.statusCode(), paused.body());

        assertEquals(Map.of("sent", 1L, "scheduled", 2L), statuses());
        assertEquals("sending campaign_paused", outbox(held));
        f.post(BASE + "/" + id + "/resume", "");
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        for (int second = 5; second <= 8; second++) {
            f.clock.set(Instant.parse("2026-12-07T15:00:0" + second + "Z"));
            f.parley.settleTexts();
        }
        assertEquals(Map.of("+14045550123", 1L, "+14045550147", 1L, "+14045550168", 1L),
                perPhone());
        assertEquals(Map.of("sent", 3L), statuses());
        // The holder's lease runs out; the sender that takes the text over finds it taken
        // back and drops it.
        f.clock.set(Instant.parse("2026-12-07T15:01:00Z"));
        f.parley.settleTexts();
        assertEquals(0L, f.parley.parley().store().database().getCollection("outbox")
                .countDocuments());
        assertEquals(3, twilio.requests().size());
    }

    @Test
    void aCancelTakesBackATextAnotherSenderHoldsBeforeTwilioHasItSoItIsNeverSent() {
        Object held = holdNextText();

        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());

        assertEquals("sending campaign_cancelled", outbox(held));
        f.clock.set(Instant.parse("2026-12-07T15:01:00Z"));
        assertOnlyTheFirstWentAndTheOthersWereCancelled();
    }

    @Test
    void aTextTakenBackByAPauseDoesNotCountTowardTheCapSoResumeSendsItAtOnce() {
        f.settings("{\"throughput\": {\"perSecond\": 1}, "
                + "\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 1}}}");
        f.post(BASE + "/" + id + "/pause", "");

        f.clock.set(Instant.parse("2026-12-07T15:00:05Z"));
        resumeAndSendEveryoneOnce();
    }

    @Test
    void cancelTakesBackTheTextsStillWaitingSoTheyAreNeverSent() {
        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());

        f.clock.set(Instant.parse("2026-12-07T15:00:05Z"));
        assertOnlyTheFirstWentAndTheOthersWereCancelled();
    }

    /** Lets the texts go: Twilio had only the first, the two others' sends were cancelled. */
    private void assertOnlyTheFirstWentAndTheOthersWereCancelled() {
        f.parley.settleTexts();

        assertEquals(1, twilio.requests().size());
        assertEquals(Map.of("sent", 1L, "suppressed", 2L), statuses());
        assertEquals(List.of("suppressed campaign_cancelled", "suppressed campaign_cancelled"),
                withdrawn());
    }

    @Test
    void aCancelTakesBackTextsThatHaveWaitedInTheOutboxForMinutes() {
        // Twilio's hand-over stalls (the SMS sender stopped): the two texts wait past their
        // seconds, said ten minutes before the cancel.
        f.parley.parley().sms().sender().close();
        f.clock.set(Instant.parse("2026-12-07T15:10:00Z"));

        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");

        assertEquals(200, cancelled.statusCode(), cancelled.body());
        assertEquals(Map.of("sent", 1L, "suppressed", 2L), statuses());
        assertEquals(List.of("suppressed campaign_cancelled", "suppressed campaign_cancelled"),
                withdrawn());
        assertEquals(0L, f.parley.parley().store().database().getCollection("outbox")
                .countDocuments());
        assertEquals(1, twilio.requests().size());
    }


    @Test
    void aSendScheduledAfterThePauseIsHeldWhenTheSenderTakesItUpAndGoesOnResume() {
        f.post(BASE + "/" + id + "/pause", "");
        // The campaign job was still scheduling members when the pause came.
        f.parley.parley().services().outreach().outbox().schedule(late());

        f.parley.parley().jobs().run(Outreach.SEND_JOB);

        Document held = f.sends().find(new Document("_id", "late")).first();
        assertEquals("scheduled " + org.parley.outreach.CampaignGate.PAUSED_UNTIL,
                held.getString("status") + " " + held.getDate("dueAt").toInstant());
        f.post(BASE + "/" + id + "/resume", "");
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        assertEquals("sent", f.sends().find(new Document("_id", "late")).first()
                .getString("status"));
    }

    @Test
    void aSendScheduledAfterTheCancelIsSuppressedWhenTheSenderTakesItUp() {
        f.post(BASE + "/" + id + "/cancel", "");
        f.parley.parley().services().outreach().outbox().schedule(late());

        f.parley.parley().jobs().run(Outreach.SEND_JOB);

        Document late = f.sends().find(new Document("_id", "late")).first();
        assertEquals("suppressed campaign_cancelled", late.getString("status") + " "
                + late.getString("reason"));
    }

    /** A send of this campaign written after its state changed, as a racing job would. */
    private org.parley.outreach.Send late() {
        return new org.parley.outreach.Send("late", CampaignFixture.CLIENT, "EH100611",
                org.parley.outreach.Send.CAMPAIGN, id, id, 1, "campaign.reminder", Map.of(),
                List.of("sms"), f.clock.instant(), List.of(), java.util.Optional.of(
                Campaigns.REPLY_STEP));
    }

    /** Stores the campaign paused as a pause request would first; answers it as it was. */
    private Campaign pauseStoredOnly() {
        Campaign running = f.parley.parley().campaigns().require(CampaignFixture.CLIENT, id);
        assertTrue(new CampaignStore(f.parley.parley().store().database()).move(running,
                CampaignState.PAUSED, f.clock.instant()));
        return running;
    }

    /** Resumes at 15:00:05 and lets the texts go: each of the three phones texted once. */
    private void resumeAndSendEveryoneOnce() {
        f.post(BASE + "/" + id + "/resume", "");
        sendEveryoneOnce();
    }

    /** Lets the texts go: each of the three phones texted once. */
    private void sendEveryoneOnce() {
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        f.parley.settleTexts();
        f.clock.set(Instant.parse("2026-12-07T15:00:06Z"));
        f.parley.settleTexts();

        assertEquals(Map.of("+14045550123", 1L, "+14045550147", 1L, "+14045550168", 1L),
                perPhone());
        assertEquals(Map.of("sent", 3L), statuses());
    }

    /**
     * Claims the next waiting text as another instance's SMS sender would, holding it for its
     * first try until 15:00:30 without handing it over; answers its outbox id.
     */
    private Object holdNextText() {
        Document held = f.parley.parley().store().database().getCollection("outbox")
                .findOneAndUpdate(new Document("channel", "sms").append("status", "queued"),
                        new Document("$set", new Document("status", "sending")
                                .append("lease", "another-instance")
                                .append("leaseUntil", java.util.Date.from(
                                        Instant.parse("2026-12-07T15:00:30Z"))))
                                .append("$inc", new Document("attempts", 1)));
        return held.get("_id");
    }

    /** The outbox entry's status and why it was taken back, as "status withdrawn". */
    private String outbox(Object id) {
        Document d = f.parley.parley().store().database().getCollection("outbox")
                .find(new Document("_id", id)).first();
        return d.getString("status") + " " + d.getString("withdrawn");
    }

    private Map<String, Long> statuses() {
        return f.sends().find(new Document("campaignId", id)).into(new ArrayList<>()).stream()
                .collect(Collectors.groupingBy(d -> d.getString("status"), TreeMap::new,
                        Collectors.counting()));
    }

    private Map<String, Long> perPhone() {
        return twilio.requests().stream().collect(Collectors.groupingBy(FakeTwilio.Request::to,
                TreeMap::new, Collectors.counting()));
    }

    /** The delivery of every campaign text taken back, as "status reason". */
    private List<String> withdrawn() {
        return f.parley.parley().store().database().getCollection("messages")
                .find(new Document("delivery.status", "suppressed")).into(new ArrayList<>())
                .stream().map(m -> m.get("delivery", Document.class))
                .map(d -> d.getString("status") + " " + d.getString("error")).toList();
    }
}
