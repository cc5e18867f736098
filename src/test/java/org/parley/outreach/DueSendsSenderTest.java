package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the sender writes to its due lanes: a send it holds back is read from them at the
 * instant it is held to and not before, and a send whose worker failed is read when its lease
 * runs out, each without a sweep over every send.
 */
class DueSendsSenderTest extends OutreachSmsCase {

    /** 9:30 p.m. in Atlanta: outside contact hours. */
    @Override
    Instant start() {
        return Instant.parse("2026-12-05T02:30:00Z");
    }

    @Test
    void aSendHeldForContactHoursIsReadFromItsLaneAtTheFirstAllowedMinute() {
        fx.outbox().schedule(OutreachSmsTest.alert("night", "EH100234"));
        fx.send();
        Document held = fx.send("night");
        Instant until = held.getDate("dueAt").toInstant();

        clock.set(until.minusMillis(1));
        List<String> justBefore = keys(fx.outbox().due().lanes(500, Set.of()));
        clock.set(until);
        List<String> atIt = keys(fx.outbox().due().lanes(500, Set.of()));

        assertEquals("scheduled quiet_hours:zip", held.getString("status") + " "
                + held.getList("holds", Document.class).get(0).getString("reason"));
        assertEquals(List.of(), justBefore);
        assertEquals(List.of("night"), atIt);
    }

    @Test
    void aSendWhoseWorkerFailedIsReadFromItsLaneWhenItsLeaseRunsOut() {
        clock.set(START);
        fx.outbox().schedule(OutreachSmsTest.alert("failed", "EH100587"));
        fx.worker().onStep(step -> {
            if (step.equals("recorded")) {
                throw new IllegalStateException("the worker failed");
            }
        }).run();
        Instant leaseUntil = fx.send("failed").getDate("leaseUntil").toInstant();

        clock.set(leaseUntil.minusMillis(1));
        List<String> justBefore = keys(fx.outbox().due().lanes(500, Set.of()));
        clock.set(leaseUntil);
        List<String> atIt = keys(fx.outbox().due().lanes(500, Set.of()));

        assertEquals(List.of(), justBefore);
        assertEquals(List.of("failed"), atIt);
    }

    private static List<String> keys(List<Document> sends) {
        return sends.stream().map(d -> d.getString("_id")).toList();
    }
}
