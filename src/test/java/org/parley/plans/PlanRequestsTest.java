package org.parley.plans;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.store.Store;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Plan requests made before verification: kept as read, taken once, forgotten after an hour. */
class PlanRequestsTest {

    @TempDir
    Path data;
    private Store store;
    private PlanRequests requests;
    private final TestClock clock = new TestClock(TestParley.NOW);

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
        requests = new PlanRequests(store.database(), clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"amount:75.00:MONTHLY", "amount:40.00:", "term:12:BIWEEKLY", "day:15",
            "skip", "cancel", "bad:NEGATIVE", "listing:BIWEEKLY", "pick:2"})
    void aRequestIsKeptAsReadAndTakenOnce(String encoded) {
        requests.remember("c-1", Optional.of(PlanRequests.decode(encoded)));

        assertEquals(Optional.of(encoded), requests.take("c-1").map(PlanRequests::encode));
        assertEquals(Optional.empty(), requests.take("c-1"));
    }

    @Test
    void aRequestLeftLongerThanAnHourIsNotTaken() {
        requests.remember("c-1", Optional.of(new PlanRequest.Cancel()));
        requests.remember("c-2", Optional.of(new PlanRequest.SkipNext()));

        clock.advance(Duration.ofHours(1));
        assertEquals(Optional.of("skip"), requests.take("c-2").map(PlanRequests::encode));
        clock.advance(Duration.ofSeconds(1));

        assertEquals(Optional.empty(), requests.take("c-1"));
    }

    @Test
    void askingAgainWithNothingToRememberForgetsTheEarlierRequest() {
        requests.remember("c-1", Optional.of(new PlanRequest.Cancel()));

        requests.remember("c-1", Optional.empty());

        assertEquals(Optional.empty(), requests.take("c-1"));
    }
}
