package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.Client;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The assistance API: a client's programs, status changes of an application with the errors a
 * client reads, and the bearer token in front of it all.
 */
class AssistanceApiTest {

    static final String DEMO_SETTINGS = "{\"notifyPatients\":true,\"pauseCollections\":true,"
            + "\"defaultRegion\":\"contiguous\",\"programs\":[{\"id\":\"care-assistance\","
            + "\"name\":\"Example Health Care Assistance\",\"tiers\":[{\"upToPercentOfPoverty\":"
            + "\"200\",\"discountPercent\":\"100\"},{\"upToPercentOfPoverty\":\"300\","
            + "\"discountPercent\":\"75\"},{\"upToPercentOfPoverty\":\"400\",\"discountPercent\":"
            + "\"50\"}],\"documents\":[{\"id\":"
            + "\"proof_of_income\"},{\"id\":\"photo_id\"},{\"id\":\"proof_of_address\"}],"
            + "\"apply\":{\"method\":\"link\",\"url\":\"https://apply.example-health.example.test"
            + "/assistance?ref={application}&lang={language}\"},\"office\":{\"name\":\"Example "
            + "Health Financial Counseling\",\"phone\":\"(555) 010-0177\",\"email\":"
            + "\"assistance@example-health.example.test\"},\"languages\":[\"en\",\"es\"]}]}";

    static final String OTHER_SETTINGS = """
            {"notifyPatients":false,"pauseCollections":true,"defaultRegion":"hawaii",\
            "programs":[{"id":"kokua","name":"Kokua Care","tiers":[{"upToPercentOfPoverty":"250",\
            "discountPercent":"100"},{"upToPercentOfPoverty":"350","discountPercent":"60.5"}],\
            "documents":[{"id":"tax_return"},{"id":"residency","labels":{"en":"proof of \
            residency","es":"comprobante de residencia"}}],"apply":{"method":"post"},\
            "office":{"name":"Patient Accounts","phone":"(555) 010-0188"},\
            "languages":["en"]}]}""";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        parley.parley().services().clients().save(new Client("other-health", "Other Health",
                ZoneId.of("Pacific/Honolulu"), "USD", "(555) 010-0111", "", List.of("en")));
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private static Applications applications() {
        return parley.parley().services().assistance().applications();
    }

    @Test
    void theDemoClientHasItsProgramSeeded() {
        HttpResponse<String> response = parley.api("GET",
                "/api/clients/example-health/settings/assistance", null, null);

        assertEquals(200, response.statusCode());
        assertEquals(DEMO_SETTINGS, response.body());
    }

    @Test
    void settingsPutAreWhatGetShows() {
        HttpResponse<String> put = parley.api("PUT", "/api/clients/other-health/settings/"
                + "assistance", "application/json", OTHER_SETTINGS);
        HttpResponse<String> get = parley.api("GET", "/api/clients/other-health/settings/"
                + "assistance", null, null);

        assertEquals(200, put.statusCode(), put.body());
        assertEquals(OTHER_SETTINGS, put.body());
        assertEquals(OTHER_SETTINGS, get.body());
    }

    @Test
    void badSettingsAreRefusedNamingEachFieldAndNothingChanges() {
        String bad = OTHER_SETTINGS.replace("\"discountPercent\":\"60.5\"",
                        "\"discountPercent\":120")
                .replace("\"phone\":\"(555) 010-0188\"", "\"fax\":\"(555) 010-0188\"");
        HttpResponse<String> before = parley.api("GET",
                "/api/clients/example-health/settings/assistance", null, null);

        HttpResponse<String> put = parley.api("PUT",
                "/api/clients/example-health/settings/assistance", "application/json", bad);

        assertEquals(400, put.statusCode());
        assertEquals("{\"error\":\"invalid_setting\",\"message\":\"The assistance "
                + "settings were not saved: programs[0].tiers[1].discountPercent: 120 is not a "
                + "percentage above 0 and at most 100, with at most 2 decimals (and 2 more in "
                + "detail). Correct them and send the whole settings again.\",\"detail\":{"
                + "\"field\":\"programs[0].tiers[1].discountPercent\",\"problems\":[{\"field\":"
                + "\"programs[0].tiers[1].discountPercent\",\"value\":"
                + "\"120\",\"expected\":\"a percentage above 0 and at most 100, with at most 2 "
                + "decimals\"},{\"field\":\"programs[0].office.fax\",\"value\":\"'fax'\","
                + "\"expected\":\"a known field; use [address, email, name, phone]\"},{\"field\":"
                + "\"programs[0].office.phone\",\"value\":\"\",\"expected\":\"the office's phone "
                + "number\"}]}}", put.body());
        assertEquals(before.body(), parley.api("GET",
                "/api/clients/example-health/settings/assistance", null, null).body());
    }

    @Test
    void aLinkWithAnUnknownPlaceholderIsRefused() {
        String bad = DEMO_SETTINGS.replace("ref={application}", "acct={account}");

        HttpResponse<String> put = parley.api("PUT",
                "/api/clients/example-health/settings/assistance", "application/json", bad);

        assertEquals(400, put.statusCode());
        assertEquals("The assistance settings were not saved: programs[0].apply.url: "
                + "'https://apply.example-health.example.test/assistance?acct={account}&lang="
                + "{langua…' is not an address whose placeholders are only {application} and "
                + "{language}; remove {account}. Correct it and send the whole settings again.",
                message(put));
    }

