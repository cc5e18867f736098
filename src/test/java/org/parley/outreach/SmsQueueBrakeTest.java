package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.store.Store;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sending job says no more while too many texts wait in the SMS outbox, late or paced for
 * later seconds alike: its workers read the whole queue on every take, so a sending job faster
 * than the hand-over must not let it grow (a benchmark saw 6,405 texts queued and the hand-over
 * slow down while none of them counted as late).
 */
class SmsQueueBrakeTest extends OutreachSmsCase {

    @Test
    void nothingIsSaidWhileThreeHundredTextsWaitInTheSmsOutboxThoughNoneIsLate() {
        fx.settings("{\"throughput\": {\"perSecond\": 100}}");
        fx.outbox().schedule(OutreachSmsTest.alert("queue-brake", "EH100234"));

        int held = fx.worker().backlog(queued(SmsBacklog.QUEUED_MAX)).run();
        int underTheLimit = fx.worker().backlog(queued(SmsBacklog.QUEUED_MAX - 1)).run();

        assertEquals(0, held);
        assertEquals(1, underTheLimit);
        assertEquals("sent", fx.send("queue-brake").getString("status"));
    }

    @Test
    void theSmsOutboxCountsEveryQueuedTextLateOrPacedForLater() {
        Instant now = Instant.parse("2026-12-07T17:00:00Z");
        try (Store store = Store.embedded(data.resolve("queue"), "test")) {
            MongoCollection<Document> outbox = store.database().getCollection("outbox");
            outbox.insertMany(List.of(text("late", "queued", now.minusSeconds(2)),
                    text("now", "queued", now), text("paced", "queued", now.plusSeconds(8)),
                    text("handing", "sending", now.minusSeconds(1)),
                    new Document("_id", "mail").append("channel", "email")
                            .append("status", "queued").append("nextAttemptAt", Date.from(now))));
            SmsBacklog backlog = SmsBacklog.of(store.database());

            assertEquals(2, backlog.overdue(now));
            assertEquals(3, backlog.queued());
            // 98 more may be late, 297 more may wait: a batch takes at most 98.
            assertEquals(98, backlog.room(Dispatch.BACKLOG_MAX, now));
        }
    }

    private static SmsBacklog queued(long texts) {
        return new SmsBacklog() {
            @Override
            public long overdue(Instant now) {
                return 0;
            }

            @Override
            public long queued() {
                return texts;
            }
        };
    }

    private static Document text(String id, String status, Instant due) {
        return new Document("_id", id).append("channel", "sms").append("status", status)
                .append("nextAttemptAt", Date.from(due));
    }
}
