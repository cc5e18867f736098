package org.parley;

import org.junit.jupiter.api.Test;
import org.parley.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** PARLEY_CLOCK_START: a trial clock that starts at a chosen instant and ticks from there. */
class TrialClockTest {

    private final TestClock system = new TestClock(Instant.parse("2026-12-05T02:00:00Z"));

    @Test
    void withoutTheVariableTheSystemClockIsUsed() {
        assertSame(system, TrialClock.of(TrialClock.start(Map.of()), system));
        assertSame(system, TrialClock.of(TrialClock.start(Map.of(TrialClock.VARIABLE, " ")),
                system));
    }

    @Test
    void theTrialClockStartsAtTheInstantAndTicksWithTheSystem() {
        var clock = TrialClock.of(TrialClock.start(Map.of(TrialClock.VARIABLE,
                "2026-12-07T13:00:00Z")), system);

        assertEquals(Instant.parse("2026-12-07T13:00:00Z"), clock.instant());
        system.advance(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2026-12-07T14:30:00Z"), clock.instant());
    }

    @Test
    void aValueThatIsNotAnInstantIsRefusedWithAnExample() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrialClock.start(Map.of(TrialClock.VARIABLE, "2026-12-07 13:00")));
        assertEquals("PARLEY_CLOCK_START must be an instant in UTC such as "
                + "2026-12-07T13:00:00Z; got '2026-12-07 13:00'. Unset it to use the real time.",
                e.getMessage());
        assertEquals(Optional.of(Instant.parse("2026-12-07T13:00:00Z")),
                TrialClock.start(Map.of(TrialClock.VARIABLE, "2026-12-07T13:00:00Z")));
    }
}
