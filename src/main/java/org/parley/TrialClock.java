package org.parley;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * The clock Parley serves on: the system's, or for a trial one that starts at
 * {@code PARLEY_CLOCK_START} (an ISO instant such as {@code 2026-12-07T13:00:00Z}) and ticks from
 * there, so contact hours, day-N campaign steps, due dates and missed installments can be tried
 * at any date without waiting. Never set it where real patients are written to.
 */
final class TrialClock {

    static final String VARIABLE = "PARLEY_CLOCK_START";

    private TrialClock() {
    }

    /** The start asked for, if any; a value that is not an instant is refused with an example. */
    static Optional<Instant> start(Map<String, String> env) {
        String value = Optional.ofNullable(env.get(VARIABLE)).map(String::strip).orElse("");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(value));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(VARIABLE + " must be an instant in UTC such as "
                    + "2026-12-07T13:00:00Z; got '" + value + "'. Unset it to use the real time.");
        }
    }

    /** {@code system}, or a clock that reads {@code start} now and ticks with {@code system}. */
    static Clock of(Optional<Instant> start, Clock system) {
        return start.map(s -> Clock.offset(system, Duration.between(system.instant(), s)))
                .orElse(system);
    }
}
