package org.parley.qa;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A conversation held in several languages is found by each of them, and its CSV labels each
 * message with the language it was in.
 */
class QaLanguagesTest {

    @TempDir
    static Path data;
    static TestParley parley;
    static final TestClock CLOCK = new TestClock(TestParley.NOW);
    static Seeds seeds;
    static Reviewer reviewer;
    static String id;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of("PARLEY_STAFF_DEMO_PASSWORD", Reviewer.PASSWORD),
                CLOCK);
        seeds = new Seeds(parley, CLOCK);
        id = seeds.chat("en", "what do I owe?", "Español", "中文");
        seeds.summarize();
        reviewer = Reviewer.demo(parley);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    private List<String> found(String query) {
        List<String> ids = new ArrayList<>();
        reviewer.getJson("/qa/api/conversations?" + query).get("conversations")
                .forEach(c -> ids.add(c.get("id").asText()));
        return ids;
    }

    @Test
    void aConversationIsFoundByEveryLanguageItWasHeldIn() {
        assertEquals(List.of(id), found("language=en"));
        assertEquals(List.of(id), found("language=es"));
        assertEquals(List.of(id), found("language=zh"));
        assertEquals(List.of(), found("language=vi"));
        assertEquals("[\"zh\",\"en\",\"es\"]", reviewer.getJson("/qa/api/conversations?"
                + "language=es").get("conversations").get(0).get("languages").toString());
    }

    @Test
    void eachCsvRowCarriesTheLanguageOfItsMessage() {
        String csv = reviewer.get("/qa/api/export.csv").body();

        List<String> rows = new ArrayList<>();
        for (String line : csv.split("\n")) {
            String[] cells = line.split(",");
            if (cells[0].equals(id)) {
                rows.add(cells[5] + " " + cells[7] + " " + cells[3]);
            }
        }
        assertEquals(List.of("1 bot en", "2 bot en", "3 patient en", "4 bot en",
                "5 patient es", "6 bot es", "7 bot es", "8 patient zh", "9 bot zh", "10 bot zh"),
                rows);
    }
}
