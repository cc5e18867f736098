package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Room in the SMS outbox is a few seconds of each sending number's texts, taken one text at a
 * time and counted afresh from the outbox as texts leave it, under the outbox's limit in all.
 */
class SmsRoomTest {

    private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");
    private static final String SLOW = "+15555550100";
    private static final String FAST = "+15555550101";

    @TempDir
    Path dir;
    private Store store;
    private MongoCollection<Document> outbox;
    private SmsRoom room;

    @BeforeEach
    void openTheOutbox() {
        store = Store.embedded(dir, "test");
        outbox = store.database().getCollection("outbox");
        room = new SmsRoom(SmsBacklog.of(store.database(), Duration.ZERO));
    }

    @AfterEach
    void closeTheStore() {
        store.close();
    }

    @Test
    void aNumberMayHaveThreeSecondsOfItsTextsWaitingAndNoFewerThanFive() {
        assertEquals(5, SmsRoom.limit(1));
        assertEquals(6, SmsRoom.limit(2));
        assertEquals(60, SmsRoom.limit(20));
        assertEquals(300, SmsRoom.limit(100));
    }

    @Test
    void aNumberWithItsRoomFullTakesNoMoreWhileAnotherNumberTakesItsOwn() {
        outbox.insertMany(texts(SLOW, 0, 58));

        List<Boolean> slow = takes(SLOW, 20, 3);
        List<Boolean> fast = takes(FAST, 100, 1);

        assertEquals(List.of(true, true, false), slow);
        assertEquals(List.of(true), fast);
    }

    @Test
    void roomFreesAsTheSmsSenderTakesTextsOutOfTheOutbox() {
        outbox.insertMany(texts(SLOW, 0, 60));
        assertTrue(room.tryTake(SLOW, 20).isEmpty());

        // Two handed to Twilio; a third claimed, being handed over.
        outbox.deleteMany(new Document("_id", new Document("$in", List.of("t0", "t1"))));
        outbox.updateOne(new Document("_id", "t2"),
                new Document("$set", new Document("status", "sending")));

        assertEquals(List.of(true, true, true, false), takes(SLOW, 20, 4));
    }

    @Test
    void roomGivenBackUnsaidFreesItsPlaceWhileASaidTextKeepsIt() {
        outbox.insertMany(texts(SLOW, 0, 3));

        // 3 queued, room for 5 at 1 a second: one said (and queued), one held.
        try (SmsRoom.Taken said = room.tryTake(SLOW, 1).orElseThrow()) {
            said.said();
            outbox.insertOne(texts(SLOW, 3, 1).get(0));
        }
        room.tryTake(SLOW, 1).orElseThrow().close();

        assertEquals(List.of(true, false), takes(SLOW, 1, 2));
    }

    @Test
    void theWholeOutboxHoldsNoMoreThanThreeHundredTextsWhateverTheirNumbers() {
        outbox.insertMany(texts(SLOW, 0, 50));
        outbox.insertMany(texts(FAST, 50, 248));
        // A reply in a conversation is not paced and names no number, but it waits too.
        outbox.insertOne(new Document("_id", "reply").append("channel", "sms")
                .append("status", "queued").append("nextAttemptAt", Date.from(NOW)));

        List<Boolean> fast = takes(FAST, 100, 2);
        List<Boolean> slow = takes(SLOW, 20, 1);

        assertEquals(List.of(true, false), fast);
        assertEquals(List.of(false), slow);
    }

    /** Takes room {@code times} times, keeping what it got: whether each take had room. */
    private List<Boolean> takes(String number, int perSecond, int times) {
        List<Boolean> got = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            got.add(room.tryTake(number, perSecond).isPresent());
        }
        return got;
    }

    /** {@code count} texts from {@code number} queued in the SMS outbox, ids from {@code from}. */
    private static List<Document> texts(String number, int from, int count) {
        List<Document> texts = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            texts.add(new Document("_id", "t" + i).append("channel", "sms")
                    .append("status", "queued").append("number", number)
                    .append("perSecond", 20).append("nextAttemptAt",
                            Date.from(NOW.plusMillis(50L * i))));
        }
        return texts;
    }
}
