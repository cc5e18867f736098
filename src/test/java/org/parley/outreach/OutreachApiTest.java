package org.parley.outreach;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

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
}
