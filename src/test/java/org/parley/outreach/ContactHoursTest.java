package org.parley.outreach;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.compliance.QuietHours;

import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When an outreach message to a patient may go at the earliest, from their ZIP code (or their
 * phone's area code when the ZIP is unknown), across the US zones, daylight-saving change days
 * and an unknown place: 8 a.m. to 9 p.m. in every zone the patient may be in.
 */
class ContactHoursTest {

    private final Zones zones = Zones.load();
    private final ContactWindow window = new ContactWindow(QuietHours.standard());

    @ParameterizedTest(name = "{0} at {2}: {3} from {1}")
    @CsvSource({
            // zip, phone, asked at, first allowed, where the zone came from
            "10001, '', 2026-12-04T12:00:00Z, 2026-12-04T13:00:00Z, ZIP",       // New York 7 a.m.
            "60601, '', 2026-12-04T12:00:00Z, 2026-12-04T14:00:00Z, ZIP",       // Chicago 6 a.m.
            "80202, '', 2026-12-04T12:00:00Z, 2026-12-04T15:00:00Z, ZIP",       // Denver 5 a.m.
            "85004, '', 2026-12-04T12:00:00Z, 2026-12-04T15:00:00Z, ZIP",       // Phoenix 5 a.m.
            "85004, '', 2026-07-01T12:00:00Z, 2026-07-01T15:00:00Z, ZIP",       // no DST in AZ
            "80202, '', 2026-07-01T12:00:00Z, 2026-07-01T14:00:00Z, ZIP",       // Denver in DST
            "90012, '', 2026-12-04T12:00:00Z, 2026-12-04T16:00:00Z, ZIP",       // Los Angeles
            "99501, '', 2026-12-04T12:00:00Z, 2026-12-04T17:00:00Z, ZIP",       // Anchorage
            "96813, '', 2026-12-04T12:00:00Z, 2026-12-04T18:00:00Z, ZIP",       // Honolulu
            "10001, '', 2026-12-04T20:00:00Z, 2026-12-04T20:00:00Z, ZIP",       // 3 p.m.: now
            "10001, '', 2026-12-05T02:00:00Z, 2026-12-05T13:00:00Z, ZIP",       // 9 p.m. sharp
            "10001, '', 2026-12-05T01:59:00Z, 2026-12-05T01:59:00Z, ZIP",       // 8:59 p.m.
            "10001, '', 2026-03-07T12:30:00Z, 2026-03-07T13:00:00Z, ZIP",       // EST, day before
            "10001, '', 2026-03-08T11:00:00Z, 2026-03-08T12:00:00Z, ZIP",       // EDT begins
            "10001, '', 2026-10-31T11:00:00Z, 2026-10-31T12:00:00Z, ZIP",       // EDT, day before
            "10001, '', 2026-11-01T11:00:00Z, 2026-11-01T13:00:00Z, ZIP",       // EST again
            "90012, '', 2026-03-08T14:00:00Z, 2026-03-08T15:00:00Z, ZIP",       // PDT begins
            "90012, '', 2026-11-01T15:30:00Z, 2026-11-01T16:00:00Z, ZIP",       // PST again
            "75201, '', 2026-12-04T13:00:00Z, 2026-12-04T15:00:00Z, ZIP",       // TX: CST and MST
            "32501, '', 2026-12-04T12:30:00Z, 2026-12-04T14:00:00Z, ZIP",       // FL: EST and CST
            "00000, +12125550100, 2026-12-04T12:00:00Z, 2026-12-04T13:00:00Z, AREA_CODE",
            "'', +19075550100, 2026-12-04T12:00:00Z, 2026-12-04T17:00:00Z, AREA_CODE",
            "00000, '', 2026-12-04T12:00:00Z, 2026-12-04T16:00:00Z, UNKNOWN",   // 8 a.m. in LA
            "00000, +15555550100, 2026-12-05T01:59:00Z, 2026-12-05T01:59:00Z, UNKNOWN",
            "00000, +12115550123, 2026-12-04T12:00:00Z, 2026-12-04T16:00:00Z, UNKNOWN", // not in use
            "00000, '', 2026-12-05T02:00:00Z, 2026-12-05T16:00:00Z, UNKNOWN",   // 9 p.m. in NY
    })
    void aMessageGoesAtTheFirstAllowedMinuteInEveryZoneThePatientMayBeIn(
            String zip, String phone, Instant at, Instant expected, Zones.Source source) {
        Zones.Found found = zones.find(zip, Optional.of(phone).filter(p -> !p.isEmpty()));

        Instant first = window.next(at, found.zones());

        assertEquals(expected, first);
        assertEquals(source, found.source());
    }

    @ParameterizedTest(name = "{0} at {1}: hours end at {2}")
    @CsvSource({
            // zip, asked at (within the hours), when they end in the zone that ends first
            "10001, 2026-12-04T20:00:00Z, 2026-12-05T02:00:00Z",   // New York 3 p.m.: 9 p.m.
            "10001, 2026-12-05T01:59:59Z, 2026-12-05T02:00:00Z",   // 8:59:59 p.m.
            "10001, 2026-07-01T13:00:00Z, 2026-07-02T01:00:00Z",   // EDT
            "90012, 2026-12-04T20:00:00Z, 2026-12-05T05:00:00Z",   // Los Angeles
            "96813, 2026-12-04T20:00:00Z, 2026-12-05T07:00:00Z",   // Honolulu
            "99501, 2026-12-04T20:00:00Z, 2026-12-05T06:00:00Z",   // Anchorage
            "32501, 2026-12-04T20:00:00Z, 2026-12-05T02:00:00Z",   // FL: Eastern ends first
            "00000, 2026-12-04T20:00:00Z, 2026-12-05T02:00:00Z",   // unknown: New York's end
            "10001, 2026-03-08T20:00:00Z, 2026-03-09T01:00:00Z",   // EDT begins that day
    })
    void theHoursEndAtNinePmInTheFirstZoneToReachIt(String zip, Instant at, Instant expected) {
        Zones.Found found = zones.find(zip, Optional.empty());

        assertEquals(expected, window.closes(at, found.zones()));
    }
}
