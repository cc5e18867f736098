package org.parley.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import org.parley.testing.FakeTwilio;

/**
 * Simulated patients on virtual threads, each texting one message at a time over a signed
 * webhook and waiting for the reply, in a closed loop. A phase ends at its deadline or when its
 * turn budget is spent, whichever comes first.
 */
final class LoadDriver {

    /** Turns a patient takes in a row before the worker moves on to its next patient. */
    private static final int TURNS_PER_VISIT = 4;

    private final SmsLoadBenchmark.Options options;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final Map<String, Script> scripts = new ConcurrentHashMap<>();
    private final long nonce = ThreadLocalRandom.current().nextLong();
    private final AtomicLong sids = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();
    private final AtomicReference<String> firstTimeout = new AtomicReference<>();

    LoadDriver(SmsLoadBenchmark.Options options) {
        this.options = options;
    }

    /** What a phase measured. */
    record Result(long turns, double seconds, Latencies toReply, Latencies answered,
                  long timeouts, long failures, long balancesShown, long balancesExpected,
                  long[] perSecond, long cpuNanos) {

        /** Turns per second of CPU used by the whole process: the rate two free cores give. */
        double turnsPerCpuSecond() {
            return turns / (cpuNanos / 1e9);
        }
    }

    /**
     * Each worker's patients text {@code balance}, then their date of birth and last name, then
     * alternate {@code start over} and {@code balance}, picking up where they left off.
     */
    Result conversations(URI webhook, List<SyntheticPatients.Patient> patients,
                         SmsLoadBenchmark.Replies replies, Duration length) throws Exception {
        return run(length, worker -> {
            List<SyntheticPatients.Patient> mine = SmsLoadBenchmark.slice(patients, worker,
                    options.concurrency());
            Signer signer = new Signer();
            return (budget, tally) -> {
                int next = 0;
                int inVisit = 0;
                int skipped = 0;
                while (skipped < mine.size() && budget.take()) {
                    SyntheticPatients.Patient p = mine.get(next);
                    Script script = scripts.computeIfAbsent(p.phone(), phone -> new Script());
                    if (script.stuck) {
                        skipped++;
                        next = (next + 1) % mine.size();
                        continue;
                    }
                    skipped = 0;
                    turn(webhook, signer, p, script, replies.of(p.phone()), tally);
                    if (++inVisit == TURNS_PER_VISIT) {
                        inVisit = 0;
                        next = (next + 1) % mine.size();
                    }
                }
                return tally;
            };
        });
    }

    /** The same requests to the echo route: only the webhook's answer is timed. */
    Result echo(URI route, List<SyntheticPatients.Patient> patients, Duration length)
            throws Exception {
        return run(length, worker -> {
            List<SyntheticPatients.Patient> mine = SmsLoadBenchmark.slice(patients, worker,
                    options.concurrency());
            Signer signer = new Signer();
            return (budget, tally) -> {
                for (int i = 0; budget.take(); i++) {
                    SyntheticPatients.Patient p = mine.get(i % mine.size());
                    long sent = System.nanoTime();
                    int status = post(route, signer, p.phone(), "balance");
                    long answered = System.nanoTime();
                    if (status != 200) {
                        tally.failures++;
                        continue;
                    }
                    tally.done(answered);
                    tally.answered.add(answered - sent);
                }
                return tally;
            };
        });
    }

