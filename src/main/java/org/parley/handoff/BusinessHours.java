package org.parley.handoff;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a client's people answer conversations: time windows per weekday, in the client's zone.
 * A day with no window is closed; {@link #ALWAYS} is open at every hour.
 */
public record BusinessHours(Map<DayOfWeek, List<Window>> days) {

    /** Open at every hour of every day: the rule for a client that set no hours. */
    public static final BusinessHours ALWAYS = always();

    /** How far ahead the next opening is looked for: a week and a day covers any schedule. */
    private static final int LOOK_AHEAD_DAYS = 8;

    /** From {@code start} (inclusive) to {@code end} (exclusive); {@code end} 00:00 is midnight. */
    public record Window(LocalTime start, LocalTime end) {

        public Window {
            if (!end.equals(LocalTime.MIDNIGHT) && !end.isAfter(start)) {
                throw new IllegalArgumentException("A window must end after it starts, such as "
                        + "08:00-18:00; got " + start + "-" + end);
            }
        }

        boolean contains(LocalTime time) {
            return !time.isBefore(start) && (end.equals(LocalTime.MIDNIGHT) || time.isBefore(end));
        }

        /** {@code 08:00-18:00}. */
        @Override
        public String toString() {
            return start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
        }
    }

    public BusinessHours {
        Map<DayOfWeek, List<Window>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, windows) -> copy.put(day, List.copyOf(windows)));
        days = Map.copyOf(copy);
    }

    /** True when someone answers at {@code at} in {@code zone}. */
    public boolean open(Instant at, ZoneId zone) {
        ZonedDateTime local = at.atZone(zone);
        return days.getOrDefault(local.getDayOfWeek(), List.of()).stream()
                .anyMatch(w -> w.contains(local.toLocalTime()));
    }

    /**
     * The next time people answer after {@code at}, in {@code zone}; {@code at} itself when open
     * then, empty when no day has hours.
     */
    public Optional<ZonedDateTime> nextOpening(Instant at, ZoneId zone) {
        if (open(at, zone)) {
            return Optional.of(at.atZone(zone));
        }
        ZonedDateTime now = at.atZone(zone);
        LocalDate date = now.toLocalDate();
        for (int i = 0; i <= LOOK_AHEAD_DAYS; i++) {
            LocalDate day = date.plusDays(i);
            Optional<ZonedDateTime> opening = days.getOrDefault(day.getDayOfWeek(), List.of())
                    .stream()
                    .map(w -> day.atTime(w.start()).atZone(zone))
                    .filter(t -> t.isAfter(now))
                    .min(ZonedDateTime::compareTo);
            if (opening.isPresent()) {
                return opening;
            }
        }
        return Optional.empty();
    }

    private static BusinessHours always() {
        Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek day : DayOfWeek.values()) {
            days.put(day, List.of(new Window(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessHours(days);
    }
}
