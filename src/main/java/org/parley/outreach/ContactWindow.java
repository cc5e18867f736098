package org.parley.outreach;

import org.parley.compliance.QuietHours;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The contact hours a message must fall in for a patient who may be in any of several zones:
 * within the hours in every one of them.
 */
final class ContactWindow {

    private static final long QUARTER_HOUR = 15 * 60;

    private final QuietHours hours;

    ContactWindow(QuietHours hours) {
        this.hours = hours;
    }

    boolean allows(Instant now, List<ZoneId> zones) {
        return zones.stream().allMatch(z -> hours.allows(now, Optional.of(z)));
    }

    /**
     * The first instant at or after {@code now} within the hours in every zone. Every US zone
     * is a whole number of hours from UTC, so contact hours open on a quarter hour.
     */
    Instant next(Instant now, List<ZoneId> zones) {
        Instant t = now;
        for (int i = 0; i < 4 * 24 * 3 && !allows(t, zones); i++) {
            Instant truncated = t.truncatedTo(ChronoUnit.MINUTES);
            t = truncated.minusSeconds(truncated.getEpochSecond() % QUARTER_HOUR)
                    .plusSeconds(QUARTER_HOUR);
        }
        return t;
    }

    /**
     * The first instant after {@code now}, an instant within the hours, at which the hours end
     * in one of the zones: looked for a quarter hour at a time, then to the minute.
     */
    Instant closes(Instant now, List<ZoneId> zones) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        Instant quarter = minute.minusSeconds(minute.getEpochSecond() % QUARTER_HOUR);
        for (int i = 0; i < 4 * 24 && allows(quarter.plusSeconds(QUARTER_HOUR), zones); i++) {
            quarter = quarter.plusSeconds(QUARTER_HOUR);
        }
        Instant t = quarter.isAfter(now) ? quarter : minute;
        while (allows(t, zones) || !t.isAfter(now)) {
            t = t.plusSeconds(60);
        }
        return t;
    }
}
