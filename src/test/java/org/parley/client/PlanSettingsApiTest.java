package org.parley.client;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /api/clients/{id}/settings/plans} over HTTP: the demo's rules, a round trip, and every
 * refusal with its exact body, each leaving the stored rules as they were.
 */
class PlanSettingsApiTest {

    private static final String PATH = "/api/clients/example-health/settings/plans";
    private static final String DEMO = "{\"minimumInstallment\":\"25.00\",\"tiers\":["
            + "{\"upTo\":\"500.00\",\"maxMonths\":6},{\"upTo\":\"2000.00\",\"maxMonths\":12},"
            + "{\"upTo\":\"10000.00\",\"maxMonths\":24}],"
            + "\"downPayment\":{\"percent\":\"0\",\"minimum\":\"0.00\"},"
            + "\"frequencies\":[\"MONTHLY\",\"BIWEEKLY\"],\"firstPaymentWithinDays\":30,"
            + "\"graceDays\":10,\"missesToBreak\":2,\"remainder\":\"LAST\",\"skipsAllowed\":1}";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void theDemoClientsRulesAreShownWithMoneyAsStrings() {
        HttpResponse<String> response = parley.api("GET", PATH, null, null);

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type")
                .orElseThrow());
        assertEquals(DEMO, response.body());
    }

    @Test
    void rulesPutAreStoredExactlyAndShownBack() {
        String rules = "{\"minimumInstallment\":\"30.00\",\"tiers\":["
                + "{\"upTo\":\"999.99\",\"maxMonths\":3},{\"upTo\":\"5000.00\",\"maxMonths\":18}],"
                + "\"downPayment\":{\"percent\":\"12.5\",\"minimum\":\"40.00\"},"
                + "\"frequencies\":[\"BIWEEKLY\"],\"firstPaymentWithinDays\":14,"
                + "\"graceDays\":5,\"missesToBreak\":3,\"remainder\":\"FIRST\",\"skipsAllowed\":0}";
        try {
            HttpResponse<String> put = parley.api("PUT", PATH, "application/json", rules);

            assertEquals(200, put.statusCode(), put.body());
            assertEquals(rules, put.body());
            assertEquals(rules, parley.api("GET", PATH, null, null).body());
            assertEquals(new java.math.BigDecimal("999.99"), parley.parley().services().settings()
                    .planRules("example-health").orElseThrow().tiers().get(0).upTo());
        } finally {
            parley.api("PUT", PATH, "application/json", DEMO);
        }
    }

    @Test
    void fieldsLeftOutTakeTheDocumentedDefaults() {
        try {
            HttpResponse<String> put = parley.api("PUT", PATH, "application/json",
                    "{\"minimumInstallment\":\"20\",\"tiers\":[{\"upTo\":\"3000\","
                            + "\"maxMonths\":10}]}");

            assertEquals("{\"minimumInstallment\":\"20.00\",\"tiers\":[{\"upTo\":\"3000.00\","
                    + "\"maxMonths\":10}],\"downPayment\":{\"percent\":\"0\",\"minimum\":\"0.00\"},"
                    + "\"frequencies\":[\"MONTHLY\"],\"firstPaymentWithinDays\":30,"
                    + "\"graceDays\":10,"
                    + "\"missesToBreak\":2,\"remainder\":\"LAST\",\"skipsAllowed\":0}", put.body());
        } finally {
            parley.api("PUT", PATH, "application/json", DEMO);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            minimum as a number | {"minimumInstallment":25,"tiers":[{"upTo":"500","maxMonths":6}]} | minimumInstallment | minimumInstallment must be a string such as "25.00", not a JSON number, so that no cent is lost to rounding; got 25
            minimum with cents of cents | {"minimumInstallment":"25.005","tiers":[{"upTo":"500","maxMonths":6}]} | minimumInstallment | minimumInstallment must be an amount in dollars with at most two decimals, as a string such as "25.00"; got "25.005"
            minimum zero | {"minimumInstallment":"0","tiers":[{"upTo":"500","maxMonths":6}]} | minimumInstallment | minimumInstallment must be more than zero, such as "25.00"
            minimum negative | {"minimumInstallment":"-5.00","tiers":[{"upTo":"500","maxMonths":6}]} | minimumInstallment | minimumInstallment must be an amount in dollars with at most two decimals, as a string such as "25.00"; got "-5.00"
            minimum missing | {"tiers":[{"upTo":"500","maxMonths":6}]} | minimumInstallment | minimumInstallment is missing; send it
            tiers empty | {"minimumInstallment":"25","tiers":[]} | tiers | tiers is empty; send at least one, such as [{"upTo": "5000.00", "maxMonths": 12}]
            tiers not a list | {"minimumInstallment":"25","tiers":{"upTo":"500"}} | tiers | tiers must be a JSON array; got an object
            tiers unsorted | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6},{"upTo":"400","maxMonths":12}]} | tiers[1].upTo | tiers[1].upTo must be higher than the tier before it (500.00); send the tiers sorted by upTo, lowest first
            tier months too many | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":121}]} | tiers[0].maxMonths | tiers[0].maxMonths must be a whole number from 1 to 120; got 121
            tier unknown field | {"minimumInstallment":"25","tiers":[{"upTo":"500","months":6}]} | tiers[0].months | tiers[0].months is not a field here; send only [upTo, maxMonths] (names are case-sensitive)
            percent of 100 | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"downPayment":{"percent":"100","minimum":"0"}} | downPayment.percent | downPayment.percent must be below 100, such as "10"; got 100
            down payment minimum missing | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"downPayment":{"percent":"10"}} | downPayment.minimum | downPayment.minimum is missing; send it
            frequency unknown | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"frequencies":["WEEKLY"]} | frequencies[0] | frequencies[0] must be one of [MONTHLY, BIWEEKLY]; got "WEEKLY"
            frequency twice | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"frequencies":["MONTHLY","MONTHLY"]} | frequencies[1] | frequencies[1] repeats MONTHLY; send each frequency once
            frequencies empty | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"frequencies":[]} | frequencies | frequencies is empty; send at least one of [MONTHLY, BIWEEKLY]
            grace days negative | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"graceDays":-1} | graceDays | graceDays must be a whole number from 0 to 90; got -1
            misses zero | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"missesToBreak":0} | missesToBreak | missesToBreak must be a whole number from 1 to 12; got 0
            first payment as text | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"firstPaymentWithinDays":"30"} | firstPaymentWithinDays | firstPaymentWithinDays must be a whole number from 0 to 365; got "30"
            remainder unknown | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"remainder":"MIDDLE"} | remainder | remainder must be one of [FIRST, LAST]; got "MIDDLE"
            skips too many | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"skipsAllowed":13} | skipsAllowed | skipsAllowed must be a whole number from 0 to 12; got 13
            unknown field | {"minimumInstallment":"25","tiers":[{"upTo":"500","maxMonths":6}],"graceDay":5} | graceDay | graceDay is not a field here; send only [minimumInstallment, tiers, downPayment, frequencies, firstPaymentWithinDays, graceDays, missesToBreak, remainder, skipsAllowed] (names are case-sensitive)
            minimum no balance can meet | {"minimumInstallment":"1000.00","tiers":[{"upTo":"500.00","maxMonths":6}]} | minimumInstallment | minimumInstallment is 1000.00, so no balance could get a plan: even the highest, 500.00 (the upTo of the last tier), cannot be split into two payments of at least that. Send a minimumInstallment of at most 250.00, or raise the upTo of the last tier
            minimum no balance can meet after its down payment | {"minimumInstallment":"250.00","tiers":[{"upTo":"500.00","maxMonths":6}],"downPayment":{"percent":"20","minimum":"10.00"}} | minimumInstallment | minimumInstallment is 250.00, so no balance could get a plan: even the highest, 500.00 (the upTo of the last tier) after its down payment of 100.00 (400.00 financed), cannot be split into two payments of at least that. Send a minimumInstallment of at most 200.00, or raise the upTo of the last tier
            not an object | ["minimumInstallment"] | body | body must be a JSON object with the fields [minimumInstallment, tiers, downPayment, frequencies, firstPaymentWithinDays, graceDays, missesToBreak, remainder, skipsAllowed]; got an array as the body
            """)
    void aBadFieldIsRefusedByNameAndNothingChanges(String why, String body, String field,
                                                   String message) {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json", body);

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":" + Json.write(message)
                + ",\"detail\":{\"field\":\"" + field + "\"}}", response.body());
        assertEquals(DEMO, parley.api("GET", PATH, null, null).body());
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json",
                "{\"minimumInstallment\": ");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_json\",\"message\":\"The body is not valid JSON (line "
                + "1, column 24: Unexpected end-of-input within/between Object entries); send one "
                + "JSON object\"}", response.body());
        assertEquals(DEMO, parley.api("GET", PATH, null, null).body());
    }

    @Test
    void aFieldGivenTwiceIsRefused() throws Exception {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json",
                "{\"minimumInstallment\":\"25\",\"minimumInstallment\":\"30\"}");

        assertEquals(400, response.statusCode());
        assertEquals("invalid_json", Json.MAPPER.readTree(response.body())
                .get("error").asText());
    }

    @Test
    void anEmptyBodyIsRefused() {
        HttpResponse<String> response = parley.api("PUT", PATH, "application/json", "");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"empty_body\",\"message\":\"The request body is empty; send the "
                + "settings as a JSON object, as GET shows them\"}", response.body());
    }

    @Test
    void aBodyThatIsNotJsonByItsTypeIsRefused() {
        HttpResponse<String> response = parley.api("PUT", PATH, "text/csv", DEMO);

        assertEquals(415, response.statusCode());
        assertEquals("{\"error\":\"unsupported_media_type\",\"message\":\"Settings are sent as "
                + "'Content-Type: application/json', not 'text/csv'; with curl, add -H "
                + "'Content-Type: application/json'\"}", response.body());
    }

    @Test
    void anUnknownClientIsNotFound() {
        HttpResponse<String> get = parley.api("GET", "/api/clients/nobody/settings/plans", null,
                null);
        HttpResponse<String> put = parley.api("PUT", "/api/clients/nobody/settings/plans",
                "application/json", DEMO);

        String body = "{\"error\":\"unknown_client\",\"message\":\"No client 'nobody' exists; "
                + "check the client id in the URL\"}";
        assertEquals(404, get.statusCode());
        assertEquals(body, get.body());
        assertEquals(404, put.statusCode());
        assertEquals(body, put.body());
    }

    @Test
    void anUnknownSectionIsNotFound() {
        HttpResponse<String> response = parley.api("GET",
                "/api/clients/example-health/settings/branding", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"unknown_settings_section\",\"message\":\"There are no "
                + "'branding' settings; use one of [plans, payments, financing, "
                + "assistance, qa-scorecard, email, outreach, handoff, canned-replies]\"}",
                response.body());
    }

    @Test
    void settingsWithoutTheApiTokenAreRefused() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(parley.http(PATH))
                .GET().build());

        assertEquals(401, response.statusCode());
    }
}
