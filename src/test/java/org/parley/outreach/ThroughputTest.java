package org.parley.outreach;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;
import org.parley.testing.AtOnce;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Twilio's throughput per sending number: texts that take their seconds side by side, as the
 * sending job's workers do, take the first free seconds, one each, none left unused.
 */
class ThroughputTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    /** Sending numbers taking their seconds at once, each a fresh counter per minute. */
    private static final int NUMBERS = 100;
    /** Minutes, one after the other: each is another chance at the race. */
    private static final int MINUTES = 10;

    /**
     * Regression: the embedded store answered an upsert with the very document it keeps, which
     * the next text's increment changed before the answer was sent, so both texts read a count
     * of 2, the second's first place went unused and a campaign's third text went a second
     * late (CampaignResultsAfterTest, under load).
     */
    @Test
    void threeTextsTakingTheirSecondsAtOnceTakeTheFirstThreeSecondsOneEach(@TempDir Path dir)
            throws Exception {
        try (Store store = Store.embedded(dir, "test")) {
            Throughput throughput = new Throughput(store.database());
            List<String> wrong = new ArrayList<>();

            for (int minute = 0; minute < MINUTES; minute++) {
                Instant start = NOW.plusSeconds(60L * minute);
                List<List<Instant>> taken = AtOnce.run(NUMBERS, 3,
                        n -> () -> throughput.reserve(number(n), 1, start));

                List<Instant> firstThree = List.of(start, start.plusSeconds(1),
                        start.plusSeconds(2));
                for (int n = 0; n < NUMBERS; n++) {
                    List<Instant> seconds = taken.get(n).stream().sorted().toList();
                    if (!seconds.equals(firstThree)) {
                        wrong.add(number(n) + " " + seconds);
                    }
                }
            }

            assertEquals(List.of(), wrong);
        }
    }

    private static String number(int n) {
        return "+1404555%04d".formatted(100 + n);
    }
}
