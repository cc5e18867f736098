package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The client's report, checked against applications this test makes at known times: one opened
 * in November, three in December (approved after 24 hours sent and 48 received, denied after
 * 48 sent and 24 received, and one still sent).
 */
class AssistanceReportTest {

    static final TestClock CLOCK = new TestClock(Instant.parse("2026-11-20T15:00:00Z"));

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of(), CLOCK);
        Assistance assistance = parley.parley().services().assistance();
        AssistanceFixture.open(parley, "EH100845");
        CLOCK.advance(Duration.ofDays(14));
        String a = AssistanceFixture.open(parley, "EH100234");
        CLOCK.advance(Duration.ofHours(24));
        assistance.move("example-health", a, update("received", null, null));
        String b = AssistanceFixture.open(parley, "EH100587");
        CLOCK.advance(Duration.ofHours(48));
        assistance.move("example-health", a, update("approved", null, "75"));
        assistance.move("example-health", b, update("received", null, null));
        CLOCK.advance(Duration.ofHours(24));
        assistance.move("example-health", b, update("denied", "income_above_limit", null));
        AssistanceFixture.open(parley, "EH100611");
    }

    @AfterAll
    static void stop() {
        parley.close();
    }


    static StatusUpdate update(String status, String reason, String percent) {
        return new StatusUpdate(ApplicationStatus.of(status).orElseThrow(), List.of(),
                Optional.ofNullable(reason), Optional.ofNullable(percent).map(BigDecimal::new));
    }

    @Test
    void theReportOfARangeCountsTheApplicationsOpenedInIt() {
        HttpResponse<String> response = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance?from=2026-12-01&to=2026-12-31", null, null);

        assertEquals(200, response.statusCode());
        assertEquals("{\"clientId\":\"example-health\",\"from\":\"2026-12-01\",\"to\":"
                + "\"2026-12-31\",\"applications\":3,\"byState\":{\"requested\":0,\"sent\":1,"
                + "\"received\":0,\"incomplete\":0,\"under_review\":0,\"approved\":1,\"denied\":1,"
                + "\"withdrawn\":0},\"byProgram\":[{\"programId\":\"care-assistance\",\"name\":"
                + "\"Example Health Care Assistance\",\"applications\":3,\"approved\":1,"
                + "\"denied\":1,\"discountGranted\":925.88}],\"timeInState\":{"
                + "\"requested\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":0.00,"
                + "\"currentlyIn\":0},"
                + "\"sent\":{\"finishedStays\":2,\"totalHours\":72.00,\"averageHours\":36.00,"
                + "\"currentlyIn\":1},"
                + "\"received\":{\"finishedStays\":2,\"totalHours\":72.00,\"averageHours\":36.00,"
                + "\"currentlyIn\":0},"
                + "\"incomplete\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":0.00,"
                + "\"currentlyIn\":0},"
                + "\"under_review\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":"
                + "0.00,\"currentlyIn\":0},"
                + "\"approved\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":0.00,"
                + "\"currentlyIn\":1},"
                + "\"denied\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":0.00,"
                + "\"currentlyIn\":1},"
                + "\"withdrawn\":{\"finishedStays\":0,\"totalHours\":0.00,\"averageHours\":0.00,"
                + "\"currentlyIn\":0}},"
                + "\"decisions\":{\"approved\":1,\"denied\":1,\"withdrawn\":0,"
                + "\"discountGranted\":925.88}}", response.body());
    }

    @Test
    void theReportExportsAsCsvInLongForm() {
        HttpResponse<String> response = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance?format=csv", null, null);

        assertEquals(200, response.statusCode());
        assertEquals("text/csv; charset=UTF-8", response.headers().firstValue("Content-Type")
                .orElseThrow());
        assertEquals("""
                section,name,measure,value
                summary,all,applications,4
                state,requested,applications,0
                state,sent,applications,2
                state,received,applications,0
                state,incomplete,applications,0
                state,under_review,applications,0
                state,approved,applications,1
                state,denied,applications,1
                state,withdrawn,applications,0
                program,care-assistance,applications,4
                program,care-assistance,approved,1
                program,care-assistance,denied,1
                program,care-assistance,discount_granted,925.88
                time_in_state,requested,finished_stays,0
                time_in_state,requested,total_hours,0.00
                time_in_state,requested,average_hours,0.00
                time_in_state,requested,currently_in,0
                time_in_state,sent,finished_stays,2
                time_in_state,sent,total_hours,72.00
                time_in_state,sent,average_hours,36.00
                time_in_state,sent,currently_in,2
                time_in_state,received,finished_stays,2
                time_in_state,received,total_hours,72.00
                time_in_state,received,average_hours,36.00
                time_in_state,received,currently_in,0
                time_in_state,incomplete,finished_stays,0
                time_in_state,incomplete,total_hours,0.00
                time_in_state,incomplete,average_hours,0.00
                time_in_state,incomplete,currently_in,0
                time_in_state,under_review,finished_stays,0
                time_in_state,under_review,total_hours,0.00
                time_in_state,under_review,average_hours,0.00
                time_in_state,under_review,currently_in,0
                time_in_state,approved,finished_stays,0
                time_in_state,approved,total_hours,0.00
                time_in_state,approved,average_hours,0.00
                time_in_state,approved,currently_in,1
                time_in_state,denied,finished_stays,0
                time_in_state,denied,total_hours,0.00
                time_in_state,denied,average_hours,0.00
                time_in_state,denied,currently_in,1
                time_in_state,withdrawn,finished_stays,0
                time_in_state,withdrawn,total_hours,0.00
                time_in_state,withdrawn,average_hours,0.00
                time_in_state,withdrawn,currently_in,0
                decisions,all,approved,1
                decisions,all,denied,1
                decisions,all,withdrawn,0
                decisions,all,discount_granted,925.88
                """, response.body());
    }

    @Test
    void aRangeOfDaysInTheWrongOrderOrABadFormatIs400() {
        HttpResponse<String> order = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance?from=2026-12-31&to=2026-12-01", null, null);
        HttpResponse<String> date = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance?from=12/01/2026", null, null);
        HttpResponse<String> format = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance?format=xlsx", null, null);

        assertEquals(List.of(400, 400, 400), List.of(order.statusCode(), date.statusCode(),
                format.statusCode()));
        assertEquals("{\"error\":\"invalid_parameter\",\"message\":\"from 2026-12-31 is after to "
                + "2026-12-01; give the first day of the range first\"}", order.body());
        assertEquals("{\"error\":\"invalid_parameter\",\"message\":\"from '12/01/2026' is not a "
                + "date such as 2026-12-01\"}", date.body());
        assertEquals("{\"error\":\"invalid_parameter\",\"message\":\"format 'xlsx' is not json "
                + "or csv\"}", format.body());
    }
}
