package org.parley.outreach.campaign;

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
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * What a campaign's results say after its texts went out: a patient who then texts STOP is
 * opted out and stopped for the step, not a reply, and a cancel or a pause shows the sends it
 * stopped as cancelled or paused; a send held back before the cancel still counts as ever held.
 */
class CampaignResultsAfterTest {

    private static final List<String> ACCOUNTS = List.of("EH100234", "EH100587", "EH100611");

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
        sendAll();
        // One text a second: the other two reach Twilio at 15:00:01 and 15:00:02, before the
        // STOP, whichever account each was.
        for (int second = 1; second <= 2; second++) {
            f.clock.set(Instant.parse("2026-12-07T15:00:0" + second + "Z"));
            f.parley.settleTexts();
        }

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
     * Three texts sent, one patient replied STOP: opted out, not replied; the figures of step 1
     * and the totals.
     */
    private static final String SENT_THREE = "\"waiting\":0,\"paused\":0,\"held\":0,"
            + "\"holdReasons\":{},\"sent\":3,\"delivered\":0,\"failed\":0,\"suppressed\":0,"
            + "\"cancelled\":0,\"replied\":0,\"optedOut\":1,\"paid\":0,\"planCreated\":0,"
            + "\"assistanceRequested\":0";
    private static final String NOTHING = "\"waiting\":0,\"paused\":0,\"held\":0,"
            + "\"holdReasons\":{},\"sent\":0,\"delivered\":0,\"failed\":0,\"suppressed\":0,"
            + "\"cancelled\":0,\"replied\":0,\"optedOut\":0,\"paid\":0,\"planCreated\":0,"
            + "\"assistanceRequested\":0";

    private String results() {
        return CampaignFixture.json(f.get(BASE + "/" + id + "/results")).toString()
                .replace(id, "ID");
    }

    @Test
    void aStopTextedAfterTheCampaignTextCountsAsOptedOutAndStoppedButNotAsAReply() {
        sentThenStopped();

        assertEquals("{\"campaignId\":\"ID\",\"name\":\"After\",\"state\":\"running\","
                + "\"members\":3,\"stopped\":{\"opted_out\":1},\"totals\":{\"scheduled\":3,"
                + SENT_THREE + "},\"steps\":[{\"step\":1,\"day\":1,\"dueOn\":\"2026-12-07\","
                + "\"channel\":\"sms\",\"template\":\"campaign.reminder\",\"scheduled\":3,"
                + SENT_THREE + "},{\"step\":2,\"day\":4,\"dueOn\":\"2026-12-10\","
                + "\"channel\":\"sms\",\"template\":\"campaign.final\",\"scheduled\":0,"
                + NOTHING + "}]}", results());
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

        var step = f.sends().find(new org.bson.Document("account", "EH100234")).first();
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
        assertEquals("{\"scheduled\":3,\"waiting\":3,\"paused\":0,\"held\":3,\"holdReasons\":"
                + "{\"quiet_hours:zip\":3},\"sent\":0,\"delivered\":0,\"failed\":0,"
                + "\"suppressed\":0,\"cancelled\":0,\"replied\":0,\"optedOut\":0", totals());

        HttpResponse<String> cancelled = f.post(BASE + "/" + id + "/cancel", "");
        assertEquals(200, cancelled.statusCode(), cancelled.body());

        assertEquals("{\"scheduled\":3,\"waiting\":0,\"paused\":0,\"held\":3,\"holdReasons\":"
                + "{\"quiet_hours:zip\":3},\"sent\":0,\"delivered\":0,\"failed\":0,"
                + "\"suppressed\":0,\"cancelled\":3,\"replied\":0,\"optedOut\":0", totals());
    }

    @Test
    void sendsOfAPausedCampaignCountAsPausedUntilItResumes() {
        f.runJob();
        HttpResponse<String> paused = f.post(BASE + "/" + id + "/pause", "");
        assertEquals(200, paused.statusCode(), paused.body());
        sendAll();

        assertEquals("{\"scheduled\":3,\"waiting\":0,\"paused\":3,\"held\":0,\"holdReasons\":"
                + "{},\"sent\":0,\"delivered\":0,\"failed\":0,\"suppressed\":0,"
                + "\"cancelled\":0,\"replied\":0,\"optedOut\":0", totals());

        f.post(BASE + "/" + id + "/resume", "");
        assertEquals("{\"scheduled\":3,\"waiting\":3,\"paused\":0,\"held\":0,\"holdReasons\":"
                + "{},\"sent\":0,\"delivered\":0,\"failed\":0,\"suppressed\":0,"
                + "\"cancelled\":0,\"replied\":0,\"optedOut\":0", totals());
    }

    /** The campaign's totals, up to the conversions. */
    private String totals() {
        return CampaignFixture.json(f.get(BASE + "/" + id + "/results")).get("totals")
                .toString().replaceAll(",\"paid\".*", "");
    }
}
