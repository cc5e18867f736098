package org.parley.outreach.campaign;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.compliance.ConsentLedger;
import org.parley.payments.PaymentSource;
import org.parley.payments.ReportedPayment;
import org.parley.store.Jobs;
import org.parley.store.Leases;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.outreach.campaign.CampaignFixture.BASE;
import static org.parley.outreach.campaign.CampaignFixture.CLIENT;
import static org.parley.outreach.campaign.CampaignFixture.campaign;

/**
 * The hourly job schedules each step into the outreach outbox on its day in the client's zone
 * (New York for the demo client), once, for the audience fixed at the start.
 */
class CampaignScheduleTest extends CampaignCase {

    /** Reachable accounts owing 50.00 or more: Alex, Lucía, Jordan and Casey. */
    static final String AUDIENCE = "{\"balance\": {\"min\": \"50.00\"}, "
            + "\"reachable\": [\"sms\", \"email\"]}";

    String id;

    @BeforeEach
    void defineTheCampaign() {
        id = f.create(campaign(AUDIENCE));
    }

    private List<String> keys(int step, String... accounts) {
        List<String> keys = new ArrayList<>();
        for (String a : accounts) {
            keys.add("campaign:" + id + ":" + step + ":" + a);
        }
        return keys;
    }

    private static final String[] ALL = {"EH100234", "EH100587", "EH100611", "EH100612"};

    private List<String> expected(int... steps) {
        List<String> keys = new ArrayList<>();
        for (int step : steps) {
            keys.addAll(keys(step, ALL));
        }
        return keys.stream().sorted().toList();
    }

    @Test
    void eachStepIsScheduledOnItsDayInTheClientsZoneAndTheCampaignEndsAfterItsEndDay() {
        f.runJobAt("2026-12-07T04:59:00Z");
        assertEquals(List.of(), f.keys());
        assertEquals("scheduled", f.show(id).get("state").asText());

        f.runJobAt("2026-12-07T05:00:00Z");
        assertEquals(expected(1), f.keys());
        assertEquals("running", f.show(id).get("state").asText());
        assertEquals(4, f.show(id).get("members").asInt());

        f.runJobAt("2026-12-10T04:59:00Z");
        assertEquals(expected(1), f.keys());
        f.runJobAt("2026-12-10T05:00:00Z");
        assertEquals(expected(1, 2), f.keys());

        f.runJobAt("2027-01-05T04:59:00Z");
        assertEquals(expected(1, 2), f.keys());
        f.runJobAt("2027-01-05T05:00:00Z");
        assertEquals(expected(1, 2, 3), f.keys());

        f.runJobAt("2027-01-07T04:59:00Z");
        assertEquals("running", f.show(id).get("state").asText());
        f.runJobAt("2027-01-07T05:00:00Z");
        assertEquals("ended", f.show(id).get("state").asText());
        assertEquals(12, f.sends().countDocuments());
    }

    @Test
    void aStepDayStartsAtTheClientsMidnightAcrossTheSpringClockChange() {
        String march = f.create("""
                {"name": "Spring", "audience": {"list": true},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"},
                           {"day": 3, "channel": "sms", "template": "campaign.final"}],
                 "start": "2027-03-13", "end": "2027-03-20"}""");
        f.parley.api("POST", BASE + "/" + march + "/audience", "text/csv", "EH100234\n");

        f.runJobAt("2027-03-13T04:59:00Z");
        List<String> beforeFirst = marchKeys(march);
        f.runJobAt("2027-03-13T05:00:00Z");
        List<String> first = marchKeys(march);
        f.runJobAt("2027-03-15T03:59:00Z");
        List<String> beforeThird = marchKeys(march);
        f.runJobAt("2027-03-15T04:00:00Z");

        assertEquals(List.of(), beforeFirst);
        assertEquals(List.of("campaign:" + march + ":1:EH100234"), first);
        assertEquals(first, beforeThird);
        assertEquals(List.of("campaign:" + march + ":1:EH100234",
                "campaign:" + march + ":2:EH100234"), marchKeys(march));
    }

    private List<String> marchKeys(String campaignId) {
        return f.keys().stream().filter(k -> k.startsWith("campaign:" + campaignId + ":"))
                .toList();
    }

