package org.parley.handoff;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A client's hours in its own zone: open or not, and when people answer next. */
class BusinessHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final BusinessHours WEEKDAYS = new BusinessHours(Map.of(
            DayOfWeek.MONDAY, List.of(window("08:00", "12:00"), window("13:00", "18:00")),
            DayOfWeek.FRIDAY, List.of(window("08:00", "18:00"))));

    @Test
    void hoursAreReadInTheClientsZoneWithTheirEndLeftOut() {
        assertTrue(WEEKDAYS.open(Instant.parse("2026-12-04T13:00:00Z"), NEW_YORK));
        assertFalse(WEEKDAYS.open(Instant.parse("2026-12-04T23:00:00Z"), NEW_YORK));
        assertFalse(WEEKDAYS.open(Instant.parse("2026-12-07T17:30:00Z"), NEW_YORK),
                "12:30 on Monday is the lunch break");
    }

    @Test
    void afterFridayEveningTheNextOpeningIsMondayMorning() {
        assertEquals("2026-12-07T08:00-05:00[America/New_York]", WEEKDAYS.nextOpening(
                Instant.parse("2026-12-05T01:00:00Z"), NEW_YORK).orElseThrow().toString());
    }

    @Test
    void duringTheLunchBreakTheNextOpeningIsTheAfternoon() {
        assertEquals("2026-12-07T13:00-05:00[America/New_York]", WEEKDAYS.nextOpening(
                Instant.parse("2026-12-07T17:30:00Z"), NEW_YORK).orElseThrow().toString());
    }

    @Test
    void aClientWithNoHoursAtAllHasNoNextOpening() {
        assertEquals(Optional.empty(), new BusinessHours(Map.of())
                .nextOpening(Instant.parse("2026-12-07T17:30:00Z"), NEW_YORK));
        assertTrue(BusinessHours.ALWAYS.open(Instant.parse("2026-12-07T04:30:00Z"), NEW_YORK));
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() {
        assertEquals("A window must end after it starts, such as 08:00-18:00; got 18:00-08:00",
                assertThrows(IllegalArgumentException.class,
                        () -> window("18:00", "08:00")).getMessage());
    }

    private static BusinessHours.Window window(String start, String end) {
        return new BusinessHours.Window(LocalTime.parse(start), LocalTime.parse(end));
    }
}
