package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * What a campaign's results say as it goes: a patient who texts STOP is opted out and stopped
 * for the step, not a reply, and a cancel or a pause shows the sends it stopped as cancelled or
 * paused; a send held back before the cancel still counts as ever held. At every moment a
 * member a step has not reached yet (its planning cut off, or the step not due) is waiting, a
 * member who stopped is skipped, and a text said in its conversation is queued until Twilio
 * accepts it, then sent: each step's waiting, paused, queued, sent, refused, suppressed,
 * cancelled and skipped add up to the audience whenever the results are read.
 */
class CampaignResultsAfterTest {

    private static final List<String> ACCOUNTS = List.of("EH100234", "EH100587", "EH100611");
    /** The figures every member of a step stands in exactly one of. */
    private static final List<String> PARTITION = List.of("waiting", "paused", "queued", "sent",
            "refused", "suppressed", "cancelled", "skipped");

    @TempDir
    Path data;
    FakeTwilio twilio = FakeTwilio.start();
    CampaignFixture f;
    String id;

    @BeforeEach
    void twoStepsToThreeMembers() {
        f = new CampaignFixture(data, SmsPhone.env(twilio));
        // Monday 10 a.m. in Atlanta.
        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        id = f.create("""
                {"name": "After", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"},
                           {"day": 4, "channel": "sms", "template": "campaign.final"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""");
        HttpResponse<String> list = f.parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", String.join("\n", ACCOUNTS) + "\n");
        assertEquals(200, list.statusCode(), list.body());
    }

    @AfterEach
    void stop() {
        f.close();
        twilio.close();
    }

    /** Step 1 texted to all three; Alex texts STOP 20 minutes later; the follow-up runs. */
    private void sentThenStopped() {
        f.runJob();
        sendEveryText();

        f.clock.set(Instant.parse("2026-12-07T15:20:00Z"));
        new SmsPhone(f.parley, twilio, "+14045550123").text("STOP");
        f.clock.set(Instant.parse("2026-12-07T15:21:00Z"));
        f.parley.parley().jobs().run(Outreach.FOLLOW_JOB);
    }

    private void sendAll() {
        f.parley.parley().jobs().run(Outreach.SEND_JOB);
        f.parley.settleTexts();
    }

    /**
     * Says every text and hands them to Twilio: one a second, the other two reach it at
     * 15:00:01 and 15:00:02, whichever account each was.
     */
    private void sendEveryText() {
        sendAll();
        for (int second = 1; second <= 2; second++) {
            f.clock.set(Instant.parse("2026-12-07T15:00:0" + second + "Z"));
            f.parley.settleTexts();
        }
    }

    /**
     * Three texts sent, one patient replied STOP: opted out, not replied; the figures of step 1
     * and the totals.
     */
    private static final String SENT_THREE = "\"waiting\":0,\"paused\":0,\"queued\":0,"
            + "\"held\":0,\"holdReasons\":{},\"sent\":3,\"delivered\":0,\"failed\":0,"
            + "\"refused\":0,\"suppressed\":0,\"cancelled\":0,\"skipped\":0,\"replied\":0,"
            + "\"optedOut\":1,\"paid\":0,\"planCreated\":0,\"assistanceRequested\":0";
    /** Step 2, not due yet: two members wait for it, the one who stopped is skipped. */
    private static final String TWO_WAIT = "\"waiting\":2,\"paused\":0,\"queued\":0,"
            + "\"held\":0,\"holdReasons\":{},\"sent\":0,\"delivered\":0,\"failed\":0,"
            + "\"refused\":0,\"suppressed\":0,\"cancelled\":0,\"skipped\":1,\"replied\":0,"
            + "\"optedOut\":0,\"paid\":0,\"planCreated\":0,\"assistanceRequested\":0";

    private String results() {
        return CampaignFixture.json(f.get(BASE + "/" + id + "/results")).toString()
                .replace(id, "ID");
    }

    @Test
    void aStopTextedAfterTheCampaignTextCountsAsOptedOutAndStoppedButNotAsAReply() {
        sentThenStopped();

        assertEquals("{\"campaignId\":\"ID\",\"name\":\"After\",\"state\":\"running\","
                + "\"members\":3,\"stopped\":{\"opted_out\":1},\"totals\":{\"scheduled\":3,"
                + SENT_THREE.replace("\"waiting\":0", "\"waiting\":2")
                        .replace("\"skipped\":0", "\"skipped\":1")
                + "},\"steps\":[{\"step\":1,\"day\":1,\"dueOn\":\"2026-12-07\","
                + "\"channel\":\"sms\",\"template\":\"campaign.reminder\",\"scheduled\":3,"
                + SENT_THREE + "},{\"step\":2,\"day\":4,\"dueOn\":\"2026-12-10\","
                + "\"channel\":\"sms\",\"template\":\"campaign.final\",\"scheduled\":0,"
                + TWO_WAIT + "}]}", results());
    }