    @Test
    void aSendCarriesTheStepTheAccountTheChannelsAndTheOptions() {
        f.runJobAt("2026-12-07T05:00:00Z");
        f.runJobAt("2026-12-10T13:00:00Z");

        Document first = f.sends().find(Filters.eq("_id", keys(1, "EH100234").get(0))).first();
        Document second = f.sends().find(Filters.eq("_id", keys(2, "EH100587").get(0))).first();

        assertEquals("campaign EH100234 " + id + " 1 campaign.reminder [sms, email] "
                + "[pay, payment_plan] 2026-12-07T05:00:00Z scheduled {}", describe(first));
        assertEquals("campaign EH100587 " + id + " 2 campaign.reminder [email, sms] [] "
                + "2026-12-10T13:00:00Z scheduled {}", describe(second));
    }

    private static String describe(Document d) {
        return d.getString("source") + " " + d.getString("account") + " "
                + d.getString("campaignId") + " " + d.getInteger("step") + " "
                + d.getString("template") + " " + d.getList("channels", String.class) + " "
                + d.getList("options", String.class) + " " + d.getDate("dueAt").toInstant() + " "
                + d.getString("status") + " " + d.get("args", Document.class).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList().toString()
                .replace("[", "{").replace("]", "}");
    }

    @Test
    void aSecondRunTheSameHourSchedulesNothingAgain() {
        f.runJobAt("2026-12-07T05:00:00Z");
        f.sends().updateMany(new Document(), Updates.set("status", "sent"));

        f.runJob();
        f.sends().deleteOne(Filters.eq("_id", keys(1, "EH100611").get(0)));
        f.runJob();

        assertEquals(3, f.sends().countDocuments());
        assertEquals(3, f.sends().countDocuments(Filters.eq("status", "sent")));
    }

