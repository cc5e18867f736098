package org.parley.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.Parley;
import org.parley.PortUnavailableException;
import org.parley.config.ParleyConfig;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Operators run a background job now through {@code POST /api/jobs/{name}/run}, under its
 * lease; and a Parley whose port is taken refuses to start rather than run its jobs unreachable.
 */
class JobRoutesTest {

    @TempDir
    static Path data;
    @TempDir
    static Path other;
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
    void anOperatorRunsTheMissedPaymentsSweepNow() {
        var ran = parley.api("POST", "/api/jobs/missed-payments/run", "application/json", "");

        assertEquals(200, ran.statusCode(), ran.body());
        assertEquals("{\"job\":\"missed-payments\",\"outcome\":\"ran\",\"startedAt\":"
                        + "\"2026-12-04T15:00:00Z\",\"message\":\"The job ran once to the end\"}",
                ran.body().replaceAll(",\"tookMs\":\\d+", ""));
    }

    @Test
    void anUnknownJobIsAnsweredWithTheKnownOnes() {
        var unknown = parley.api("POST", "/api/jobs/sweep-everything/run", "application/json",
                "");

        assertEquals(404, unknown.statusCode());
        assertEquals("{\"error\":\"unknown_job\",\"message\":\"No job 'sweep-everything'; the "
                + "jobs are [missed-payments, assistance-notices, agent-heartbeats, outreach-send, "
                + "outreach-follow, qa-summaries, qa-queue, campaigns], as in POST "
                + "/api/jobs/missed-payments/run\"}", unknown.body());
    }

    @Test
    void runningAJobNeedsTheApiToken() {
        var anonymous = parley.send(java.net.http.HttpRequest.newBuilder(
                        parley.http("/api/jobs/missed-payments/run"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(401, anonymous.statusCode());
    }

    @Test
    void aSecondParleyOnAPortInUseFailsToStartWithAClearMessage() {
        ParleyConfig config = ParleyConfig.load(Map.of("PARLEY_HOST", "127.0.0.1"))
                .with(parley.parley().port(), other, Optional.of(TestParley.TOKEN));

        PortUnavailableException refused = assertThrows(PortUnavailableException.class,
                () -> Parley.start(config, Clock.systemUTC()).close());

        assertEquals("Parley could not listen on port " + parley.parley().port() + ": it is in "
                + "use, perhaps by another Parley; set PORT to a free port (or stop the other "
                + "program) and start again", refused.getMessage());
    }
}