    @Test
    void anAnswerBeforeAStopInWordsCountsAsTheReplyAndTheStopAsTheOptOut() {
        f.runJob();
        sendAll();
        f.clock.set(Instant.parse("2026-12-07T15:10:00Z"));
        SmsPhone alex = new SmsPhone(f.parley, twilio, "+14045550123");
        alex.text("What is this about?");
        f.clock.set(Instant.parse("2026-12-07T15:12:00Z"));
        alex.text("please stop texting me");
        f.clock.set(Instant.parse("2026-12-07T15:21:00Z"));
        f.parley.parley().jobs().run(Outreach.FOLLOW_JOB);

        var step = f.sends().find(new Document("account", "EH100234")).first();
        assertEquals("2026-12-07T15:10:00Z 2026-12-07T15:12:00Z",
                step.getDate("repliedAt").toInstant() + " "
                        + step.getDate("optedOutAt").toInstant());
    }

    @Test
    void aStopInWordsAloneIsNoReply() {
        f.runJob();
        sendAll();
        f.clock.set(Instant.parse("2026-12-07T15:10:00Z"));
        new SmsPhone(f.parley, twilio, "+14045550123").text("Please stop sending me messages.");
        f.clock.set(Instant.parse("2026-12-07T15:21:00Z"));
        f.parley.parley().jobs().run(Outreach.FOLLOW_JOB);

        assertEquals("\"replied\":0,\"optedOut\":1",
                totals().replaceAll(".*,(\"replied.*)", "$1"));
    }

    @Test
    void aMemberStoppedByAStopIsCountedOnceWhenTheNextStepComesDue() {
        sentThenStopped();

        f.runJobAt("2026-12-10T15:00:00Z");

        var r = CampaignFixture.json(f.get(BASE + "/" + id + "/results"));
        assertEquals("{\"opted_out\":1} 2", r.get("stopped") + " "
                + r.get("steps").get(1).get("scheduled"));
    }

    @Test
    void sendsHeldByContactHoursAndThenCancelledCountAsCancelledAndStillAsEverHeld() {
        // 7 a.m. in Atlanta: the three texts are held to 8 a.m.
        f.clock.set(Instant.parse("2026-12-07T12:00:00Z"));
        f.runJob();
        sendAll();
        // Three held sends of step 1, and step 2 (not due) waiting for the same three.
        assertEquals("{\"scheduled\":3,\"waiting\":6,\"paused\":0,\"queued\":0,\"held\":3,"
                + "\"holdReasons\":{\"quiet_hours:zip\":3},\"sent\":0,\"delivered\":0,"
                + "\"failed\":0,\"refused\":0,\"suppressed\":0,\"cancelled\":0,\"skipped\":0,"
                + "\"replied\":0,\"optedOut\":0", totals());

        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());

