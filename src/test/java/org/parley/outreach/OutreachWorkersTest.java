package org.parley.outreach;

import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.store.Leases;
import org.parley.testing.FakeTwilio;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several workers of one instance share a run's due sends: every send is said once and none is
 * skipped, each account's frequency cap holds (its sends stay with one worker, see
 * {@link DispatchTest}), and no more is said while the SMS outbox has a backlog of texts past
 * their time.
 */
class OutreachWorkersTest extends OutreachSmsCase {

    private static final int WORKERS = 4;
    private static final int ACCOUNTS = 12;

    @BeforeEach
    void keepTheInstancesOwnSendingJobOff() {
        // The instance's timer would run its own sender beside the one under test.
        fx.send();
        new Leases(fx.parley.parley().store().database(), clock)
                .claim(Outreach.SEND_JOB, "test", Duration.ofDays(1)).orElseThrow();
        balances(ACCOUNTS);
    }

    /** The test's accounts, each with its own phone, or pairs sharing one of {@code phones}. */
    private void balances(int phones) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            rows.add(account(i) + ",Pat,Test,1980-01-01,30318," + phone(i % phones) + ",,en,WK-V-"
                    + i + ",2026-10-01,Clinic,Visit,100.00,50.00,0.00,50.00,2026-12-31");
        }
        fx.balances(OutreachFixture.HEADER, rows.toArray(String[]::new));
    }

    @Test
    void fourWorkersSayEachOfThirtySixSendsOnceAndSkipNone() {
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 1, \"max\": 100}}, "
                + "\"throughput\": {\"perSecond\": 100}}");
        schedule(3);
        int textsBefore = twilio.requests().size();

        int claimed = fx.worker(WORKERS).run();

        assertEquals(36, claimed);
        assertEquals(Map.of("sent", 36), statuses());
        assertEquals(36, fx.parley.parley().store().database().getCollection("messages")
                .countDocuments(new Document("dedupe", new Document("$regex", "^notice:wk-"))));
        Map<String, Integer> texts = textsByPhone(textsBefore, 36);
        for (int i = 0; i < ACCOUNTS; i++) {
            assertEquals(3, texts.get(phone(i)), phone(i));
        }
        assertEquals(0, fx.worker(WORKERS).run());
    }

    @Test
    void withFourWorkersEachAccountGetsItsCapOfTwoAndTheRestAreHeld() {
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 7, \"max\": 2}}, "
                + "\"throughput\": {\"perSecond\": 100}}");
        schedule(5);

        fx.worker(WORKERS).run();

        assertEquals(Map.of("sent", 24, "scheduled", 36), statuses());
        for (int i = 0; i < ACCOUNTS; i++) {
            List<String> outcomes = new ArrayList<>();
            for (int n = 1; n <= 5; n++) {
                Document send = fx.send(key(i, n));
                List<Document> holds = send.getList("holds", Document.class);
                outcomes.add(send.getString("status") + (holds.isEmpty() ? ""
                        : " " + holds.get(0).getString("reason")));
            }
            outcomes.sort(null);
            assertEquals(List.of("scheduled frequency_cap:sms", "scheduled frequency_cap:sms",
                    "scheduled frequency_cap:sms", "sent", "sent"), outcomes, account(i));
        }
    }

    @Test
    void withFourWorkersTwoAccountsOnOnePhoneShareItsCapOfOne() {
        fx.settings("{\"caps\": {\"sms\": {\"perDays\": 7, \"max\": 1}}, "
                + "\"throughput\": {\"perSecond\": 100}}");
        // Accounts i and i + 6 share a phone; some pairs are in two workers' shares.
        balances(ACCOUNTS / 2);
        assertTrue(java.util.stream.IntStream.range(0, ACCOUNTS / 2).anyMatch(i ->
                Dispatch.worker(DispatchTest.candidate(i, 1), WORKERS)
                        != Dispatch.worker(DispatchTest.candidate(i + ACCOUNTS / 2, 1), WORKERS)));
        schedule(1);

        fx.worker(WORKERS).run();

        assertEquals(Map.of("sent", 6, "scheduled", 6), statuses());
        for (int i = 0; i < ACCOUNTS / 2; i++) {
            List<String> pair = new ArrayList<>();
            for (int account : List.of(i, i + ACCOUNTS / 2)) {
                Document send = fx.send(key(account, 1));
                List<Document> holds = send.getList("holds", Document.class);
                pair.add(send.getString("status") + (holds.isEmpty() ? ""
                        : " " + holds.get(0).getString("reason")));
            }
            pair.sort(null);
            assertEquals(List.of("scheduled frequency_cap:sms:address", "sent"), pair, phone(i));
        }
    }

    @Test
    void nothingIsSaidWhileTheSmsOutboxHasMoreThanAHundredTextsPastTheirTime() {
        fx.settings("{\"throughput\": {\"perSecond\": 100}}");
        schedule(1);

        int held = fx.worker(WORKERS).backlog(now -> Dispatch.BACKLOG_MAX + 1).run();
        int atTheLimit = fx.worker(WORKERS).backlog(now -> Dispatch.BACKLOG_MAX).run();

        assertEquals(0, held);
        assertEquals(12, atTheLimit);
        assertEquals(Map.of("sent", 12), statuses());
    }

    @Test
    void aRunSaysItsSendsInBatchesNoLargerThanTheRoomLeftInTheSmsOutbox() {
        fx.settings("{\"throughput\": {\"perSecond\": 100}}");
        schedule(1);
        List<Long> asked = new ArrayList<>();
        SmsBacklog fiveAtATime = new SmsBacklog() {
            @Override
            public long overdue(Instant now) {
                return 0;
            }

            @Override
            public long room(long max, Instant now) {
                asked.add(max);
                return 5;
            }
        };

        int said = fx.worker(WORKERS).backlog(fiveAtATime).run();

        // Batches of 5, 5 and 2, then one that finds nothing due.
        assertEquals(12, said);
        assertEquals(List.of(100L, 100L, 100L, 100L), asked);
        assertEquals(Map.of("sent", 12), statuses());
    }

    private void schedule(int perAccount) {
        for (int n = 1; n <= perAccount; n++) {
            for (int i = 0; i < ACCOUNTS; i++) {
                fx.outbox().schedule(OutreachSmsTest.alert(key(i, n), account(i)));
            }
        }
    }

    /** The test's sends by status. */
    private Map<String, Integer> statuses() {
        Map<String, Integer> out = new TreeMap<>();
        for (Document d : fx.outbox().collection().find(new Document("_id",
                new Document("$regex", "^wk-")))) {
            out.merge(d.getString("status"), 1, Integer::sum);
        }
        return out;
    }

    /**
     * Walks the clock on until {@code count} texts to the test's phones after the first
     * {@code before} of the fake Twilio went out (they are handed over one step apart), then
     * counts them by phone.
     */
    private Map<String, Integer> textsByPhone(int before, int count) {
        List<FakeTwilio.Request> mine = mine(before);
        for (int step = 0; step < 500 && mine.size() < count; step++) {
            clock.advance(Duration.ofMillis(10));
            fx.parley.settleTexts();
            mine = mine(before);
        }
        return mine.stream().collect(Collectors.toMap(FakeTwilio.Request::to, r -> 1,
                Integer::sum, TreeMap::new));
    }

    private static List<FakeTwilio.Request> mine(int before) {
        List<FakeTwilio.Request> all = twilio.requests();
        return all.subList(before, all.size()).stream()
                .filter(r -> r.to().startsWith("+1678555")).toList();
    }

    private static String key(int account, int n) {
        return "wk-" + account(account) + "-" + n;
    }

    private static String account(int i) {
        return "WK%06d".formatted(i);
    }

    private static String phone(int i) {
        return "+1678555%04d".formatted(100 + i);
    }
}
