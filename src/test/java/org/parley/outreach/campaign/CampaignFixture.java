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

/** A running Parley on a test clock, with the calls campaign tests make. */
final class CampaignFixture implements AutoCloseable {

    static final String CLIENT = "example-health";
    static final String BASE = "/api/clients/" + CLIENT + "/campaigns";

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
