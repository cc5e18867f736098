package org.parley.outreach;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.testing.SmsPhone;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Each send goes out once: when the worker sending it dies after the conversation has it or
 * before, and when two Parley instances on one store send at the same time.
 */
class OutreachExactlyOnceTest extends OutreachSmsCase {

    @Test
    void aWorkerThatDiesAfterSayingLeavesTheSendToBeMarkedNotSaidAgain() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550123");
        fx.outbox().schedule(OutreachSmsTest.alert("crash-said", "EH100234"));

        fx.worker().onStep(step -> {
            if (step.equals("said")) {
                throw new IllegalStateException("the worker died");
            }
        }).run();
        fx.send();

        assertEquals("sending", fx.send("crash-said").getString("status"));

        clock.advance(Sender.LEASE.plusSeconds(1));
        fx.send();

        Document done = fx.send("crash-said");
        assertEquals("sent 2", done.getString("status") + " " + done.getInteger("attempts"));
        assertEquals(Instant.parse("2026-12-04T15:00:00Z"), done.getDate("sentAt").toInstant());
        phone.next();
        assertEquals(1, textsTo("+14045550123"));
    }

    @Test
    void aWorkerThatDiesBeforeSayingLeavesTheSendToBeSaidOnce() {
        SmsPhone phone = new SmsPhone(fx.parley, twilio, "+14045550147");
        fx.outbox().schedule(OutreachSmsTest.alert("crash-recorded", "EH100587"));

        fx.worker().onStep(step -> {
            if (step.equals("recorded")) {
                throw new IllegalStateException("the worker died");
            }
        }).run();
        clock.advance(Sender.LEASE.plusSeconds(1));
        fx.send();

        Document done = fx.send("crash-recorded");
        assertEquals("sent 2", done.getString("status") + " " + done.getInteger("attempts"));
        phone.reply(GENERIC_ES);
        assertEquals(1, textsTo("+14045550147"));
    }

    @Test
    void twoInstancesOnOneStoreSendEachAlertOnce() throws Exception {
        MongoServer store = new MongoServer(new MemoryBackend());
        store.bind("127.0.0.1", 0);
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.put("PARLEY_HANDOFF_FEED", "polling");
        env.put("MONGODB_URI", "mongodb://127.0.0.1:" + store.getLocalAddress().getPort());
        try (OutreachFixture a = new OutreachFixture(data.resolve("a"), env, clock);
             OutreachFixture b = new OutreachFixture(data.resolve("b"), env, clock)) {
            a.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 100}}, "
                    + "\"throughput\": {\"perSecond\": 100}}");
            List<String> accounts = List.of("EH100611", "EH100702", "EH100612");
            for (int i = 0; i < 30; i++) {
                a.outbox().schedule(OutreachSmsTest.alert("twice-" + i, accounts.get(i % 3)));
            }

            Sender first = a.worker();
            Sender second = b.worker();
            CompletableFuture<Integer> onA = CompletableFuture.supplyAsync(first::run);
            CompletableFuture<Integer> onB = CompletableFuture.supplyAsync(second::run);
            onA.get();
            onB.get();
            // The instances' own timers send too; wait for every worker to finish its send.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (a.outbox().collection().countDocuments(new Document("status", "sent")) < 30
                    && System.nanoTime() < deadline) {
                a.send();
                b.send();
                Thread.onSpinWait();
            }

            List<String> statuses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                statuses.add(a.send("twice-" + i).getString("status"));
            }
            assertEquals(java.util.Collections.nCopies(30, "sent"), statuses);
            long notices = a.parley.parley().store().database().getCollection("messages")
                    .countDocuments(new Document("dedupe", new Document("$regex",
                            "^notice:twice-")));
            assertEquals(30, notices);
        } finally {
            store.shutdownNow();
        }
    }

    private static long textsTo(String number) {
        return twilio.requests().stream().filter(r -> r.to().equals(number)).count();
    }
}
