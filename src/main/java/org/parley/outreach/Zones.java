package org.parley.outreach;

import org.parley.compliance.QuietHours;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a patient is, as the time zones their contact hours must hold in: from the 3-digit
 * prefix of their ZIP code to the state and the zones it spans (every one of them, for a state
 * cut by a zone line), else from their phone's area code as a weaker guess, else every
 * continental US zone. Read from {@code outreach/us-zones.txt}.
 */
final class Zones {

    private static final String RESOURCE = "/outreach/us-zones.txt";

    /** Where the zones came from, recorded with a quiet-hours hold. */
    enum Source { ZIP, AREA_CODE, UNKNOWN }

    /** The zones a patient's contact hours must hold in, and how they were found. */
    record Found(List<ZoneId> zones, Source source) {

        /** The hold reason for contact hours, naming where the zone came from. */
        String quietHours() {
            return "quiet_hours:" + source.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<String, String> stateByZip3;
    private final Map<String, String> stateByAreaCode;
    private final Map<String, List<ZoneId>> zonesByState;

    private Zones(Map<String, String> stateByZip3, Map<String, String> stateByAreaCode,
                  Map<String, List<ZoneId>> zonesByState) {
        this.stateByZip3 = Map.copyOf(stateByZip3);
        this.stateByAreaCode = Map.copyOf(stateByAreaCode);
        this.zonesByState = Map.copyOf(zonesByState);
    }

    /** The table shipped with Parley. */
    static Zones load() {
        try (InputStream in = Zones.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path; "
                        + "rebuild Parley");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }

    static Zones parse(List<String> lines) {
        Map<String, String> zips = new HashMap<>();
        Map<String, String> areas = new HashMap<>();
        Map<String, List<ZoneId>> states = new HashMap<>();
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            switch (f[0]) {
                case "zip" -> {
                    String[] range = f[1].split("-");
                    for (int p = Integer.parseInt(range[0]); p <= Integer.parseInt(range[1]); p++) {
                        zips.put(String.format("%03d", p), f[2]);
                    }
                }
                case "state" -> states.put(f[1], Arrays.stream(f, 2, f.length)
                        .map(ZoneId::of).toList());
                case "area" -> Arrays.stream(f, 2, f.length).forEach(code -> areas.put(code, f[1]));
                default -> throw new IllegalArgumentException("Unknown line in " + RESOURCE
                        + ": " + line + "; lines start with zip, state or area");
            }
        }
        return new Zones(zips, areas, states);
    }

    /**
     * The zones of a patient with {@code zip} and {@code phone} (E.164): the ZIP's state when
     * the table knows it, else the area code's, else every continental US zone.
     */
    Found find(String zip, Optional<String> phone) {
        Optional<List<ZoneId>> byZip = Optional.ofNullable(zip).map(String::strip)
                .filter(z -> z.length() >= 3 && z.substring(0, 3).chars()
                        .allMatch(Character::isDigit))
                .map(z -> stateByZip3.get(z.substring(0, 3)))
                .map(zonesByState::get);
        if (byZip.isPresent()) {
            return new Found(byZip.get(), Source.ZIP);
        }
        Optional<List<ZoneId>> byPhone = phone.filter(p -> p.startsWith("+1") && p.length() == 12)
                .map(p -> stateByAreaCode.get(p.substring(2, 5)))
                .map(zonesByState::get);
        return byPhone.map(z -> new Found(z, Source.AREA_CODE))
                .orElseGet(() -> new Found(QuietHours.CONTINENTAL_US, Source.UNKNOWN));
    }
}
