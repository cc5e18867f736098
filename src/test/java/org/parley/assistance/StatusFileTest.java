package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The status file: rows applied in order, the whole file checked first and refused with every
 * problem by line, column, value and what was expected, and the same file imported twice
 * changing nothing the second time.
 */
class StatusFileTest {

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

    private static Applications applications() {
        return parley.parley().services().assistance().applications();
    }


    private static HttpResponse<String> send(String csv) {
        return parley.api("POST", "/api/clients/example-health/assistance/status-file",
                "text/csv", csv);
    }

    private static List<String> history(String id) {
        return applications().require("example-health", id).history().stream()
                .map(c -> c.status().code()).toList();
    }

    @Test
    void rowsAreAppliedInOrderAndTheSameFileAgainChangesNothing() {
        String a = AssistanceFixture.open(parley, "EH100234");
        String b = AssistanceFixture.open(parley, "EH100587");
        String csv = "application_id,status,missing_documents,reason,discount_percent\n"
                + a + ",received,,,\n"
                + a + ",incomplete,proof_of_income;photo_id,,\n"
                + b + ",received,,,\n"
                + b + ",under_review,,,\n"
                + b + ",approved,,,75\n"
                + a + ",incomplete,proof_of_income;photo_id,,\n";

        HttpResponse<String> first = send(csv);
        HttpResponse<String> second = send(csv);

        assertEquals("{\"rows\":6,\"changed\":5,\"unchanged\":1,\"alreadyApplied\":0,"
                + "\"applications\":[\"" + a + "\",\"" + b + "\"]}", first.body());
        assertEquals("{\"rows\":6,\"changed\":0,\"unchanged\":1,\"alreadyApplied\":5,"
                + "\"applications\":[]}", second.body());
        assertEquals(List.of("sent", "received", "incomplete"), history(a));
        assertEquals(List.of("sent", "received", "under_review", "approved"), history(b));
        assertEquals(List.of("proof_of_income", "photo_id"),
                applications().require("example-health", a).missing());
    }

    @Test
    void aFileWithAnyProblemIsRefusedWholeListingEveryProblem() {
        String c = AssistanceFixture.open(parley, "EH100611");
        String d = AssistanceFixture.open(parley, "EH100612");
        String csv = "application_id,status,missing_documents,reason,discount_percent\n"
                + c + ",received,,,\n"
                + c + ",approved,,,\n"
                + d + ",approved,,,75\n"
                + "FA-9999,received,,,\n"
                + d + ",lost,,,\n"
                + c + ",denied,,too_poor,\n"
                + d + ",received,tax_return,,\n"
                + c + ",withdrawn,,,abc\n";

        HttpResponse<String> response = send(csv);

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_status_file\",\"message\":\"7 rows of the status "
                + "file are bad (7 problems, each listed with its line and column); nothing was "
                + "applied. Correct them and import the whole file again.\",\"detail\":{"
                + "\"problems\":["
                + "{\"line\":3,\"column\":\"discount_percent\",\"value\":\"\",\"expected\":\"the "
                + "discount granted, a percentage above 0 and at most 100\"},"
                + "{\"line\":4,\"column\":\"status\",\"value\":\"approved\",\"expected\":\"a move "
                + "allowed from sent: received, withdrawn\"},"
                + "{\"line\":5,\"column\":\"application_id\",\"value\":\"FA-9999\",\"expected\":"
                + "\"an application of client example-health, such as FA-1001\"},"
                + "{\"line\":6,\"column\":\"status\",\"value\":\"lost\",\"expected\":\"one of "
                + "requested, sent, received, incomplete, under_review, approved, denied, "
                + "withdrawn\"},"
                + "{\"line\":7,\"column\":\"reason\",\"value\":\"too_poor\",\"expected\":\"one of "
                + "[documents_not_received, income_above_limit, other, other_coverage]\"},"
                + "{\"line\":8,\"column\":\"missing_documents\",\"value\":\"tax_return\","
                + "\"expected\":\"given for received; missing documents go with incomplete "
                + "only\"},"
                + "{\"line\":9,\"column\":\"discount_percent\",\"value\":\"abc\",\"expected\":\"a "
                + "percentage such as 75 or 12.5\"}]}}", response.body());
        assertEquals(List.of("sent"), history(c));
        assertEquals(List.of("sent"), history(d));
    }

    @Test
    void aHeaderWithoutTheRequiredColumnsIsRefusedNamingThem() {
        HttpResponse<String> response = send("application,state\nFA-1001,received\n");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_status_file\",\"message\":\"The status file's header "
                + "row is wrong (4 problems, each listed with its column); nothing was applied. "
                + "Name the columns application_id, status and, as the changes need them, "
                + "missing_documents, reason, discount_percent, and send the file again.\","
                + "\"detail\":{\"problems\":[{\"line\":1,\"column\":\"application\","
                + "\"value\":\"application\",\"expected\":\"a known column: application_id, "
                + "status, missing_documents, reason, discount_percent\"},{\"line\":1,\"column\":"
                + "\"state\",\"value\":\"state\",\"expected\":\"a known column: application_id, "
                + "status, missing_documents, reason, discount_percent\"},{\"line\":1,\"column\":"
                + "\"application_id\",\"value\":\"\",\"expected\":\"a column named "
                + "application_id\"},{\"line\":1,\"column\":\"status\",\"value\":\"\",\"expected\":"
                + "\"a column named status\"}]}}", response.body());
    }

    @Test
    void anEmptyBodyIsRefused() {
        HttpResponse<String> response = send("");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"empty_status_file\",\"message\":\"The request body is empty; "
                + "send the status file as the body with 'Content-Type: text/csv'\"}",
                response.body());
    }
}
