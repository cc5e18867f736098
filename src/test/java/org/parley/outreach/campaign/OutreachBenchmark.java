package org.parley.outreach.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import org.bson.Document;
import org.parley.outreach.Outreach;
import org.parley.testing.FakeTwilio;
import org.parley.testing.TestParley;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The campaign benchmark behind {@code bin/bench-outreach}: a real Parley on the embedded store
 * (a temp folder, deleted after) and a fake Twilio, both on 127.0.0.1. It imports N synthetic
 * accounts, then times planning (a campaign's audience fixed and one text scheduled per member,
 * one run of the campaign job) and sending (the sending job run back to back with the
 * throughput limit raised, every text handed to the fake Twilio) for a bounded time.
 */
public final class OutreachBenchmark {

    private static final int PER_FILE = 50_000;
    /** The most texts a second per number the settings API takes. */
    private static final int MAX_PER_SECOND = 100;
    /** How often the sending loop looks whether anything still waits. */
    private static final Duration LOOK_EVERY = Duration.ofSeconds(15);

    private OutreachBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        int accounts = Integer.parseInt(o.getOrDefault("accounts", "100000"));
        int seconds = Integer.parseInt(o.getOrDefault("send-seconds", "120"));
        int perSecond = Integer.parseInt(o.getOrDefault("per-second", "100"));
        int resultsEvery = Integer.parseInt(o.getOrDefault("results-every", "0"));
        Path data = Files.createTempDirectory("bench-outreach");
        AtomicLong texts = new AtomicLong();
        // When each text reached the fake, on Parley's clock: nanoTime is the fake's clock.
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(),
                Instant.parse("2026-12-07T17:00:00Z")));
        long epochAtZero = clock.millis() * 1_000_000L - System.nanoTime();
        List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
        // The same arrivals by the SID the fake answered, which Parley keeps on the message.
        Map<String, Long> arrivedBySid = new java.util.concurrent.ConcurrentHashMap<>();
        try (FakeTwilio twilio = FakeTwilio.forLoad((r, at) -> {
            arrivals.add(epochAtZero + at);
            r.sid().ifPresent(sid -> arrivedBySid.put(sid, epochAtZero + at));
            texts.incrementAndGet();
        })) {
            Map<String, String> env = new HashMap<>(twilio.env());
            env.put("PARLEY_PUBLIC_BASE_URL", "https://parley.example.test");
            // Campaign day 1, noon in Atlanta (every account's ZIP): inside contact hours.
            try (TestParley parley = TestParley.start(data, env, clock)) {
                run(parley, accounts, seconds, perSecond, resultsEvery, texts, clock);
                // The arrivals first: they are held in memory only.
                pacing(arrivals, perSecond);
                delays(parley, arrivedBySid);
            }
        } finally {
            delete(data);
        }
    }

    /**
     * @param resultsEvery every how many seconds of sending the campaign's results are read and
     *                     printed beside the texts at the fake Twilio; 0 for never
     */
    private static void run(TestParley parley, int accounts, int seconds, int perSecond,
                            int resultsEvery, AtomicLong texts, Clock clock) {
        long t0 = System.nanoTime();
        List<String> phones = phones();
        for (int from = 0; from < accounts; from += PER_FILE) {
            ok(parley.api("POST", "/api/clients/example-health/balances", "text/csv",
                    csv(from, Math.min(accounts, from + PER_FILE), phones)));
        }
        System.out.printf("imported %,d accounts (%,d distinct phones) in %.1f s%n", accounts,
                Math.min(accounts, phones.size()), seconds(t0));
        ok(parley.api("PUT", "/api/clients/example-health/settings/outreach",
                "application/json", "{\"throughput\": {\"perSecond\": "
                        + Math.min(perSecond, MAX_PER_SECOND) + "}}"));
        if (perSecond > MAX_PER_SECOND) {
            // Above what the API takes, so that the sender, not the limit, is measured.
            parley.parley().store().database().getCollection("client_settings").updateOne(
                    new Document("_id", "example-health"),
                    new Document("$set", new Document("outreach.perSecond", perSecond)));
        }
        HttpResponse<String> created = parley.api("POST", CampaignFixture.BASE,
                "application/json", """
                {"name": "Benchmark", "audience": {"balance": {"min": "0.01"}},
                 "steps": [{"day": 1, "channel": "sms", "template": "campaign.reminder"}],
                 "start": "2026-12-07", "end": "2026-12-31"}""");
        ok(created);
        String id = CampaignFixture.json(created).get("id").asText();

        long plan = System.nanoTime();
        if (!parley.parley().jobs().run(Campaigns.JOB)) {
            throw new IllegalStateException("The campaign job did not run");
        }
        double planned = seconds(plan);
        long scheduled = parley.parley().store().database().getCollection("outreach_sends")
                .countDocuments(new Document("source", "campaign"));
        System.out.printf("planning: %,d sends scheduled (audience + scheduling) in %.1f s, "
                + "%,.0f a second%n", scheduled, planned, scheduled / planned);

        long send = System.nanoTime();
        long deadline = send + Duration.ofSeconds(seconds).toNanos();
        long look = System.nanoTime();
        long sample = System.nanoTime();
        while (texts.get() < scheduled && System.nanoTime() < deadline) {
            parley.parley().jobs().run(Outreach.SEND_JOB);
            if (resultsEvery > 0 && System.nanoTime() - sample >= resultsEvery * 1_000_000_000L) {
                results(parley, id, seconds(send), texts.get());
                sample = System.nanoTime();
            }
            if (System.nanoTime() - look > LOOK_EVERY.toNanos()) {
                // Some members get no text (opted out, held): done once nothing waits.
                if (nothingWaits(parley, clock.instant())) {
                    break;
                }
                look = System.nanoTime();
            }
        }
        double sent = seconds(send);
        System.out.printf("sending: %,d texts at the fake Twilio in %.1f s, %.1f a second "
                + "sustained%s%n", texts.get(), sent, texts.get() / sent,
                System.nanoTime() >= deadline ? " (stopped at the time limit)" : "");
        long said = parley.parley().store().database().getCollection("outreach_sends")
                .countDocuments(new Document("status", "sent"));
        System.out.printf("said: %,d sends said (in their conversations, texts queued for "
                + "Twilio) in %.1f s, %.1f a second%n", said, sent, said / sent);
        System.out.println("sends by status: " + countBy(parley, "outreach_sends", "$status")
                + "; SMS outbox by status: " + countBy(parley, "outbox", "$status"));
    }

    /**
     * How long after it was said each text reached the fake Twilio: from its send's
     * {@code sentAt} (said in its conversation, queued in the SMS outbox) to its arrival,
     * matched by the SID the fake answered, which Parley keeps as the message's
     * {@code delivery.providerId}. Texts still waiting in the SMS outbox are left out.
     */
    private static void delays(TestParley parley, Map<String, Long> arrivedBySid) {
        var db = parley.parley().store().database();
        Map<String, String> sidOf = new HashMap<>();
        for (Document m : db.getCollection("messages").find(new Document(
                "delivery.providerId", new Document("$exists", true)))
                .projection(new Document("conversationId", 1).append("seq", 1)
                        .append("delivery.providerId", 1))) {
            sidOf.put(m.getString("conversationId") + "#" + m.getLong("seq"),
                    m.get("delivery", Document.class).getString("providerId"));
        }
        List<Long> delays = new ArrayList<>();
        // By the 10 s of sending each text was said in, from the first said: where the worst are.
        Map<Long, List<Long>> byTen = new java.util.TreeMap<>();
        long first = Long.MAX_VALUE;
        // Only the fields read: the embedded store answers a find in one reply of at most
        // 48 MB, which 100,000 whole sends exceed.
        Document fields = new Document("sentAt", 1).append("conversationId", 1)
                .append("messageSeq", 1);
        for (Document send : db.getCollection("outreach_sends").find(new Document("status",
                "sent").append("source", "campaign")).projection(fields)) {
            first = Math.min(first, send.getDate("sentAt").getTime());
        }
        long said = 0;
        for (Document send : db.getCollection("outreach_sends").find(new Document("status",
                "sent").append("source", "campaign")).projection(fields)) {
            said++;
            String sid = sidOf.get(send.getString("conversationId") + "#"
                    + send.getLong("messageSeq"));
            Long arrived = sid == null ? null : arrivedBySid.get(sid);
            if (arrived != null) {
                long delay = arrived - send.getDate("sentAt").getTime() * 1_000_000L;
                delays.add(delay);
                byTen.computeIfAbsent((send.getDate("sentAt").getTime() - first) / 10_000,
                        t -> new ArrayList<>()).add(delay);
            }
        }
        if (delays.isEmpty()) {
            System.out.printf("said to Twilio: none of %,d texts said matched at the fake%n",
                    said);
            return;
        }
        delays.sort(null);
        System.out.printf("said to Twilio (sentAt to arrival at the fake, %,d of %,d texts "
                + "said): median %.2f s, 95th percentile %.2f s, max %.2f s, min %.2f s%n",
                delays.size(), said, delays.get((delays.size() - 1) / 2) / 1e9,
                delays.get((int) Math.ceil(delays.size() * 0.95) - 1) / 1e9,
                delays.get(delays.size() - 1) / 1e9, delays.get(0) / 1e9);
        StringBuilder line = new StringBuilder("said to Twilio by 10 s of saying (texts, median, "
                + "max):");
        byTen.forEach((ten, d) -> {
            d.sort(null);
            line.append(String.format(" %d-%d s %d %.1f %.1f;", ten * 10, ten * 10 + 10,
                    d.size(), d.get((d.size() - 1) / 2) / 1e9, d.get(d.size() - 1) / 1e9));
        });
        System.out.println(line);
    }

    /** Prints the campaign's results totals beside the texts the fake Twilio has. */
    private static void results(TestParley parley, String id, double at, long texts) {
        long t = System.nanoTime();
        HttpResponse<String> res = parley.api("GET", CampaignFixture.BASE + "/" + id
                + "/results", null, null);
        double ms = (System.nanoTime() - t) / 1e6;
        ok(res);
        var totals = CampaignFixture.json(res).get("totals");
        System.out.printf("results at %.1f s: waiting %d, queued %d, sent %d; the fake Twilio "
                + "has %,d; read in %.0f ms%n", at, totals.get("waiting").asInt(),
                totals.get("queued").asInt(), totals.get("sent").asInt(), texts, ms);
    }

    /** Whether no campaign send waits to be said and no text waits in the SMS outbox. */
    /**
     * Whether no send is being said or due within the minute (one the caps or a hold put off
     * by hours or days is not waited for) and the SMS outbox is empty.
     */
    private static boolean nothingWaits(TestParley parley, Instant now) {
        var db = parley.parley().store().database();
        return db.getCollection("outreach_sends").countDocuments(new Document("$or", List.of(
                new Document("status", "sending"), new Document("status", "scheduled")
                        .append("dueAt", new Document("$lte",
                                java.util.Date.from(now.plusSeconds(60))))))) == 0
                && db.getCollection("outbox").countDocuments() == 0;
    }

    /**
     * How evenly the texts reached the fake Twilio: the most in one second of Parley's clock
     * (its seconds are the ones the limit counts), the most in any sliding second, and the
     * smallest gap between two texts.
     */
    private static void pacing(List<Long> arrivals, int perSecond) {
        List<Long> at;
        synchronized (arrivals) {
            at = arrivals.stream().sorted().toList();
        }
        if (at.size() < 2) {
            return;
        }
        double span = (at.get(at.size() - 1) - at.get(0)) / 1e9;
        System.out.printf("dispatch: %,d texts from the first to the last at the fake Twilio in "
                + "%.1f s, %.1f a second%n", at.size(), span, (at.size() - 1) / span);
        Map<Long, Integer> perWholeSecond = new HashMap<>();
        int sliding = 0;
        long gap = Long.MAX_VALUE;
        for (int i = 0, j = 0; i < at.size(); i++) {
            perWholeSecond.merge(at.get(i) / 1_000_000_000L, 1, Integer::sum);
            while (at.get(i) - at.get(j) >= 1_000_000_000L) {
                j++;
            }
            sliding = Math.max(sliding, i - j + 1);
            if (i > 0) {
                gap = Math.min(gap, at.get(i) - at.get(i - 1));
            }
        }
        System.out.printf("pacing at the fake Twilio (limit %d a second): at most %d texts in "
                + "one second of Parley's clock, %d in any sliding second, smallest gap "
                + "%.1f ms%n", perSecond, perWholeSecond.values().stream()
                .mapToInt(Integer::intValue).max().orElse(0), sliding, gap / 1e6);
    }

    /** How many documents of {@code collection} have each value of {@code field}. */
    private static Map<String, Integer> countBy(TestParley parley, String collection,
                                                String field) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        parley.parley().store().database().getCollection(collection).aggregate(List.of(
                        new Document("$group", new Document("_id", field)
                                .append("n", new Document("$sum", 1)))))
                .forEach(d -> out.put(String.valueOf(d.get("_id")), d.getInteger("n")));
        return out;
    }

    /** 555-01xx numbers in every US area code the phone library accepts. */
    private static List<String> phones() {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        List<String> phones = new ArrayList<>();
        for (int area = 201; area < 990; area++) {
            try {
                if (!util.isValidNumberForRegion(util.parse("+1" + area + "5550100", "US"),
                        "US")) {
                    continue;
                }
            } catch (NumberParseException e) {
                continue;
            }
            for (int line = 0; line < 100; line++) {
                phones.add("+1" + area + "55501" + String.format("%02d", line));
            }
        }
        return phones;
    }

    private static String csv(int from, int to, List<String> phones) {
        StringBuilder csv = new StringBuilder("account_number,first_name,last_name,"
                + "date_of_birth,zip,phone,email,preferred_language,encounter_id,service_date,"
                + "provider,description,charges,insurance_paid,adjustments,"
                + "patient_responsibility,due_date\n");
        for (int i = from; i < to; i++) {
            csv.append("BX%07d,Pat,Test,1980-01-01,30318,%s,,en,BX-V-%07d,2026-10-01,"
                    .formatted(i, phones.get(i % phones.size()), i))
                    .append("Clinic,Visit,100.00,50.00,0.00,50.00,2026-12-31\n");
        }
        return csv.toString();
    }

    private static void ok(HttpResponse<String> res) {
        if (res.statusCode() / 100 != 2) {
            throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println("bin/bench-outreach [--accounts N] [--send-seconds S] "
                        + "[--per-second R] [--results-every T]  (R above 100 is written to "
                        + "the store directly; T: read the results every T s of sending)");
                System.exit(0);
            }
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; see --help");
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
