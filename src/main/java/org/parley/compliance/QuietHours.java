package org.parley.compliance;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * When a collection message may reach a patient: from 8 a.m. until 9 p.m. in their local time.
 * When their zone is unknown, only when it is within those hours in every continental US zone.
 */
public final class QuietHours {

    /** The continental US zones, east to west. */
    public static final List<ZoneId> CONTINENTAL_US = List.of(ZoneId.of("America/New_York"),
            ZoneId.of("America/Chicago"), ZoneId.of("America/Denver"),
            ZoneId.of("America/Phoenix"), ZoneId.of("America/Los_Angeles"));

    private final LocalTime from;
    private final LocalTime until;

    /** Contact allowed from {@code from} (inclusive) until {@code until} (exclusive). */
    public QuietHours(LocalTime from, LocalTime until) {
        if (!from.isBefore(until)) {
            throw new IllegalArgumentException("Contact hours must start before they end; got "
                    + from + " to " + until);
        }
        this.from = from;
        this.until = until;
    }

    /** 8 a.m. to 9 p.m. */
    public static QuietHours standard() {
        return new QuietHours(LocalTime.of(8, 0), LocalTime.of(21, 0));
    }

    /** Whether a message may be sent at {@code now} to a patient in {@code zone}. */
    public boolean allows(Instant now, Optional<ZoneId> zone) {
        return zone.map(z -> within(now, z))
                .orElseGet(() -> CONTINENTAL_US.stream().allMatch(z -> within(now, z)));
    }

    /** The first instant at or after {@code now} when {@link #allows} is true. */
    public Instant next(Instant now, Optional<ZoneId> zone) {
        Instant t = now;
        // Contact hours open within a day; step by quarter hours to the first allowed one.
        for (int i = 0; i < 4 * 24 * 2 && !allows(t, zone); i++) {
            t = t.plusSeconds(15 * 60).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
            t = t.minusSeconds(t.getEpochSecond() % (15 * 60));
        }
        return t;
    }

    private boolean within(Instant now, ZoneId zone) {
        LocalTime local = ZonedDateTime.ofInstant(now, zone).toLocalTime();
        return !local.isBefore(from) && local.isBefore(until);
    }
}
