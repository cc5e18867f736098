package org.parley.outreach;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestClock;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sending job's look for due sends through {@link DueSends}: each send is read from its
 * lane exactly when it comes due (scheduled, held, paused and resumed, claimed by a worker that
 * failed), earliest first, and a due send whose entry was lost is still found by the sweep.
 */
class DueSendsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T15:00:00Z");

    private final TestClock clock = new TestClock(T0);
    private MongoServer server;
    private MongoClient client;
    private Outbox outbox;
    private DueSends due;

    @BeforeEach
    void open() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        client = MongoClients.create("mongodb://127.0.0.1:"
                + server.getLocalAddress().getPort());
        MongoDatabase db = client.getDatabase("parley");
        outbox = new Outbox(db, clock);
        due = outbox.due();
    }

    @AfterEach
    void close() {
        client.close();
        server.shutdownNow();
    }

    private static Send send(String key, Instant dueAt) {
        return new Send(key, "example-health", "EH" + key, Send.CAMPAIGN, "campaign", "cmp-1", 1,
                "campaign.reminder", Map.of(), List.of("sms"), dueAt, List.of(),
                Optional.empty());
    }

    private List<String> keys(List<Document> sends) {
        return sends.stream().map(d -> d.getString("_id")).toList();
    }

    @Test
    void sendsAreReadFromTheirLanesWhenDueEarliestFirstAndEachOnce() {
        outbox.schedule(send("later", T0.plusSeconds(90)));
        outbox.schedule(send("now-b", T0));
        outbox.schedule(send("now-a", T0.minusSeconds(30)));

        List<String> atT0 = keys(due.lanes(500, Set.of()));
        List<String> again = keys(due.lanes(500, Set.of()));
        clock.advance(Duration.ofSeconds(89));
        List<String> aSecondEarly = keys(due.lanes(500, Set.of()));
        clock.advance(Duration.ofSeconds(1));
        List<String> atItsSecond = keys(due.lanes(500, Set.of()));

        assertEquals(List.of("now-a", "now-b"), atT0);
        assertEquals(List.of(), again);
        assertEquals(List.of(), aSecondEarly);
        assertEquals(List.of("later"), atItsSecond);
    }

    @Test
    void aBatchTakesAtMostItsLimitAndTheNextBatchGoesOn() {
        for (int i = 0; i < 7; i++) {
            outbox.schedule(send("s" + i, T0.minusSeconds(10 - i)));
        }

        List<String> first = keys(due.lanes(3, Set.of()));
        List<String> second = keys(due.lanes(3, Set.of()));
        List<String> third = keys(due.lanes(3, Set.of()));

        assertEquals(List.of("s0", "s1", "s2"), first);
        assertEquals(List.of("s3", "s4", "s5"), second);
        assertEquals(List.of("s6"), third);
    }

    @Test
    void aDueSendWhoseEntryWasLostIsFoundByTheSweepWithinAMinute() {
        due.due(500, Set.of());
        outbox.schedule(send("lost", T0));
        clientDue().deleteMany(Filters.regex("_id", "^e\\|"));

        List<String> fromLanes = keys(due.due(500, Set.of()));
        clock.advance(DueSends.SWEEP_EVERY.minusSeconds(1));
        List<String> justBeforeTheSweep = keys(due.due(500, Set.of()));
        clock.advance(Duration.ofSeconds(1));
        List<String> swept = keys(due.due(500, Set.of()));

        assertEquals(List.of(), fromLanes);
        assertEquals(List.of(), justBeforeTheSweep);
        assertEquals(List.of("lost"), swept);
    }

    @Test
    void aSendHeldLaterIsDroppedFromItsOldLaneAndReadAtItsNewTime() {
        outbox.schedule(send("held", T0));
        Instant eight = T0.plus(Duration.ofHours(17));
        outbox.collection().updateOne(new Document("_id", "held"),
                Updates.set("dueAt", Date.from(eight)));
        due.enter("example-health", "held", eight);

        List<String> atT0 = keys(due.lanes(500, Set.of()));
        clock.set(eight.minusMillis(1));
        List<String> justBefore = keys(due.lanes(500, Set.of()));
        clock.set(eight);
        List<String> atEight = keys(due.lanes(500, Set.of()));

        assertEquals(List.of(), atT0);
        assertEquals(List.of(), justBefore);
        assertEquals(List.of("held"), atEight);
    }

    @Test
    void aPausedSendIsNotReadUntilItsCampaignResumesThenAtOnce() {
        outbox.schedule(send("paused", T0.plusSeconds(60)));
        outbox.collection().updateOne(new Document("_id", "paused"), Updates.combine(
                Updates.set("dueAt", Date.from(CampaignGate.PAUSED_UNTIL)),
                Updates.set("pausedAt", Date.from(T0))));
        due.enter("example-health", "paused", CampaignGate.PAUSED_UNTIL);

        clock.advance(Duration.ofDays(2));
        List<String> whilePaused = keys(due.lanes(500, Set.of()));
        Instant resumed = clock.instant();
        outbox.collection().updateOne(new Document("_id", "paused"), Updates.combine(
                Updates.set("dueAt", Date.from(resumed)), Updates.unset("pausedAt")));
        outbox.cameDue(Filters.eq("campaignId", "cmp-1"), resumed);
        List<String> onResume = keys(due.lanes(500, Set.of()));

        assertEquals(List.of(), whilePaused);
        assertEquals(List.of("paused"), onResume);
    }

    @Test
    void aClientLeftOutIsNotReadAndItsSendsWaitInTheirLanes() {
        outbox.schedule(send("a", T0));

        List<String> leftOut = keys(due.lanes(500, Set.of("example-health")));
        List<String> then = keys(due.lanes(500, Set.of()));

        assertEquals(List.of(), leftOut);
        assertEquals(List.of("a"), then);
    }

    @Test
    void aSecondWriterOnALaneAlreadyReadTakesTheNextSlotAndIsRead() {
        Outbox other = new Outbox(client.getDatabase("parley"), clock);
        outbox.schedule(send("first", T0));
        List<String> firstRead = keys(due.lanes(500, Set.of()));

        other.schedule(send("second", T0));
        List<String> secondRead = keys(due.lanes(500, Set.of()));

        assertEquals(List.of("first"), firstRead);
        assertEquals(List.of("second"), secondRead);
    }

    @Test
    void aLaneReadToItsEndIsDroppedWhenNoWriterWritesItAnyMore() {
        outbox.schedule(send("a", T0));
        outbox.schedule(send("b", T0));
        due.lanes(500, Set.of());
        long whileOpen = clientDue().countDocuments(Filters.regex("_id", "^[eh]\\|"));

        clock.advance(Duration.ofSeconds(DueSends.GRACE + 1));
        List<String> later = keys(due.lanes(500, Set.of()));
        long afterwards = clientDue().countDocuments(Filters.regex("_id", "^[eh]\\|"));

        assertEquals(3, whileOpen);
        assertEquals(List.of(), later);
        assertEquals(0, afterwards);
    }

    private com.mongodb.client.MongoCollection<Document> clientDue() {
        return client.getDatabase("parley").getCollection(DueSends.COLLECTION);
    }
}
