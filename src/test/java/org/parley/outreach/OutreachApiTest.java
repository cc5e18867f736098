package org.parley.outreach;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.web.Json;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The outreach settings section, the alerts in effect and the sends, through the API. */
class OutreachApiTest {

    @TempDir
    static Path data;
    static OutreachFixture fx;

    @BeforeAll
    static void start() {
        fx = new OutreachFixture(data, Map.of(), new TestClock(TestParley.NOW));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aClientThatSetNothingHasEveryAlertOffAndTheDefaultLimits() {
        HttpResponse<String> r = fx.parley.api("GET", "/api/clients/example-health/outreach/alerts",
                null, null);

        assertEquals(200, r.statusCode());
        assertEquals("{\"alerts\":{\"balance_imported\":false,\"installment_due\":false,"
                + "\"installment_missed\":false,\"plan_changed\":false,\"assistance_status\":false,"
                + "\"payment_received\":false},\"dueDays\":3,\"caps\":{\"email\":{\"perDays\":7,"
                + "\"max\":3},\"sms\":{\"perDays\":7,\"max\":3}},\"channels\":[\"sms\",\"email\"],"
                + "\"throughput\":{\"perSecond\":1}}", r.body());
    }

    @Test
    void settingsAreStoredAndShownAsTheAlertsInEffect() {
        HttpResponse<String> put = fx.parley.api("PUT",
                "/api/clients/example-health/settings/outreach", "application/json",
                "{\"alerts\": {\"installment_due\": true, \"payment_received\": true}, "
                        + "\"dueDays\": 5, \"caps\": {\"sms\": {\"perDays\": 7, \"max\": 2}}, "
                        + "\"channels\": [\"email\", \"sms\"], "
                        + "\"throughput\": {\"perSecond\": 3}}");
        HttpResponse<String> get = fx.parley.api("GET",
                "/api/clients/example-health/outreach/alerts", null, null);

        assertEquals(200, put.statusCode(), put.body());
        String expected = "{\"alerts\":{\"balance_imported\":false,\"installment_due\":true,"
                + "\"installment_missed\":false,\"plan_changed\":false,\"assistance_status\":false,"
                + "\"payment_received\":true},\"dueDays\":5,\"caps\":{\"email\":{\"perDays\":7,"
                + "\"max\":3},\"sms\":{\"perDays\":7,\"max\":2}},\"channels\":[\"email\",\"sms\"],"
                + "\"throughput\":{\"perSecond\":3}}";
        assertEquals(expected, put.body());
        assertEquals(expected, get.body());
        fx.settings("{}");
    }

    @Test
    void wrongSettingsAreRefusedWithEveryProblemNamedAndNothingStored() {
        String before = alerts();

        HttpResponse<String> r = fx.parley.api("PUT",
                "/api/clients/example-health/settings/outreach", "application/json",
                "{\"alerts\": {\"birthday\": true, \"installment_due\": \"yes\"}, \"dueDays\": 0, "
                        + "\"caps\": {\"sms\": {\"perDays\": 7}, \"fax\": {}}, "
                        + "\"channels\": [\"sms\", \"sms\"], \"throughput\": {\"perSecond\": 0}}");

        assertEquals(400, r.statusCode());
        assertEquals(true, r.body().contains("\"message\":\"The outreach settings were not saved: "
                + "alerts.birthday is not a known setting; expected one of balance_imported, "
                + "installment_due, installment_missed, plan_changed, assistance_status, "
                + "payment_received (and 6 "
                + "more in detail). Correct them and send the whole settings again.\""), r.body());
        for (String field : new String[] {"alerts.installment_due", "dueDays", "caps.sms.max",
                "caps.fax", "channels[1]", "throughput.perSecond"}) {
            assertEquals(true, r.body().contains("\"field\":\"" + field + "\""), field + " in "
                    + r.body());
        }
        assertEquals(before, alerts());
    }

    private static String alerts() {
        return fx.parley.api("GET", "/api/clients/example-health/outreach/alerts", null, null)
                .body();
    }

    @Test
    void theSendsListRefusesAStatusItDoesNotKnow() {
        HttpResponse<String> r = fx.parley.api("GET",
                "/api/clients/example-health/outreach/sends?status=lost", null, null);

        assertEquals(400, r.statusCode());
        assertEquals(true, r.body().contains("status 'lost' is not one of scheduled, sending, "
                + "sent, delivered, failed, suppressed"), r.body());
    }

    @Test
    void theSendsOfAnUnknownClientAreNotFound() {
        assertEquals(404, fx.parley.api("GET", "/api/clients/nobody/outreach/sends", null, null)
                .statusCode());
    }

    @Test
    void theSendsListGoesNewestFirstAPageAtATimeUntilNoNextIsGiven() {
        for (int hour = 1; hour <= 5; hour++) {
            schedule("cmp-paged", "EH30000" + hour, Duration.ofHours(hour));
        }
        schedule("cmp-other", "EH300009", Duration.ofHours(9));

        JsonNode first = sendsAnswer("campaignId=cmp-paged&limit=2");
        JsonNode second = sendsAnswer("campaignId=cmp-paged&limit=2&cursor="
                + first.get("next").asText());
        JsonNode third = sendsAnswer("campaignId=cmp-paged&limit=2&cursor="
                + second.get("next").asText());

        assertEquals(List.of("EH300005", "EH300004"), accounts(first));
        assertEquals(true, first.get("truncated").asBoolean());
        assertEquals(List.of("EH300003", "EH300002"), accounts(second));
        assertEquals(true, second.get("truncated").asBoolean());
        assertEquals(List.of("EH300001"), accounts(third));
        assertEquals(false, third.get("truncated").asBoolean());
        assertEquals(false, third.has("next"));
    }

    @Test
    void theSendsListHoldsAHundredUnlessALimitUpToAThousandIsGiven() {
        for (int i = 0; i < 101; i++) {
            schedule("cmp-hundred", "EH4%05d".formatted(i), Duration.ofMinutes(i + 1));
        }

        JsonNode byDefault = sendsAnswer("campaignId=cmp-hundred");
        JsonNode all = sendsAnswer("campaignId=cmp-hundred&limit=1000");
        HttpResponse<String> tooMany = sendsList("limit=1001");

        assertEquals(100, byDefault.get("sends").size());
        assertEquals(true, byDefault.get("truncated").asBoolean());
        assertEquals(101, all.get("sends").size());
        assertEquals(false, all.get("truncated").asBoolean());
        assertEquals(400, tooMany.statusCode());
        assertEquals("limit '1001' is not a whole number from 1 to 1000",
                json(tooMany).get("message").asText());
    }

    @Test
    void theSendsListRefusesAParameterItDoesNotKnowAndNamesIt() {
        HttpResponse<String> r = sendsList("campaign=cmp-paged");

        assertEquals(400, r.statusCode());
        assertEquals("unknown_parameter", json(r).get("error").asText());
        assertEquals("'campaign' is not a parameter of the sends list; use account, status, "
                + "campaignId, limit, cursor", json(r).get("message").asText());
    }

    @Test
    void theSendsListRefusesACursorItDidNotGive() {
        HttpResponse<String> r = sendsList("cursor=not-a-cursor");

        assertEquals(400, r.statusCode());
        assertEquals("cursor 'not-a-cursor' is not one this list gave; pass the 'next' of the "
                + "previous answer as it is, or leave cursor out for the first page",
                json(r).get("message").asText());
    }

    /** A campaign send due {@code in} after now, far enough ahead that no job touches it. */
    private static void schedule(String campaignId, String account, Duration in) {
        Instant due = fx.clock.instant().plus(Duration.ofDays(60)).plus(in);
        fx.outbox().schedule(new Send("campaign:" + campaignId + ":1:" + account,
                OutreachFixture.CLIENT, account, Send.CAMPAIGN, campaignId, campaignId, 1,
                "campaign.reminder", Map.of(), List.of("sms"), due, List.of(),
                Optional.empty()));
    }

    private static HttpResponse<String> sendsList(String query) {
        return fx.parley.api("GET", "/api/clients/example-health/outreach/sends?" + query, null,
                null);
    }

    private static JsonNode sendsAnswer(String query) {
        HttpResponse<String> r = sendsList(query);
        assertEquals(200, r.statusCode(), r.body());
        return json(r);
    }

    private static List<String> accounts(JsonNode answer) {
        List<String> out = new ArrayList<>();
        answer.get("sends").forEach(s -> out.add(s.get("account").asText()));
        return out;
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return Json.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + r.body(), e);
        }
    }
}
