package org.parley.billing;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientStore;
import org.parley.store.Store;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.billing.BalanceCsv.csv;
import static org.parley.billing.BalanceCsv.mri;
import static org.parley.billing.BalanceCsv.officeVisit;
import static org.parley.billing.BalanceCsv.with;

class BalanceRoutesTest {

    private static final long TEST_LIMIT = 4096;
    private static final int TEST_MAX_ROWS = 2;

    @TempDir
    Path dataDir;

    private Store store;
    private AccountStore accounts;
    private WebServer server;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void startServer() {
        store = Store.embedded(dataDir, "test");
        accounts = new AccountStore(store.database());
        ClientStore clients = new ClientStore(store.database());
        clients.save(BalanceImportTest.EXAMPLE_HEALTH);
        BalanceRoutes routes = new BalanceRoutes(new BalanceImport(accounts, clients,
                BalanceCsv.CLOCK, TEST_MAX_ROWS), TEST_LIMIT);
        server = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> {
                    Problems.register(r);
                    r.register("/api/clients", routes);
                })
                .build().start();
    }

    @AfterEach
    void stopServer() {
        server.stop();
        store.close();
    }

    private HttpResponse<String> post(String clientId, String contentType,
                                      HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.port() + "/api/clients/" + clientId + "/balances"))
                .timeout(Duration.ofSeconds(20)).POST(body);
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postCsv(String clientId, String csv) throws Exception {
        return post(clientId, "text/csv", HttpRequest.BodyPublishers.ofString(csv,
                StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) throws IOException {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void csvBodyIsImportedAndTheCountsAreReturned() throws Exception {
        HttpResponse<String> response = postCsv("example-health", csv(officeVisit(), mri()));

        assertEquals(200, response.statusCode());
        assertEquals(json("""
                {"accountsCreated":1,"accountsUpdated":0,"accountsUnchanged":0,
                 "encountersAdded":2,"encountersUpdated":0,"encountersUnchanged":0}"""),
                json(response.body()));
        assertEquals(1, accounts.count("example-health"));
    }

    @Test
    void bodyWithoutContentTypeIsImported() throws Exception {
        HttpResponse<String> response = post("example-health", "",
                HttpRequest.BodyPublishers.ofString(csv(officeVisit())));

        assertEquals(200, response.statusCode());
        assertEquals(1, accounts.count("example-health"));
    }

    @Test
    void octetStreamBodyIsImported() throws Exception {
        HttpResponse<String> response = post("example-health", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray(csv(officeVisit())
                        .getBytes(StandardCharsets.UTF_8)));

        assertEquals(200, response.statusCode());
    }

    @Test
    void badRowsAreA400ListingEveryProblemAndNothingIsStored() throws Exception {
        String bad = csv(with(officeVisit(), "zip", "3030"), with(mri(), "phone", "12"));

        HttpResponse<String> response = postCsv("example-health", bad);

        assertEquals(400, response.statusCode());
        assertEquals(json("""
                {"error":"invalid_balance_file",
                 "message":"2 rows of the balance file are bad (2 problems, each listed with \
                its line and column); nothing was applied. Correct them and import the whole \
                file again.",
                 "detail":{"problems":[
                   {"line":2,"column":"zip","value":"3030","expected":"a 5-digit ZIP code"},
                   {"line":3,"column":"phone","value":"12","expected":"a phone number in E.164 \
                form, such as +14045550123, or empty"}]}}"""), json(response.body()));
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void unknownClientIsA404() throws Exception {
        HttpResponse<String> response = postCsv("no-such-client", csv(officeVisit()));

        assertEquals(404, response.statusCode());
        assertEquals("unknown_client", json(response.body()).get("error").asText());
        assertEquals(0, accounts.count("no-such-client"));
    }

    @Test
    void emptyBodyIsA400() throws Exception {
        HttpResponse<String> response = postCsv("example-health", "");

        assertEquals(400, response.statusCode());
        assertEquals(json("""
                {"error":"empty_balance_file","message":"The request body is empty; send the \
                balance file as the body with 'Content-Type: text/csv'"}"""),
                json(response.body()));
    }

    @Test
    void bodyOverTheLimitIsA413AndNothingIsStored() throws Exception {
        String large = csv(officeVisit()) + "\n".repeat((int) TEST_LIMIT);

        HttpResponse<String> response = postCsv("example-health", large);

        assertEquals(413, response.statusCode());
        assertEquals(json("""
                {"error":"balance_file_too_large","message":"The balance file is larger than \
                the limit of 4096 bytes; split it into smaller files, keeping each account's \
                rows together, and import each"}"""), json(response.body()));
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void chunkedBodyOverTheLimitIsA413() throws Exception {
        byte[] large = (csv(officeVisit()) + "\n".repeat((int) TEST_LIMIT))
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> response = post("example-health", "text/csv",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));

        assertEquals(413, response.statusCode());
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void fileOverTheRowLimitIsA413ThatSaysToSplitItAndNothingIsStored() throws Exception {
        String threeRows = csv(officeVisit(), mri(), with(mri(), "encounter_id", "EH-V-1"));

        HttpResponse<String> response = postCsv("example-health", threeRows);

        assertEquals(413, response.statusCode());
        assertEquals(json("""
                {"error":"too_many_rows","message":"The file has 3 rows; at most 2 are imported \
                at once. Split it and import the parts."}"""), json(response.body()));
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void formEncodedBodyIsA415ThatSaysWhichTypeToSend() throws Exception {
        HttpResponse<String> response = post("example-health",
                "application/x-www-form-urlencoded",
                HttpRequest.BodyPublishers.ofString(csv(officeVisit())));

        assertEquals(415, response.statusCode());
        assertEquals(json("""
                {"error":"unsupported_media_type","message":"A balance file is sent as \
                'Content-Type: text/csv' in UTF-8, not 'application/x-www-form-urlencoded'; \
                with curl, add -H 'Content-Type: text/csv'"}"""), json(response.body()));
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void fileThatIsNotUtf8IsA400() throws Exception {
        byte[] latin1 = csv(with(officeVisit(), "first_name", "Lucía"))
                .getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = post("example-health", "text/csv",
                HttpRequest.BodyPublishers.ofByteArray(latin1));

        assertEquals(400, response.statusCode());
        assertEquals("invalid_balance_file", json(response.body()).get("error").asText());
    }
}
