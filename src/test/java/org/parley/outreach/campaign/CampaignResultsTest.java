package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;

/**
 * A campaign's results come from its sends and from what members did after their first send;
 * see {@link ResultsSeed} for the story these figures count.
 */
class CampaignResultsTest {

    @TempDir
    Path data;
    CampaignFixture f;
    String id;

    @BeforeEach
    void start() {
        f = new CampaignFixture(data);
        id = ResultsSeed.seed(f);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void eachStepCountsItsSendsHoldsRepliesOptOutsAndTheConversionsItLastTouched() {
        JsonNode r = CampaignFixture.json(f.get(BASE + "/" + id + "/results"));

        assertEquals("{\"step\":1,\"day\":1,\"dueOn\":\"2026-12-07\",\"channel\":\"sms\","
                + "\"template\":\"campaign.reminder\",\"scheduled\":4,\"waiting\":0,"
                + "\"paused\":0,\"queued\":0,\"held\":2,"
                + "\"holdReasons\":{\"frequency_cap\":1,\"quiet_hours\":2},\"sent\":3,"
                + "\"delivered\":2,\"failed\":1,\"refused\":0,\"suppressed\":1,"
                + "\"cancelled\":0,\"skipped\":0,\"replied\":1,\"optedOut\":1,"
                + "\"paid\":0,\"planCreated\":1,\"assistanceRequested\":1}",
                r.get("steps").get(0).toString());
        // EH100587 opted out after step 1: step 2 skipped them.
        assertEquals("{\"step\":2,\"day\":4,\"dueOn\":\"2026-12-10\",\"channel\":\"email\","
                + "\"template\":\"campaign.reminder\",\"scheduled\":3,\"waiting\":1,"
                + "\"paused\":0,\"queued\":0,\"held\":1,"
                + "\"holdReasons\":{\"assistance_pending\":1},\"sent\":2,\"delivered\":1,"
                + "\"failed\":0,\"refused\":0,\"suppressed\":0,\"cancelled\":0,"
                + "\"skipped\":1,\"replied\":0,\"optedOut\":0,\"paid\":1,"
                + "\"planCreated\":0,\"assistanceRequested\":0}",
                r.get("steps").get(1).toString());
        // Not due yet: every member still in waits for it.
        assertEquals("{\"step\":3,\"day\":30,\"dueOn\":\"2027-01-05\",\"channel\":\"sms\","
                + "\"template\":\"campaign.final\",\"scheduled\":0,\"waiting\":3,"
                + "\"paused\":0,\"queued\":0,\"held\":0,"
                + "\"holdReasons\":{},\"sent\":0,\"delivered\":0,\"failed\":0,"
                + "\"refused\":0,\"suppressed\":0,\"cancelled\":0,\"skipped\":1,"
                + "\"replied\":0,\"optedOut\":0,\"paid\":0,\"planCreated\":0,"
                + "\"assistanceRequested\":0}", r.get("steps").get(2).toString());
    }

    @Test
    void theCampaignTotalsAddTheStepsAndCountEachMembersConversionOnce() {
        JsonNode r = CampaignFixture.json(f.get(BASE + "/" + id + "/results"));

        assertEquals("Winter reminders running 4 {\"opted_out\":1}", r.get("name").asText()
                + " " + r.get("state").asText() + " " + r.get("members").asInt() + " "
                + r.get("stopped"));
        assertEquals("{\"scheduled\":7,\"waiting\":4,\"paused\":0,\"queued\":0,\"held\":3,"
                + "\"holdReasons\":{\"assistance_pending\":1,\"frequency_cap\":1,"
                + "\"quiet_hours\":2},\"sent\":5,\"delivered\":3,\"failed\":1,\"refused\":0,"
                + "\"suppressed\":1,\"cancelled\":0,\"skipped\":2,\"replied\":1,"
                + "\"optedOut\":1,\"paid\":1,\"planCreated\":1,\"assistanceRequested\":1}",
                r.get("totals").toString());
    }
}
