package org.parley.assistance;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What a fresh-eyes tester sent the assistance API and its settings: a key given twice, a body
 * of megabytes, JSON sent as text, values far too long to repeat, and settings that read well
 * but mean nothing (a phone that is no number, tiers upside down). Each is refused with what
 * was wrong, and nothing stored changes.
 */
class AssistanceApiInputTest {

    private static final String SETTINGS = "/api/clients/example-health/settings/assistance";

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

    private static HttpResponse<String> status(String id, String type, String body) {
        return parley.api("POST", "/api/clients/example-health/assistance/applications/" + id
                + "/status", type, body);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }

    private static String settings() {
        return parley.api("GET", SETTINGS, null, null).body();
    }

    @Test
    void aKeyGivenTwiceInAStatusChangeIsRefusedNamingTheKey() {
        String id = AssistanceFixture.open(parley, "EH100702");

        HttpResponse<String> response = status(id, "application/json",
                "{\"status\":\"received\",\"status\":\"approved\",\"discountPercent\":100}");

        assertEquals(400, response.statusCode());
        assertEquals("The body is not valid JSON: Duplicate field 'status'",
                json(response).get("message").asText());
        assertEquals("sent", parley.parley().services().assistance().applications()
                .require("example-health", id).status().code());
    }

    @Test
    void aStatusChangeOfTwoMegabytesIs413NamingTheLimit() {
        String id = AssistanceFixture.open(parley, "EH100711");

        HttpResponse<String> response = status(id, "application/json",
                "{\"status\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}");

        assertEquals(413, response.statusCode());
        assertEquals("{\"error\":\"status_update_too_large\",\"message\":\"The status change is "
                + "larger than the limit of 64 KB; send one change such as {\\\"status\\\": "
                + "\\\"received\\\"}, and many changes as a status file\"}", response.body());
    }

    @Test
    void aStatusChangeSentAsPlainTextIs415() {
        String id = AssistanceFixture.open(parley, "EH100725");

        HttpResponse<String> response = status(id, "text/plain", "{\"status\":\"received\"}");

        assertEquals(415, response.statusCode());
        assertEquals("A status change is sent as 'Content-Type: application/json', not "
                + "'text/plain'; with curl, add -H 'Content-Type: application/json'",
                json(response).get("message").asText());
    }

    @Test
    void aLongValueIsRepeatedOnlyInPart() {
        String id = AssistanceFixture.open(parley, "EH100734");

        HttpResponse<String> response = status(id, "application/json",
                "{\"status\":\"" + "y".repeat(50_000) + "\"}");

        assertEquals(400, response.statusCode());
        assertEquals("status \"" + "y".repeat(79) + "… is not known; use one of requested, "
                + "sent, received, incomplete, under_review, approved, denied, withdrawn",
                json(response).get("message").asText());
    }

    @Test
    void settingsOfTwoMegabytesAre413() {
        HttpResponse<String> response = parley.api("PUT", SETTINGS, "application/json",
                "{\"programs\":[],\"x\":\"" + "z".repeat(2 * 1024 * 1024) + "\"}");

        assertEquals(413, response.statusCode());
        assertEquals("The body is larger than the limit of 64 KB; settings are far smaller, so "
                + "check what is sent", json(response).get("message").asText());
    }

    @Test
    void anEmptySettingsDocumentIsRefused() {
        String before = settings();

        HttpResponse<String> response = parley.api("PUT", SETTINGS, "application/json", "{}");

        assertEquals(400, response.statusCode());
        assertEquals("[{\"field\":\"programs\",\"value\":\"\",\"expected\":\"a list of programs "
                + "([] for none)\"}]", json(response).get("detail").get("problems").toString());
        assertEquals(before, settings());
    }

    @Test
    void aPhoneThatIsNoNumberAnEmailThatIsNoAddressAndTiersUpsideDownAreEachNamed() {
        String before = settings();
        String bad = AssistanceApiTest.DEMO_SETTINGS
                .replace("\"(555) 010-0177\"", "\"call the front desk\"")
                .replace("\"assistance@example-health.example.test\"", "\"assistance desk\"")
                .replace("{\"upToPercentOfPoverty\":\"300\",\"discountPercent\":\"75\"}",
                        "{\"upToPercentOfPoverty\":\"300\",\"discountPercent\":\"100\"}")
                .replace("{\"upToPercentOfPoverty\":\"400\",\"discountPercent\":\"50\"}",
                        "{\"upToPercentOfPoverty\":\"150\",\"discountPercent\":\"50\"}");

        HttpResponse<String> response = parley.api("PUT", SETTINGS, "application/json", bad);

        assertEquals(400, response.statusCode());
        assertEquals("[{\"field\":\"programs[0].tiers[1].discountPercent\",\"value\":\"100\","
                + "\"expected\":\"below the discount of the tier before (100): a higher income "
                + "limit gets a smaller discount\"},{\"field\":\"programs[0].tiers[2]."
                + "upToPercentOfPoverty\",\"value\":\"150\",\"expected\":\"above the limit of "
                + "the tier before (300); list the tiers from the lowest limit up, so that none "
                + "overlaps another\"},{\"field\":\"programs[0].office.phone\",\"value\":\"'call "
                + "the front desk'\",\"expected\":\"a phone number of 7 to 15 digits, such as "
                + "(555) 010-0177 or +1 555 010 0177\"},{\"field\":\"programs[0].office.email\","
                + "\"value\":\"'assistance desk'\",\"expected\":\"an email address such as "
                + "assistance@example-health.example.test\"}]",
                json(response).get("detail").get("problems").toString());
        assertEquals(before, settings());
    }

    @Test
    void aKeyGivenTwiceInTheSettingsIsRefused() {
        HttpResponse<String> response = parley.api("PUT", SETTINGS, "application/json",
                "{\"programs\":[],\"programs\":[]}");

        assertEquals(400, response.statusCode());
        assertEquals("The body is not valid JSON (line 1, column 26: Duplicate field "
                + "'programs'); send one JSON object", json(response).get("message").asText());
    }

    @Test
    void aLongCellOfAStatusFileIsRepeatedOnlyInPart() {
        String id = AssistanceFixture.open(parley, "EH100845");

        HttpResponse<String> response = parley.api("POST", "/api/clients/example-health/"
                + "assistance/status-file", "text/csv", "application_id,status\n" + id + ","
                + "q".repeat(5000) + "\n");

        assertEquals(400, response.statusCode());
        assertEquals("[{\"line\":2,\"column\":\"status\",\"value\":\"" + "q".repeat(80)
                + "…\",\"expected\":\"one of requested, sent, received, incomplete, "
                + "under_review, approved, denied, withdrawn\"}]",
                json(response).get("detail").get("problems").toString());
    }
}
