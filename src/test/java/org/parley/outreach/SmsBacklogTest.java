package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;
import org.parley.testing.TestClock;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SMS backlog counts queued texts past their time; a run that finds it over the limit goes
 * on once the SMS sender has brought it down, rather than giving up until the next run.
 */
class SmsBacklogTest {

    private static final Instant NOW = Instant.parse("2026-12-07T17:00:00Z");

    @Test
    void countsQueuedTextsPastTheirTimeAndEasesOnceTheyLeave(@TempDir Path dir) {
        try (Store store = Store.embedded(dir, "test")) {
            MongoDatabase db = store.database();
            MongoCollection<Document> outbox = db.getCollection("outbox");
            List<Document> texts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                texts.add(text(i, "queued", NOW.minusSeconds(i)));
            }
            texts.add(text(5, "queued", NOW.plusSeconds(1)));
            texts.add(text(6, "sending", NOW.minusSeconds(1)));
            outbox.insertMany(texts);
            SmsBacklog backlog = SmsBacklog.of(db);

            assertEquals(5, backlog.overdue(NOW));
            // The SMS sender hands two over.
            outbox.deleteOne(new Document("_id", "t0"));
            outbox.deleteOne(new Document("_id", "t1"));

            assertTrue(backlog.eases(3, new TestClock(NOW)));
            assertEquals(3, backlog.overdue(NOW));
        }
    }

    private static Document text(int i, String status, Instant due) {
        return new Document("_id", "t" + i).append("channel", "sms").append("status", status)
                .append("nextAttemptAt", Date.from(due));
    }
}
