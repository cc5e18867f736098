package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.client.Client;
import org.parley.store.Leases;
import org.parley.web.Json;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sending job's brake on the SMS outbox is per sending number and in time: a number may
 * have about 3 s of its texts waiting there, taken text by text so that workers saying side by
 * side never overshoot it, and the whole outbox still holds no more than 300. The SMS sender is
 * stopped, so every text said stays queued until the test takes some out.
 */
class SmsRoomSendingTest extends OutreachSmsCase {

    private static final String OTHER = "other-health";
    private static final String EXAMPLE_NUMBER = "+15555550100";
    private static final String OTHER_NUMBER = "+15555550101";
    private static final int WORKERS = 4;
    private static final List<String> AREAS = List.of("678", "404", "470", "770", "762");

    @BeforeEach
    void keepTextsInTheOutbox() {
        // The instance's timer would run its own sender beside the one under test.
        fx.send();
        new Leases(fx.parley.parley().store().database(), clock)
                .claim(Outreach.SEND_JOB, "test", Duration.ofDays(1)).orElseThrow();
        fx.parley.parley().sms().sender().close();
    }

    @Test
    void aTwentyASecondNumberQueuesItsThreeSecondsWhileAHundredASecondOneQueuesTwoHundred() {
        sayInOneRun(80, 200);

        assertEquals(Map.of(EXAMPLE_NUMBER, 60, OTHER_NUMBER, 200), queuedByNumber());
        assertEquals(60, sent("EX"));
        assertEquals(200, sent("OT"));
    }

    @Test
    void fourWorkersSayingAtOnceQueueExactlyTheNumbersRoomAndHoldTheRestForLater() {
        sayInOneRun(100, 0);

        assertEquals(Map.of(EXAMPLE_NUMBER, 60), queuedByNumber());
        assertEquals(60, sent("EX"));
        Map<String, Integer> held = holdReasons("EX");
        // Each worker's send in hand when the room ran out is held; the rest were not claimed.
        assertEquals(List.of(SmsRoom.REASON), List.copyOf(held.keySet()));
    }

    @Test
    void theWholeOutboxHoldsNoMoreThanThreeHundredTextsThoughEachNumberHasRoomLeft() {
        sayInOneRun(60, 260);

        assertEquals(300, queuedByNumber().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(300, sent("EX") + sent("OT"));
    }

    @Test
    void roomFreesAsTheSmsSenderTakesTextsOut() {
        sayInOneRun(100, 0);

        // Ten handed to Twilio: the SMS sender takes them out of the outbox.
        MongoCollection<Document> outbox = outbox();
        List<Object> gone = outbox.find(new Document("channel", "sms"))
                .sort(new Document("nextAttemptAt", 1)).limit(10)
                .map(d -> d.get("_id")).into(new ArrayList<>());
        outbox.deleteMany(new Document("_id", new Document("$in", gone)));
        fx.worker(WORKERS).backlog(backlog()).run();

        assertEquals(Map.of(EXAMPLE_NUMBER, 60), queuedByNumber());
        assertEquals(70, sent("EX"));
    }

    /**
     * One run of four workers over {@code example} sends of the example client, its number at
     * 20 a second, and {@code other} of the other client, its number at 100 a second.
     */
    private void sayInOneRun(int example, int other) {
        fx.settings("{\"throughput\": {\"perSecond\": 20}}");
        schedule(OutreachFixture.CLIENT, "EX", example);
        if (other > 0) {
            other(100);
            schedule(OTHER, "OT", other);
        }
        fx.worker(WORKERS).backlog(backlog()).run();
    }

    /** Counted in this Parley's SMS outbox, with no wait for texts to leave it. */
    private SmsBacklog backlog() {
        return SmsBacklog.of(fx.parley.parley().store().database(), Duration.ZERO);
    }

    /** A second client texting from its own number at {@code perSecond} a second. */
    private void other(int perSecond) {
        Client other = new Client(OTHER, "Other Health", ZoneId.of("America/New_York"), "USD",
                "(555) 010-0111", OTHER_NUMBER, List.of("en"));
        fx.parley.parley().services().clients().save(other);
        new OutreachSettingsSection(fx.parley.parley().services().settings()).replace(other,
                Json.MAPPER.valueToTree(Map.of("throughput", Map.of("perSecond", perSecond))));
    }

    /** {@code count} accounts of {@code clientId}, each with its own phone and one alert due. */
    private void schedule(String clientId, String prefix, int count) {
        StringBuilder csv = new StringBuilder(OutreachFixture.HEADER).append('\n');
        for (int i = 0; i < count; i++) {
            // 555-01xx in Georgia's area codes, a hundred a code: a phone of its own each.
            String area = AREAS.get((prefix.equals("EX") ? 0 : 2) + i / 100);
            csv.append("%s%06d,Pat,Test,1980-01-01,30318,+1%s55501%02d,,en,%s-V-%d,2026-10-01,"
                            .formatted(prefix, i, area, i % 100, prefix, i))
                    .append("Clinic,Visit,100.00,50.00,0.00,50.00,2026-12-31\n");
        }
        fx.parley.parley().services().balances().importCsv(clientId,
                csv.toString().getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < count; i++) {
            Send alert = OutreachSmsTest.alert("room-" + prefix + i, "%s%06d".formatted(prefix, i));
            fx.outbox().schedule(new Send(alert.key(), clientId, alert.account(), alert.source(),
                    alert.event(), alert.campaignId(), alert.step(), alert.template(),
                    alert.args(), alert.channels(), alert.dueAt(), alert.options(),
                    alert.goTo()));
        }
    }

    /** The texts queued in the SMS outbox by the number they go from. */
    private Map<String, Integer> queuedByNumber() {
        Map<String, Integer> out = new TreeMap<>();
        for (Document d : outbox().find(new Document("channel", "sms")
                .append("status", "queued"))) {
            out.merge(d.getString("number"), 1, Integer::sum);
        }
        return out;
    }

    private MongoCollection<Document> outbox() {
        return fx.parley.parley().store().database().getCollection("outbox");
    }

    /** How many of the test's sends for accounts starting {@code prefix} are sent. */
    private long sent(String prefix) {
        return fx.outbox().collection().countDocuments(new Document("_id",
                new Document("$regex", "^room-" + prefix)).append("status", "sent"));
    }

    /** The reasons the test's sends for accounts starting {@code prefix} were held, counted. */
    private Map<String, Integer> holdReasons(String prefix) {
        Map<String, Integer> out = new TreeMap<>();
        for (Document d : fx.outbox().collection().find(new Document("_id",
                new Document("$regex", "^room-" + prefix)))) {
            for (Document hold : d.getList("holds", Document.class, List.of())) {
                out.merge(hold.getString("reason"), 1, Integer::sum);
            }
        }
        return out;
    }
}
