package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A running Parley on a test clock, with the calls campaign tests make. */
final class CampaignFixture implements AutoCloseable {

    static final String CLIENT = "example-health";
    static final String BASE = "/api/clients/" + CLIENT + "/campaigns";
    /** The columns of a balance file, as a client sends them. */
    static final String HEADER = "account_number,first_name,last_name,date_of_birth,zip,phone,"
            + "email,preferred_language,encounter_id,service_date,provider,description,charges,"
            + "insurance_paid,adjustments,patient_responsibility,due_date";

    final TestClock clock;
    final TestParley parley;

    CampaignFixture(Path data) {
        this(data, Map.of());
    }

    CampaignFixture(Path data, Map<String, String> env) {
        this.clock = new TestClock(TestParley.NOW);
        this.parley = TestParley.start(data, env, clock);
    }

    /** A campaign body with the given audience and the usual three steps over December. */
    static String campaign(String audience) {
        return """
                {"name": "December balances", "audience": %s,
                 "steps": [
                   {"day": 1, "channel": "sms", "template": "campaign.reminder",
                    "options": ["pay", "payment_plan"]},
                   {"day": 4, "channel": "email", "template": "campaign.reminder"},
                   {"day": 30, "channel": "sms", "template": "campaign.final"}],
                 "start": "2026-12-07", "end": "2027-01-06"}""".formatted(audience);
    }

    HttpResponse<String> post(String path, String json) {
        return parley.api("POST", path, "application/json", json);
    }

    HttpResponse<String> get(String path) {
        return parley.api("GET", path, null, null);
    }

    /** Defines a campaign and answers its id. */
    String create(String json) {
        HttpResponse<String> res = post(BASE, json);
        if (res.statusCode() != 201) {
            throw new AssertionError("Campaign refused: " + res.body());
        }
        return json(res).get("id").asText();
    }

    JsonNode show(String id) {
        return json(get(BASE + "/" + id));
    }

    /** Defines a campaign, uploads {@code list} as its audience and answers its id. */
    String createForList(String json, String list) {
        String id = create(json);
        HttpResponse<String> uploaded = parley.api("POST", BASE + "/" + id + "/audience",
                "text/csv", list);
        assertEquals(200, uploaded.statusCode(), uploaded.body());
        return id;
    }

    /** Imports balance {@code rows}, each ending in a line break, under {@link #HEADER}. */
    void importBalances(String rows) {
        HttpResponse<String> imported = parley.api("POST", "/api/clients/" + CLIENT
                + "/balances", "text/csv", HEADER + "\n" + rows);
        assertEquals(200, imported.statusCode(), imported.body());
    }

    /** Replaces the client's outreach settings; asserts they were taken. */
    void settings(String json) {
        HttpResponse<String> settings = parley.api("PUT", "/api/clients/" + CLIENT
                + "/settings/outreach", "application/json", json);
        assertEquals(200, settings.statusCode(), settings.body());
    }

    void runJobAt(String instant) {
        clock.set(Instant.parse(instant));
        runJob();
    }

    void runJob() {
        if (!parley.parley().jobs().run(Campaigns.JOB)) {
            throw new AssertionError("The campaign job did not run");
        }
    }

    MongoCollection<Document> sends() {
        return parley.parley().store().database().getCollection("outreach_sends");
    }

    /** The send of campaign {@code id}'s step {@code step} to {@code account}. */
    Document send(String id, int step, String account) {
        return sends().find(new Document("_id", CampaignRunner.key(id, step, account))).first();
    }

    /** Every send's key, in order. */
    List<String> keys() {
        return sends().find().sort(Sorts.ascending("_id")).map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }

    static JsonNode json(HttpResponse<String> res) {
        try {
            return Json.MAPPER.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError("Not JSON: " + res.body(), e);
        }
    }

    @Override
    public void close() {
        parley.close();
    }
}
