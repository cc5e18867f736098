package org.parley.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Collection messages go out from 8 a.m. until 9 p.m. where the patient is. */
class QuietHoursTest {

    private final QuietHours hours = QuietHours.standard();

    @ParameterizedTest(name = "{0} in {1}: {2}")
    @CsvSource({
            "2026-12-04T12:59:59Z, America/New_York, false",
            "2026-12-04T13:00:00Z, America/New_York, true",
            "2026-12-05T01:59:59Z, America/New_York, true",
            "2026-12-05T02:00:00Z, America/New_York, false",
            "2026-12-04T15:59:59Z, America/Los_Angeles, false",
            "2026-12-04T16:00:00Z, America/Los_Angeles, true",
            "2026-07-04T12:00:00Z, America/New_York, true",
            "2026-07-04T11:59:59Z, America/New_York, false",
    })
    void aKnownZoneIsAllowedFromEightUntilNineLocal(Instant now, String zone, boolean allowed) {
        assertEquals(allowed, hours.allows(now, Optional.of(ZoneId.of(zone))));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            // 8 a.m. in Los Angeles is 11 a.m. in New York; 9 p.m. in New York closes it.
            "2026-12-04T15:59:59Z, false",
            "2026-12-04T16:00:00Z, true",
            "2026-12-05T01:59:59Z, true",
            "2026-12-05T02:00:00Z, false",
    })
    void anUnknownZoneIsAllowedOnlyWhenEveryContinentalZoneIs(Instant now, boolean allowed) {
        assertEquals(allowed, hours.allows(now, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2026-12-05T03:10:00Z, 2026-12-05T16:00:00Z",
            "2026-12-04T16:00:00Z, 2026-12-04T16:00:00Z",
            "2026-12-04T15:59:00Z, 2026-12-04T16:00:00Z",
    })
    void theNextAllowedMomentForAnUnknownZoneIsEightInTheMorningInTheWest(Instant now,
                                                                          Instant next) {
        assertEquals(next, hours.next(now, Optional.empty()));
    }
}
