package org.parley.outreach;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Jobs;
import org.parley.store.Leases;
import org.parley.store.StoreKill;
import org.parley.testing.FakeTwilio;
import org.parley.testing.SmsPhone;
import org.parley.testing.TestClock;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a killed process held is taken up at once by the next start on the embedded store, which
 * only one process can open: its sending job's lease, a send its worker claimed, a text Twilio
 * took whose answer never came back. With a real MongoDB another instance may still be at work,
 * so there a start keeps every lease until it runs out.
 */
class RestartReleasesClaimsTest {

    private static final Instant START = Instant.parse("2026-12-04T15:00:00Z");
    /** The restart: 5 s after the kill, inside every lease (texts 30 s, jobs 1 min, sends 2). */
    private static final Instant RESTART = START.plusSeconds(5);
    private static final String CLAIMED_PHONE = "+14045550123";
    private static final String IN_TWILIO_PHONE = "+14045550147";

    @TempDir
    Path data;
    final TestClock clock = new TestClock(START);
    final FakeTwilio twilio = FakeTwilio.start();
    final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        twilio.close();
    }

    @Test
    void aRestartOnTheEmbeddedStoreSendsWhatTheKilledProcessHeldAtOnceAndEachTextOnce()
            throws Exception {
        OutreachFixture first = fixture(data, SmsPhone.env(twilio));
        holdWhatAKilledProcessHolds(first);

        StoreKill.kill(first.parley.parley().store());
        twilio.releaseAnswers();
        open.remove(first);
        first.close();
        clock.set(RESTART);
        OutreachFixture second = fixture(data, SmsPhone.env(twilio));

        assertTrue(second.parley.parley().jobs().run(Outreach.SEND_JOB), "the job's lease");
        second.parley.settleTexts();

        Document claimed = second.send("claimed");
        assertEquals("sent 2 " + RESTART, claimed.getString("status") + " "
                + claimed.getInteger("attempts") + " "
                + Optional.ofNullable(claimed.getDate("sentAt")).map(Date::toInstant).orElse(null));
        assertEquals(Map.of(CLAIMED_PHONE, 1L, IN_TWILIO_PHONE, 1L), textsPerPhone());
        // The text Twilio took was looked up there and recorded, not sent again.
        assertEquals(1, twilio.lists().size());
        assertEquals(0, second.parley.parley().store().database().getCollection("outbox")
                .countDocuments());
    }

    @Test
    void withMongoDbAStartKeepsTheLeasesOfTheInstancesAlreadyAtWork() {
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        open.add(mongo::shutdownNow);
        Map<String, String> env = new HashMap<>(SmsPhone.env(twilio));
        env.put("PARLEY_HANDOFF_FEED", "polling");
        env.put("MONGODB_URI", "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort());
        OutreachFixture working = fixture(data.resolve("a"), env);
        claimTheJobAndASend(working);

        clock.set(RESTART);
        OutreachFixture starting = fixture(data.resolve("b"), env);

        assertFalse(starting.parley.parley().jobs().run(Outreach.SEND_JOB), "the job's lease");
        Document claimed = starting.send("claimed");
        assertEquals("sending " + START.plus(Sender.LEASE), claimed.getString("status") + " "
                + claimed.getDate("leaseUntil").toInstant());
    }

    private OutreachFixture fixture(Path dir, Map<String, String> env) {
        OutreachFixture fx = new OutreachFixture(dir, env, clock);
        open.add(fx);
        return fx;
    }

    /**
     * The sending job's lease and a send claimed by a worker that died before saying it, as a
     * process killed mid-run leaves them.
     */
    private void claimTheJobAndASend(OutreachFixture fx) {
        // Both texts in the first second's places, which the fixed clock never leaves.
        fx.settings("{\"throughput\": {\"perSecond\": 100}}");
        new Leases(fx.parley.parley().store().database(), clock)
                .claim(Outreach.SEND_JOB, "instance-killed", Jobs.LEASE).orElseThrow();
        fx.outbox().schedule(OutreachSmsTest.alert("claimed", "EH100234"));
        fx.worker().onStep(step -> {
            if (step.equals("recorded")) {
                throw new IllegalStateException("the process was killed");
            }
        }).run();
    }

    /** As {@link #claimTheJobAndASend}, and a text Twilio took whose answer is not back yet. */
    private void holdWhatAKilledProcessHolds(OutreachFixture fx) throws InterruptedException {
        claimTheJobAndASend(fx);
        twilio.holdAnswersAfter(0);
        fx.outbox().schedule(OutreachSmsTest.alert("in-twilio", "EH100587"));
        fx.worker().run();
        // To the text's place under the throughput: the second of the first second's places.
        clock.advance(Duration.ofMillis(10));
        fx.parley.parley().sms().sender().wake();
        twilio.await(1, Duration.ofSeconds(30));
        assertEquals("sending", fx.send("claimed").getString("status"));
    }

    private Map<String, Long> textsPerPhone() {
        Map<String, Long> out = new HashMap<>();
        twilio.requests().forEach(r -> out.merge(r.to(), 1L, Long::sum));
        return out;
    }
}
