package org.parley.assistance;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The regions the poverty guidelines distinguish: the 48 contiguous states with the District of
 * Columbia, Alaska, and Hawaii.
 */
public enum Region {
    CONTIGUOUS, ALASKA, HAWAII;

    /** The name used in settings and data files, such as {@code alaska}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The region named by {@code code}, whatever its case. */
    public static Optional<Region> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equalsIgnoreCase(code.strip()))
                .findFirst();
    }

    /**
     * Where a US ZIP code lies: 995 to 999 are Alaska, 967 and 968 Hawaii, everything else is
     * counted with the contiguous states.
     */
    public static Region ofZip(String zip) {
        String digits = zip == null ? "" : zip.strip();
        if (digits.length() < 3 || !digits.substring(0, 3).chars().allMatch(Character::isDigit)) {
            return CONTIGUOUS;
        }
        int prefix = Integer.parseInt(digits.substring(0, 3));
        if (prefix >= 995) {
            return ALASKA;
        }
        return prefix == 967 || prefix == 968 ? HAWAII : CONTIGUOUS;
    }

    /**
     * The patient's time zone when the region alone tells it; empty for the contiguous states,
     * which span several zones.
     */
    public Optional<ZoneId> zone() {
        return switch (this) {
            case ALASKA -> Optional.of(ZoneId.of("America/Anchorage"));
            case HAWAII -> Optional.of(ZoneId.of("Pacific/Honolulu"));
            case CONTIGUOUS -> Optional.empty();
        };
    }
}