    @Test
    void twoInstancesRunningTheJobTogetherScheduleEachSendOnce() throws Exception {
        f.clock.set(Instant.parse("2026-12-07T05:00:00Z"));
        var db = f.parley.parley().store().database();
        var services = f.parley.parley().services();
        List<Jobs> instances = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Campaigns campaigns = Campaigns.create(db, new Campaigns.Parts(services.clients(),
                    services.accounts(), services.plans(), services.consent(),
                    f.parley.parley().payments().ledger()), Map.of(), Map.of(), f.clock,
                    new SecureRandom());
            instances.add(new Jobs(new Leases(db, f.clock), f.clock)
                    .add(Campaigns.JOB, campaigns::run, Campaigns.JOB_EVERY));
        }

        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Boolean>> runs = instances.stream().map(jobs ->
                CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return jobs.run(Campaigns.JOB);
                })).toList();
        go.countDown();
        runs.forEach(CompletableFuture::join);
        instances.forEach(jobs -> jobs.run(Campaigns.JOB));

        assertEquals(expected(1), f.keys());
        assertEquals(4, f.show(id).get("members").asInt());
        assertEquals(4L, db.getCollection("campaign_members").countDocuments());
    }

    @Test
    void nothingIsScheduledWhilePausedAndResumeContinuesWithoutResending() {
        f.runJobAt("2026-12-07T05:00:00Z");
        f.sends().updateOne(Filters.eq("_id", keys(1, "EH100234").get(0)),
                Updates.set("status", "sent"));

        f.clock.set(Instant.parse("2026-12-08T15:00:00Z"));
        f.post(BASE + "/" + id + "/pause", "");
        List<Instant> heldDue = dueAt(1);
        f.runJobAt("2026-12-10T15:00:00Z");
        List<String> whilePaused = f.keys();

        f.clock.set(Instant.parse("2026-12-11T15:00:00Z"));
        f.post(BASE + "/" + id + "/resume", "");
        List<Instant> resumedDue = dueAt(1);
        f.runJob();

        assertEquals(List.of(Instant.parse("2026-12-07T05:00:00Z"),
                CampaignSends.PAUSED_UNTIL, CampaignSends.PAUSED_UNTIL, CampaignSends.PAUSED_UNTIL), heldDue);
        assertEquals(expected(1), whilePaused);
        assertEquals(List.of(Instant.parse("2026-12-07T05:00:00Z"),
                Instant.parse("2026-12-11T15:00:00Z"), Instant.parse("2026-12-11T15:00:00Z"),
                Instant.parse("2026-12-11T15:00:00Z")), resumedDue);
        assertEquals(expected(1, 2), f.keys());
        assertEquals("running", f.show(id).get("state").asText());
    }

    private List<Instant> dueAt(int step) {
        return keys(step, ALL).stream().map(k -> f.sends().find(Filters.eq("_id", k)).first()
                .getDate("dueAt").toInstant()).toList();
    }

    @Test
    void cancelSuppressesTheWaitingSendsAndSchedulesNothingMore() {
        f.runJobAt("2026-12-07T05:00:00Z");
        f.sends().updateOne(Filters.eq("_id", keys(1, "EH100234").get(0)),
                Updates.set("status", "sent"));

        f.clock.set(Instant.parse("2026-12-08T15:00:00Z"));
        f.post(BASE + "/" + id + "/cancel", "");
        f.runJobAt("2026-12-10T15:00:00Z");

        assertEquals(expected(1), f.keys());
        assertEquals(List.of("sent -", "suppressed campaign_cancelled",
                        "suppressed campaign_cancelled", "suppressed campaign_cancelled"),
                keys(1, ALL).stream().map(k -> f.sends().find(Filters.eq("_id", k)).first())
                        .map(d -> d.getString("status") + " " + Optional.ofNullable(
                                d.getString("reason")).orElse("-")).toList());
        assertEquals("cancelled", f.show(id).get("state").asText());
    }

    @Test
    void aCampaignPausedBeforeItsStartDayAndResumedOnItHasItsFirstStepDueAtOnce() {
        f.post(BASE + "/" + id + "/pause", "");

        f.clock.set(Instant.parse("2026-12-07T15:00:00Z"));
        var resumed = f.post(BASE + "/" + id + "/resume", "");

        assertEquals(expected(1), f.keys());
        assertEquals(List.of(Instant.parse("2026-12-07T15:00:00Z"),
                Instant.parse("2026-12-07T15:00:00Z"), Instant.parse("2026-12-07T15:00:00Z"),
                Instant.parse("2026-12-07T15:00:00Z")), dueAt(1));
        assertEquals("running", CampaignFixture.json(resumed).get("state").asText());
        assertEquals(4, f.show(id).get("members").asInt());
    }

    @Test
    void aCampaignPausedBeforeItsStartDayAndResumedBeforeItWaitsForItsStartDay() {
        f.post(BASE + "/" + id + "/pause", "");

        f.clock.set(Instant.parse("2026-12-06T15:00:00Z"));
        f.post(BASE + "/" + id + "/resume", "");

        assertEquals(List.of(), f.keys());
        assertEquals("scheduled", f.show(id).get("state").asText());
    }

    @Test
    void aCampaignResumedAfterItsEndDayEndsWithoutAnotherStep() {
        f.runJobAt("2026-12-07T05:00:00Z");
        f.post(BASE + "/" + id + "/pause", "");

        f.clock.set(Instant.parse("2027-01-08T15:00:00Z"));
        f.post(BASE + "/" + id + "/resume", "");
        f.runJob();

        assertEquals(expected(1), f.keys());
        assertEquals("ended", f.show(id).get("state").asText());
    }

    @Test
    void membersWhoPaidInFullOptedOutOrLeftGetNoLaterStep() {
        f.runJobAt("2026-12-07T05:00:00Z");
        var parley = f.parley.parley();
        parley.payments().ledger().record(new ReportedPayment(CLIENT, "pay-cmp-1", "EH100234",
                new BigDecimal("1234.50"), f.clock.instant(), "card", Optional.of("1111"),
                PaymentSource.WEBHOOK, Optional.empty(), Optional.empty()));
        parley.services().consent().optOut(CLIENT, "sms", "+14045550147",
                ConsentLedger.KEYWORD, Optional.empty());
        parley.services().consent().optOut(CLIENT, "email", "lucia.hernandez@example.test",
                ConsentLedger.UNSUBSCRIBE_LINK, Optional.empty());
        parley.store().database().getCollection("accounts")
                .deleteOne(Filters.eq("accountNumber", "EH100612"));

        f.runJobAt("2026-12-10T15:00:00Z");

        List<String> stepTwo = f.keys().stream().filter(k -> k.contains(":2:")).toList();
        assertEquals(keys(2, "EH100611"), stepTwo);
        assertEquals("{\"account_left\":1,\"opted_out\":1,\"paid_in_full\":1}",
                CampaignFixture.json(f.get(BASE + "/" + id + "/results")).get("stopped")
                        .toString());
    }
}
