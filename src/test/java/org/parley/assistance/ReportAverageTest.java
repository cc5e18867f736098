package org.parley.assistance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report's average time in a state comes from the exact stays, rounded once: two stays of
 * 9 seconds are 0.01 hours together (0.005 rounded up) but 0.00 hours each on average, not
 * the 0.01 that halving the rounded total gives.
 */
class ReportAverageTest {

    static final TestClock CLOCK = new TestClock(Instant.parse("2026-12-04T15:00:00Z"));

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of(), CLOCK);
        Assistance assistance = parley.parley().services().assistance();
        String a = AssistanceFixture.open(parley, "EH100234");
        String b = AssistanceFixture.open(parley, "EH100587");
        CLOCK.advance(Duration.ofSeconds(9));
        assistance.move("example-health", a, AssistanceReportTest.update("received", null, null));
        assistance.move("example-health", b, AssistanceReportTest.update("received", null, null));
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void theAverageTimeInAStateIsRoundedOnceFromTheExactStays() {
        HttpResponse<String> response = parley.api("GET", "/api/clients/example-health/reports/"
                + "assistance", null, null);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"sent\":{\"finishedStays\":2,\"totalHours\":"
                + "0.01,\"averageHours\":0.00,\"currentlyIn\":0}"), response.body());
    }
}