    private void turn(URI webhook, Signer signer, SyntheticPatients.Patient p, Script script,
                      BlockingQueue<SmsLoadBenchmark.Replies.Arrival> inbox, Tally tally)
            throws Exception {
        String text = script.text(p);
        boolean expectBalance = script.expectsBalance();

        long sent = System.nanoTime();
        int status = post(webhook, signer, p.phone(), text);
        long answered = System.nanoTime();
        if (status != 200) {
            tally.failures++;
            script.stuck = true;
            return;
        }
        SmsLoadBenchmark.Replies.Arrival reply = inbox.poll(options.turnTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        if (reply == null) {
            // A late reply would be taken for the next turn's: this patient stops here.
            tally.timeouts++;
            script.stuck = true;
            firstTimeout.compareAndSet(null, "step " + script.step + " '" + text + "'");
            return;
        }
        tally.done(reply.nanos());
        tally.answered.add(answered - sent);
        tally.toReply.add(reply.nanos() - sent);
        if (expectBalance) {
            tally.balancesExpected++;
            if (reply.body().contains("Your balance is")) {
                tally.balancesShown++;
            }
        }
        script.step++;
    }

    private int post(URI uri, Signer signer, String from, String body) throws Exception {
        Map<String, String> form = text(from, String.format("SM%016x%016x", nonce,
                sids.incrementAndGet()), body);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signer.sign(uri.toString(), form))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // Counted as a failed webhook, as Twilio would see it; the run goes on.
            firstFailure.compareAndSet(null, e.toString());
            return -1;
        }
        if (response.statusCode() != 200) {
            firstFailure.compareAndSet(null, response.statusCode() + " " + response.body());
        }
        return response.statusCode();
    }

    /** The script step of the first turn left without a reply, if any. */
    java.util.Optional<String> firstTimeout() {
        return java.util.Optional.ofNullable(firstTimeout.get());
    }

    /** The status and body of the first webhook not answered 200, if any. */
    java.util.Optional<String> firstFailure() {
        return java.util.Optional.ofNullable(firstFailure.get());
    }

    /** A patient's text as Twilio posts it. */
    private static Map<String, String> text(String from, String messageSid, String body) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("ToCountry", "US");
        form.put("SmsMessageSid", messageSid);
        form.put("NumMedia", "0");
        form.put("MessageSid", messageSid);
        form.put("AccountSid", FakeTwilio.ACCOUNT_SID);
        form.put("From", from);
        form.put("To", SmsLoadBenchmark.CLIENT_NUMBER);
        form.put("Body", body);
        form.put("NumSegments", "1");
        form.put("ApiVersion", "2010-04-01");
        return form;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Runs one worker per concurrent patient until the deadline or the budget ends. */
    private Result run(Duration length, WorkerFactory factory) throws Exception {
        long cpuStart = cpuNanos();
        long start = System.nanoTime();
        Budget budget = new Budget(start + length.toNanos(), options.maxTurns());
        int slots = (int) length.plus(options.turnTimeout()).toSeconds() + 2;
        List<Tally> tallies = new ArrayList<>();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Tally>> running = new ArrayList<>();
            for (int w = 0; w < options.concurrency(); w++) {
                Worker worker = factory.create(w);
                Tally tally = new Tally(start, slots);
                running.add(workers.submit(() -> worker.run(budget, tally)));
            }
            for (Future<Tally> f : running) {
                tallies.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(tallies.stream().mapToLong(t -> t.turns).sum(), seconds,
                Latencies.merged(tallies.stream().map(t -> t.toReply).toList()),
                Latencies.merged(tallies.stream().map(t -> t.answered).toList()),
                tallies.stream().mapToLong(t -> t.timeouts).sum(),
                tallies.stream().mapToLong(t -> t.failures).sum(),
                tallies.stream().mapToLong(t -> t.balancesShown).sum(),
                tallies.stream().mapToLong(t -> t.balancesExpected).sum(),
                Tally.perSecond(tallies, slots), cpuNanos() - cpuStart);
    }

    /** CPU time of every thread of this process: client, server, store and fake alike. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    @FunctionalInterface
    private interface WorkerFactory {
        Worker create(int index);
    }

    @FunctionalInterface
    private interface Worker {
        Tally run(Budget budget, Tally tally) throws Exception;
    }

    /** The phase's shared bound: a deadline and a count of turns. */
    private static final class Budget {
        private final long deadline;
        private final long max;
        private final AtomicLong taken = new AtomicLong();

        Budget(long deadline, long max) {
            this.deadline = deadline;
            this.max = max;
        }

        boolean take() {
            return System.nanoTime() < deadline && taken.incrementAndGet() <= max;
        }
    }

    /** One worker's counts and timings. */
    private static final class Tally {
        final long start;
        final long[] bySecond;
        long turns;
        long timeouts;
        long failures;
        long balancesShown;
        long balancesExpected;
        final Latencies toReply = new Latencies();
        final Latencies answered = new Latencies();

        Tally(long start, int slots) {
            this.start = start;
            this.bySecond = new long[slots];
        }

        /** A turn finished at {@code nanos}. */
        void done(long nanos) {
            turns++;
            bySecond[(int) Math.min(bySecond.length - 1, Math.max(0, (nanos - start) / 1_000_000_000L))]++;
        }

        static long[] perSecond(List<Tally> tallies, int slots) {
            long[] sum = new long[slots];
            for (Tally t : tallies) {
                for (int i = 0; i < slots; i++) {
                    sum[i] += t.bySecond[i];
                }
            }
            return sum;
        }
    }

    /** Where one patient is in the script. */
    private static final class Script {
        int step;
        boolean stuck;

        String text(SyntheticPatients.Patient p) {
            if (step == 0) {
                return "balance";
            }
            if (step == 1) {
                return p.identityAnswer();
            }
            return step % 2 == 0 ? "start over" : "balance";
        }

        /** Verified by now: the answer to the identity check and every later balance. */
        boolean expectsBalance() {
            return step == 1 || (step > 1 && step % 2 == 1);
        }
    }

    /** Twilio's signature: HMAC-SHA1 over the URL and the sorted parameters. */
    private static final class Signer {
        private final Mac mac;

        Signer() {
            try {
                mac = Mac.getInstance("HmacSHA1");
                mac.init(new SecretKeySpec(FakeTwilio.AUTH_TOKEN.getBytes(StandardCharsets.UTF_8),
                        "HmacSHA1"));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
            }
        }

        String sign(String url, Map<String, String> form) {
            StringBuilder data = new StringBuilder(url);
            new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        }
    }
}
