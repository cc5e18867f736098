package org.parley.qa;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A summary's search row reads back as the summary, and field by field in place. */
class SummaryRowTest {

    private static final QaSummary SUMMARY = new QaSummary("c-1", "example-health", "sms", "es",
            Instant.parse("2026-12-04T15:00:00Z"), Instant.parse("2026-12-04T15:10:00Z"), 7, 12,
            List.of("main", "check-balance"), List.of("check_balance"), true,
            List.of("agent-1", "agent\u001e2"), List.of("paid"),
            List.of(new Flags.Flag(Flags.NO_OUTCOME, 12)), true, Optional.of(85), false);

    @Test
    void aRowReadsBackAsItsSummaryWithFlagCodesOnly() {
        QaSummary back = QaSummary.fromRow("c-1", "example-health", SUMMARY.row());

        assertEquals(new QaSummary("c-1", "example-health", "sms", "es",
                SUMMARY.startedAt(), SUMMARY.lastAt(), 7, 12, SUMMARY.flows(), SUMMARY.intents(),
                true, List.of("agent-1", "agent 2"), List.of("paid"),
                List.of(new Flags.Flag(Flags.NO_OUTCOME, 0)), true, Optional.of(85), false),
                back);
    }

    @Test
    void fieldsAndListItemsAreReadInPlace() {
        SummaryRow row = new SummaryRow("c-1", "example-health", SUMMARY.row());

        assertEquals(true, row.is(SummaryRow.CHANNEL, "sms"));
        assertEquals(false, row.is(SummaryRow.CHANNEL, "sm"));
        assertEquals(true, row.has(SummaryRow.FLOWS, "check-balance"));
        assertEquals(false, row.has(SummaryRow.FLOWS, "check"));
        assertEquals(true, row.has(SummaryRow.AGENTS, "agent 2"));
        assertEquals(2, row.count(SummaryRow.AGENTS));
        assertEquals(0, row.count(SummaryRow.INTENTS) - 1);
        assertEquals(85, row.number(SummaryRow.SCORE));
        assertEquals(SUMMARY.startedAt().toEpochMilli(), row.number(SummaryRow.STARTED_AT));
    }
}