    @Test
    void aClientThatNeverSetItsProgramsHasNone() {
        parley.parley().services().clients().save(new Client("third-health", "Third Health",
                ZoneId.of("America/Chicago"), "USD", "(555) 010-0122", "", List.of("en")));

        HttpResponse<String> response = parley.api("GET",
                "/api/clients/third-health/settings/assistance", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"settings_not_set\",\"message\":\"Client 'third-health' has "
                + "no assistance settings yet; set them with PUT /api/clients/third-health/"
                + "settings/assistance\"}", response.body());
    }

    @Test
    void settingsOfAnUnknownClientAreNotFound() {
        HttpResponse<String> response = parley.api("GET",
                "/api/clients/nobody/settings/assistance", null, null);

        assertEquals(404, response.statusCode());
        assertEquals("{\"error\":\"unknown_client\",\"message\":\"No client 'nobody' exists; "
                + "check the client id in the URL\"}", response.body());
    }

    @Test
    void theApiNeedsTheToken() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(parley.http(
                "/api/clients/example-health/settings/assistance")).GET().build());

        assertEquals(401, response.statusCode());
    }

    @Test
    void aStatusChangeIsAnsweredWithTheApplication() {
        String id = AssistanceFixture.open(parley, "EH100611");

        HttpResponse<String> response = status(id, "{\"status\":\"received\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("{\"changed\":true,\"application\":{\"id\":\"" + id + "\",\"accountNumber\":"
                + "\"EH100611\",\"programId\":\"care-assistance\",\"programName\":\"Example Health "
                + "Care Assistance\",\"status\":\"received\",\"statusSince\":"
                + "\"2026-12-04T15:00:00Z\",\"allowedMoves\":[\"incomplete\",\"under_review\","
                + "\"approved\",\"denied\",\"withdrawn\"],\"language\":\"en\",\"channel\":"
                + "\"webchat\",\"link\":\"https://apply.example-health.example.test/assistance?"
                + "ref=" + id + "&lang=en\",\"materialLanguage\":\"en\",\"emailOnFile\":true,"
                + "\"missing\":[],\"history\":[{\"status\":\"sent\",\"at\":"
                + "\"2026-12-04T15:00:00Z\",\"source\":\"chat\"},{\"status\":\"received\","
                + "\"at\":\"2026-12-04T15:00:00Z\",\"source\":\"api\"}],\"createdAt\":"
                + "\"2026-12-04T15:00:00Z\",\"updatedAt\":\"2026-12-04T15:00:00Z\"}}",
                response.body());
    }

    @Test
    void aRefusedMoveIs409NamingTheCurrentStateAndTheAllowedMoves() {
        String id = AssistanceFixture.open(parley, "EH100612");

        HttpResponse<String> response = status(id, "{\"status\":\"approved\","
                + "\"discountPercent\":50}");

        assertEquals(409, response.statusCode());
        assertEquals("{\"error\":\"move_refused\",\"message\":\"Application " + id + " is sent; "
                + "it cannot move to approved. From sent it can move to: received, withdrawn.\","
                + "\"detail\":{\"application\":\"" + id + "\",\"current\":\"sent\",\"requested\":"
                + "\"approved\",\"allowed\":[\"received\",\"withdrawn\"]}}", response.body());
        assertEquals(ApplicationStatus.SENT, applications().require("example-health", id)
                .status());
    }

    @Test
    void aStatusChangeMissingWhatItsStatusNeedsIs400NamingTheField() {
        String id = AssistanceFixture.open(parley, "EH100702");
        status(id, "{\"status\":\"received\"}");

        HttpResponse<String> denied = status(id, "{\"status\":\"denied\"}");
        HttpResponse<String> unknown = status(id, "{\"status\":\"lost\"}");
        HttpResponse<String> extra = status(id, "{\"status\":\"denied\",\"why\":\"x\"}");

        assertEquals(400, denied.statusCode());
        assertEquals("Application " + id + " was not changed: reason is missing; expected a "
                + "reason for the denial, one of [documents_not_received, income_above_limit, "
                + "other, other_coverage].", message(denied));
        assertEquals("status \"lost\" is not known; use one of requested, sent, received, "
                + "incomplete, under_review, approved, denied, withdrawn", message(unknown));
        assertEquals("Unknown field why; a status change has status, and missing, reason or "
                + "discountPercent", message(extra));
    }

    @Test
    void aStatusChangeOfAnUnknownApplicationIsNotFound() {
        HttpResponse<String> response = status("FA-9999", "{\"status\":\"received\"}");

        assertEquals(404, response.statusCode());
        assertEquals("No application 'FA-9999' at client 'example-health'; check the reference, "
                + "such as FA-1001", message(response));
    }


    private static HttpResponse<String> status(String id, String body) {
        return parley.api("POST", "/api/clients/example-health/assistance/applications/" + id
                + "/status", "application/json", body);
    }

    private static String message(HttpResponse<String> response) {
        try {
            return org.parley.web.Json.MAPPER.readTree(response.body()).get("message").asText();
        } catch (Exception e) {
            throw new AssertionError(response.body(), e);
        }
    }
}
