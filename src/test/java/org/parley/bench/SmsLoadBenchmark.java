package org.parley.bench;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import org.parley.Parley;
import org.parley.billing.ImportResult;
import org.parley.config.ParleyConfig;
import org.parley.testing.FakeTwilio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The SMS load benchmark: a real Parley on a loopback port over a fresh embedded store, a fake
 * Twilio beside it, and many simulated patients each texting a scripted conversation over signed
 * webhooks. It reports turns per second and the time from a webhook being sent to the reply
 * reaching Twilio; a bare echo route, measured in the same run with the same requests, is the
 * ceiling of the HTTP stack alone. Every phase stops after its time or its turn budget.
 *
 * <p>Run it with {@code bin/bench-sms}; {@code --help} lists the options.
 */
public final class SmsLoadBenchmark {

    static final String CLIENT = "example-health";
    static final String CLIENT_NUMBER = "+15555550100";
    static final String EMPTY_TWIML =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    /** Held so the level sticks: the embedded store logs every index it opens at INFO. */
    private static final java.util.logging.Logger STORE_LOG =
            java.util.logging.Logger.getLogger("de.bwaldvogel");

    private SmsLoadBenchmark() {
    }

    /** What to run: how many patients, how many at once, and for how long. */
    record Options(int patients, int concurrency, Duration warmup, Duration measure,
                   int maxTurns, Duration turnTimeout, boolean echo) {

        static final String USAGE = """
                Usage: bin/bench-sms [--patients N] [--concurrency C] [--seconds S]
                                     [--warmup-seconds W] [--max-turns T]
                                     [--turn-timeout-ms MS] [--no-echo]
                  --patients         synthetic patients imported and texting (default 2000)
                  --concurrency      patients texting at the same moment (default 64)
                  --seconds          length of each measured phase (default 10)
                  --warmup-seconds   unmeasured load before each phase (default 5)
                  --max-turns        turns allowed in each phase, warm-ups too (default 200000)
                  --turn-timeout-ms  how long a patient waits for a reply (default 5000)
                  --no-echo          skip the echo-route ceiling""";

        static Options parse(String[] args) {
            Map<String, String> given = new HashMap<>();
            boolean echo = true;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                    case "--no-echo" -> echo = false;
                    default -> {
                        if (!args[i].startsWith("--") || i + 1 == args.length) {
                            throw new IllegalArgumentException("Unknown or incomplete option '"
                                    + args[i] + "'\n" + USAGE);
                        }
                        given.put(args[i].substring(2), args[++i]);
                    }
                }
            }
            Options o = new Options(number(given, "patients", 2000),
                    number(given, "concurrency", 64),
                    Duration.ofSeconds(number(given, "warmup-seconds", 5)),
                    Duration.ofSeconds(number(given, "seconds", 10)),
                    number(given, "max-turns", 200_000),
                    Duration.ofMillis(number(given, "turn-timeout-ms", 5000)), echo);
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("Unknown options " + given.keySet() + "\n"
                        + USAGE);
            }
            if (o.concurrency() > o.patients()) {
                throw new IllegalArgumentException("--concurrency " + o.concurrency()
                        + " is more than --patients " + o.patients() + "; each simulated "
                        + "patient texts one message at a time, so raise --patients");
            }
            return o;
        }

        private static int number(Map<String, String> given, String name, int fallback) {
            String value = given.remove(name);
            if (value == null) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(value);
                if (n < 0 || (n == 0 && !name.equals("warmup-seconds"))) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + " must be a positive whole "
                        + "number, was '" + value + "'");
            }
        }

        /** Past this the whole run is stopped, whatever it is doing. */
        Duration wallClockCap() {
            return Duration.ofSeconds(120).plus(warmup.plus(measure).multipliedBy(2))
                    .plus(turnTimeout.multipliedBy(2));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(args.length > 0 && args[0].startsWith("-h") ? 0 : 2);
            return;
        }
        watchdog(options.wallClockCap());
        STORE_LOG.setLevel(java.util.logging.Level.WARNING);
        System.out.printf("SMS load benchmark: %d patients, %d at once, %d s warm-up + %d s "
                        + "measured per phase, %d cores, Java %s%n", options.patients(),
                options.concurrency(), options.warmup().toSeconds(), options.measure().toSeconds(),
                Runtime.getRuntime().availableProcessors(), Runtime.version());

        Path data = Files.createTempDirectory("parley-bench-");
        Replies replies = new Replies();
        try (FakeTwilio twilio = FakeTwilio.forLoad(replies::arrived)) {
            List<SyntheticPatients.Patient> patients =
                    SyntheticPatients.generate(options.patients(), 20261204L);
            replies.expect(patients);

            long started = System.nanoTime();
            // The real clock, unlike the tests: the outbox sends oldest first by the time each
            // reply was queued, and under a fixed clock that order is lost.
            Parley parley = Parley.start(config(data, twilio), Clock.systemUTC());
            try {
                System.out.printf("Parley started in %d ms on 127.0.0.1:%d%n",
                        millisSince(started), parley.port());
                importPatients(parley, patients);

                LoadDriver driver = new LoadDriver(options);
                URI webhook = URI.create("http://127.0.0.1:" + parley.port() + "/twilio/sms");
                driver.conversations(webhook, patients, replies, options.warmup());
                LoadDriver.Result sms = driver.conversations(webhook, patients, replies,
                        options.measure());

                Optional<LoadDriver.Result> echo = Optional.empty();
                if (options.echo()) {
                    WebServer echoServer = echoServer();
                    try {
                        URI route = URI.create("http://127.0.0.1:" + echoServer.port()
                                + "/twilio/sms");
                        driver.echo(route, patients, options.warmup());
                        echo = Optional.of(driver.echo(route, patients, options.measure()));
                    } finally {
                        echoServer.stop();
                    }
                }
                report(options, sms, echo, replies);
                driver.firstTimeout().ifPresent(t -> System.out.println("First turn left "
                        + "without a reply: " + t));
                driver.firstFailure().ifPresent(f -> System.out.println("First webhook not "
                        + "answered 200: " + f));
                System.out.printf("Store at the end: %d messages, %d conversations%n",
                        parley.store().database().getCollection("messages").countDocuments(),
                        parley.store().database().getCollection("conversations")
                                .countDocuments());
            } finally {
                parley.close();
            }
        } finally {
            deleteTree(data);
        }
        System.exit(0);
    }

    private static ParleyConfig config(Path data, FakeTwilio twilio) {
        Map<String, String> env = new HashMap<>(twilio.env());
        env.put("PARLEY_HOST", "127.0.0.1");
        return ParleyConfig.load(env).with(0, data, Optional.of("bench-token-0123456789"));
    }

    private static void importPatients(Parley parley, List<SyntheticPatients.Patient> patients) {
        long started = System.nanoTime();
        byte[] csv = SyntheticPatients.csv(patients).getBytes(StandardCharsets.UTF_8);
        ImportResult result = parley.services().balances().importCsv(CLIENT, csv);
        System.out.printf("Imported %d synthetic patients in %d ms: %s%n", patients.size(),
                millisSince(started), result);
    }

    /** Where the fake Twilio files each reply: a queue per patient phone, with arrival times. */
    static final class Replies {

        /** One reply as it reached the fake Twilio. */
        record Arrival(long nanos, String body) {
        }

        private final Map<String, BlockingQueue<Arrival>> byPhone = new ConcurrentHashMap<>();
        private final AtomicLong unexpected = new AtomicLong();

        void expect(List<SyntheticPatients.Patient> patients) {
            patients.forEach(p -> byPhone.put(p.phone(), new LinkedBlockingQueue<>()));
        }

        BlockingQueue<Arrival> of(String phone) {
            return byPhone.get(phone);
        }

        void arrived(FakeTwilio.Request request, long nanos) {
            BlockingQueue<Arrival> queue = byPhone.get(request.to());
            if (queue == null) {
                unexpected.incrementAndGet();
                return;
            }
            queue.add(new Arrival(nanos, request.body()));
        }

        long unexpected() {
            return unexpected.get();
        }
    }

    /** The ceiling: the same HTTP server and request, parsed and answered with empty TwiML. */
    private static WebServer echoServer() {
        return WebServer.builder().host("127.0.0.1").port(0)
                .routing(routing -> routing.post("/twilio/sms", (req, res) -> {
                    String content = req.content().as(String.class);
                    Map<String, String> form = new LinkedHashMap<>();
                    for (String pair : content.split("&")) {
                        int eq = pair.indexOf('=');
                        form.putIfAbsent(URLDecoder.decode(pair.substring(0, eq),
                                        StandardCharsets.UTF_8),
                                URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                    }
                    if (!form.containsKey("MessageSid")) {
                        res.status(400).send();
                        return;
                    }
                    res.header(HeaderNames.CONTENT_TYPE, "text/xml");
                    res.send(EMPTY_TWIML);
                }))
                .build().start();
    }

    private static void report(Options o, LoadDriver.Result sms,
                               Optional<LoadDriver.Result> echo, Replies replies) {
        System.out.println();
        System.out.printf("%d patients, %d at once, %.1f s measured after %d s warm-up%n",
                o.patients(), o.concurrency(), sms.seconds(), o.warmup().toSeconds());
        System.out.println();
        System.out.println("| measured | count | per second | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        row("SMS turn: webhook sent → reply at Twilio", sms.turns(), sms.seconds(),
                sms.toReply());
        row("SMS webhook answered (200, empty TwiML)", sms.turns(), sms.seconds(),
                sms.answered());
        echo.ifPresent(e -> row("echo route answered (ceiling)", e.turns(), e.seconds(),
                e.answered()));
        System.out.println();
        System.out.printf("CPU (whole JVM: patients, Parley, store, fake Twilio): %.2f ms per SMS "
                + "turn, %.0f turns per CPU-second%s%n", sms.cpuNanos() / 1e6 / sms.turns(),
                sms.turnsPerCpuSecond(), echo.map(e -> String.format("; echo %.3f ms per "
                        + "request, %.0f per CPU-second", e.cpuNanos() / 1e6 / e.turns(),
                        e.turnsPerCpuSecond())).orElse(""));
        System.out.println("SMS turns completed in each second of the measured phase: "
                + timeline(sms.perSecond()));
        System.out.printf("Checks: %d turns had no reply within %d ms, %d webhooks were not "
                        + "answered 200, %d of %d balance turns showed a balance, %d replies "
                        + "went to a number no patient has%n", sms.timeouts(),
                o.turnTimeout().toMillis(), sms.failures(), sms.balancesShown(),
                sms.balancesExpected(), replies.unexpected());
        System.out.println("Machine load average (1, 5, 15 min) at the end: " + loadAverage()
                + "; other work on the machine lowers every figure");
        System.out.printf("Memory: JVM peak resident %s, heap used %d MB of %d MB%n",
                peakResident(), (Runtime.getRuntime().totalMemory()
                        - Runtime.getRuntime().freeMemory()) >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
    }

    private static void row(String what, long count, double seconds, Latencies l) {
        System.out.printf("| %s | %d | %.0f | %.1f | %.1f | %.1f | %.1f |%n", what, count,
                count / seconds, l.millis(50), l.millis(95), l.millis(99), l.maxMillis());
    }

    private static String timeline(long[] perSecond) {
        int last = perSecond.length - 1;
        while (last > 0 && perSecond[last] == 0) {
            last--;
        }
        StringBuilder line = new StringBuilder();
        for (int i = 0; i <= last; i++) {
            line.append(i == 0 ? "" : " ").append(perSecond[i]);
        }
        return line.toString();
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String peakResident() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/status"))) {
            return lines.filter(line -> line.startsWith("VmHWM:"))
                    .map(line -> line.substring(6).trim()).findFirst().orElse("unknown");
        } catch (IOException | UncheckedIOException e) {
            return "unknown";
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    /** Ends the whole process once {@code cap} has passed, so no run outlives its bound. */
    private static void watchdog(Duration cap) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(cap.toMillis());
                System.err.println("The benchmark ran past its wall-clock cap of "
                        + cap.toSeconds() + " s and was stopped");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static List<SyntheticPatients.Patient> slice(List<SyntheticPatients.Patient> all, int worker,
                                                 int workers) {
        List<SyntheticPatients.Patient> mine = new ArrayList<>();
        for (int i = worker; i < all.size(); i += workers) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
