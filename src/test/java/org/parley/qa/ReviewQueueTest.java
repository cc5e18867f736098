package org.parley.qa;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.BadInputException;
import org.parley.store.Store;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The weekly review queue: a seeded random share of each agent's and of the bot's
 * conversations, drawn once per week, plus everything flagged whenever it is filled.
 * ISO week 2026-W49 runs from Monday November 30 to Sunday December 6.
 */
class ReviewQueueTest {

    @TempDir
    Path data;
    Store store;
    QaSummaries summaries;
    final TestClock clock = new TestClock(TestParley.NOW);

    @BeforeEach
    void open() {
        store = Store.embedded(data, "parley");
        summaries = new QaSummaries(store.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** {@code count} conversations of {@code agent} ("" for the bot) on the week's days. */
    private List<String> conversations(String prefix, String agent, int count, boolean flagged) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + "-" + (i < 10 ? "0" : "") + i;
            Instant started = Instant.parse("2026-11-30T09:00:00Z").plus(Duration.ofHours(13L * i));
            summaries.save(new QaSummary(id, "example-health", "webchat", "en", started,
                    started.plusSeconds(60), 3, 6, List.of("main"), List.of(), !agent.isEmpty(),
                    agent.isEmpty() ? List.of() : List.of(agent), List.of(),
                    flagged ? List.of(new Flags.Flag(Flags.NO_OUTCOME, 6)) : List.of(), true,
                    Optional.empty(), false));
            ids.add(id);
        }
        return ids;
    }

    private ReviewQueue queue(long seed) {
        return new ReviewQueue(store.database(), summaries, new Random(seed), clock);
    }

    private static Map<String, List<String>> byReason(List<ReviewQueue.Entry> entries) {
        return entries.stream().collect(Collectors.groupingBy(ReviewQueue.Entry::reason,
                TreeMap::new, Collectors.mapping(e -> e.group() + " " + e.conversationId(),
                        Collectors.toList())));
    }

    @Test
    void eachAgentAndTheBotGiveTheirShareRoundedUpAndEveryFlaggedOneIsAdded() {
        conversations("a1", "agent-1", 10, false);
        conversations("a2", "agent-2", 4, false);
        conversations("bot", "", 11, false);
        conversations("flag", "agent-3", 3, true);

        List<ReviewQueue.Entry> filled = queue(7).fill("example-health", "2026-W49", 25);

        Map<String, List<String>> reasons = byReason(filled);
        assertEquals(List.of("agent-1 a1-00", "agent-1 a1-01", "agent-1 a1-09",
                "agent-2 a2-03", "agent-3 flag-01", "bot bot-04", "bot bot-10", "bot bot-07"),
                reasons.get(ReviewQueue.SAMPLED));
        assertEquals(List.of("agent-3 flag-00", "agent-3 flag-02"),
                reasons.get(ReviewQueue.FLAGGED));
    }

    @Test
    void theSameSeedDrawsTheSameSample() {
        conversations("a1", "agent-1", 10, false);

        List<ReviewQueue.Entry> first = queue(11).fill("example-health", "2026-W49", 30);
        store.database().getCollection("qa_queue").drop();
        List<ReviewQueue.Entry> again = queue(11).fill("example-health", "2026-W49", 30);

        assertEquals(first, again);
        assertEquals(3, first.size());
    }

    @Test
    void fillingAgainKeepsTheSampleAndAddsWhatWasFlaggedSince() {
        conversations("bot", "", 8, false);
        List<ReviewQueue.Entry> first = queue(3).fill("example-health", "2026-W49", 25);
        clock.advance(Duration.ofHours(1));
        conversations("late", "", 1, true);

        List<ReviewQueue.Entry> second = queue(99).fill("example-health", "2026-W49", 100);

        assertEquals(first, second.subList(0, first.size()));
        assertEquals(List.of("late-00 flagged " + clock.instant()),
                second.subList(first.size(), second.size()).stream()
                        .map(e -> e.conversationId() + " " + e.reason() + " " + e.addedAt())
                        .toList());
    }

    @Test
    void aWeekOutsideTheConversationsDatesIsEmptyAndAWrongWeekIsRefused() {
        conversations("bot", "", 3, true);

        assertEquals(List.of(), queue(1).fill("example-health", "2026-W50", 100));
        BadInputException refused = assertThrows(BadInputException.class,
                () -> queue(1).fill("example-health", "2026-12-04", 10));
        assertEquals("'week' must be an ISO week such as 2026-W49; got '2026-12-04'",
                refused.getMessage());
        BadInputException missing = assertThrows(BadInputException.class,
                () -> queue(1).fill("example-health", "2025-W53", 10));
        assertEquals("Week 2025-W53 does not exist; 2025 has 52 weeks", missing.getMessage());
    }
}