        // Step 2 never comes: its three members count as cancelled too.
        assertEquals("{\"scheduled\":3,\"waiting\":0,\"paused\":0,\"queued\":0,\"held\":3,"
                + "\"holdReasons\":{\"quiet_hours:zip\":3},\"sent\":0,\"delivered\":0,"
                + "\"failed\":0,\"refused\":0,\"suppressed\":0,\"cancelled\":6,\"skipped\":0,"
                + "\"replied\":0,\"optedOut\":0", totals());
    }

    @Test
    void sendsOfAPausedCampaignCountAsPausedUntilItResumes() {
        f.runJob();
        HttpResponse<String> paused = f.post(BASE + "/" + id + "/pause", "");
        assertEquals(200, paused.statusCode(), paused.body());
        sendAll();

        // Step 2's three members (not due yet) wait with the campaign too.
        assertEquals("{\"scheduled\":3,\"waiting\":0,\"paused\":6,\"queued\":0,\"held\":0,"
                + "\"holdReasons\":{},\"sent\":0,\"delivered\":0,\"failed\":0,\"refused\":0,"
                + "\"suppressed\":0,\"cancelled\":0,\"skipped\":0,\"replied\":0,"
                + "\"optedOut\":0", totals());

        f.post(BASE + "/" + id + "/resume", "");
        assertEquals("{\"scheduled\":3,\"waiting\":6,\"paused\":0,\"queued\":0,\"held\":0,"
                + "\"holdReasons\":{},\"sent\":0,\"delivered\":0,\"failed\":0,\"refused\":0,"
                + "\"suppressed\":0,\"cancelled\":0,\"skipped\":0,\"replied\":0,"
                + "\"optedOut\":0", totals());
    }

    /** The campaign's totals, up to the conversions. */
    private String totals() {
        return CampaignFixture.json(f.get(BASE + "/" + id + "/results")).get("totals")
                .toString().replaceAll(",\"paid\".*", "");
    }

    @Test
    void membersAPlanningCutOffHasNotReachedCountAsWaitingUntilItsRerunSchedulesThem() {
        f.runJob();
        // What a run killed after scheduling its first member leaves: the audience fixed, one
        // send of step 1, the step not marked done.
        f.sends().deleteMany(Filters.in("_id", key(1, "EH100587"), key(1, "EH100611")));
        f.parley.parley().store().database().getCollection("campaigns").updateOne(
                new Document("_id", id), Updates.pull("stepsDone", 1));

        assertEquals("3 | scheduled 1 waiting 3 queued 0 sent 0 skipped 0"
                + " | scheduled 0 waiting 3 queued 0 sent 0 skipped 0", progress());
        assertAddsUp();

        f.runJob();

        assertEquals("3 | scheduled 3 waiting 3 queued 0 sent 0 skipped 0"
                + " | scheduled 0 waiting 3 queued 0 sent 0 skipped 0", progress());
        assertAddsUp();
    }

    @Test
    void aTextSaidButNotYetAtTwilioIsQueuedAndCountsSentOnceTwilioAcceptedIt() {
        f.runJob();
        sendAll();

        // All three said in their conversations; at one a second Twilio has the first only.
        assertEquals(1, twilio.accepted().size());
        assertEquals("3 | scheduled 3 waiting 0 queued 2 sent 1 skipped 0"
                + " | scheduled 0 waiting 3 queued 0 sent 0 skipped 0", progress());
        assertAddsUp();

        f.clock.set(Instant.parse("2026-12-07T15:00:01Z"));
        f.parley.settleTexts();
        assertEquals(2, twilio.accepted().size());
        assertEquals("scheduled 3 waiting 0 queued 1 sent 2 skipped 0", step(0));

        f.clock.set(Instant.parse("2026-12-07T15:00:02Z"));
        f.parley.settleTexts();
        assertEquals(3, twilio.accepted().size());
        assertEquals("scheduled 3 waiting 0 queued 0 sent 3 skipped 0", step(0));
        assertAddsUp();
    }

    @Test
    void theFollowUpRecordsWhenTwilioAcceptedEachTextSoResultsNeedNotAskTheMessage() {
        f.runJob();
        sendEveryText();

        f.clock.set(Instant.parse("2026-12-07T15:01:00Z"));
        f.parley.parley().jobs().run(Outreach.FOLLOW_JOB);

        // Which account went first is the sender's order; the seconds Twilio took them are not.
        List<String> accepted = new ArrayList<>();
        f.sends().find().forEach(d -> accepted.add(d.getDate("acceptedAt").toInstant()
                .toString()));
        assertEquals(List.of("2026-12-07T15:00:00Z", "2026-12-07T15:00:01Z",
                "2026-12-07T15:00:02Z"), accepted.stream().sorted().toList());
        // The message no longer decides: a send the follow-up saw accepted stays sent.
        f.parley.parley().store().database().getCollection("messages").updateMany(
                Filters.exists("delivery"), Updates.set("delivery.status", "queued"));
        assertEquals("scheduled 3 waiting 0 queued 0 sent 3 skipped 0", step(0));
    }

    @Test
    void aTextTwilioRefusesIsRefusedAndFailedNotSent() {
        twilio.script(FakeTwilio.Answer.error(400, 21211, "Invalid 'To' Phone Number"));
        f.runJob();
        sendEveryText();

        JsonNode step = steps().get(0);
        assertEquals("sent 2 refused 1 failed 1", "sent " + step.get("sent").asInt()
                + " refused " + step.get("refused").asInt() + " failed "
                + step.get("failed").asInt());
        assertAddsUp();
    }

    @Test
    void aMemberWhoStoppedIsSkippedByTheLaterStepNotWaitingForIt() {
        sentThenStopped();

        assertEquals("3 | scheduled 3 waiting 0 queued 0 sent 3 skipped 0"
                + " | scheduled 0 waiting 2 queued 0 sent 0 skipped 1", progress());
        assertAddsUp();

        // Step 2's day: the job schedules the two still in and records the stop.
        f.runJobAt("2026-12-10T15:00:00Z");
        assertEquals("scheduled 2 waiting 2 queued 0 sent 0 skipped 1", step(1));
        assertAddsUp();
    }

    private String key(int step, String account) {
        return CampaignRunner.key(id, step, account);
    }

    private JsonNode resultsJson() {
        return CampaignFixture.json(f.get(BASE + "/" + id + "/results"));
    }

    private JsonNode steps() {
        return resultsJson().get("steps");
    }

    private String step(int index) {
        return figures(steps().get(index));
    }

    /** The members, then each step's progress figures. */
    private String progress() {
        JsonNode r = resultsJson();
        StringBuilder out = new StringBuilder(r.get("members").asText());
        r.get("steps").forEach(s -> out.append(" | ").append(figures(s)));
        return out.toString();
    }

    private static String figures(JsonNode s) {
        return "scheduled " + s.get("scheduled").asInt() + " waiting " + s.get("waiting").asInt()
                + " queued " + s.get("queued").asInt() + " sent " + s.get("sent").asInt()
                + " skipped " + s.get("skipped").asInt();
    }

    /** Every step's partition adds up to the audience, and the totals to it once per step. */
    private void assertAddsUp() {
        JsonNode r = resultsJson();
        int members = r.get("members").asInt();
        List<Integer> sums = new ArrayList<>();
        r.get("steps").forEach(s -> sums.add(PARTITION.stream()
                .mapToInt(k -> s.get(k).asInt()).sum()));
        sums.add(PARTITION.stream().mapToInt(k -> r.get("totals").get(k).asInt()).sum());
        assertEquals(List.of(members, members, 2 * members), sums);
    }
}
