package org.parley.qa;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.parley.store.Store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The QA search benchmark ({@code bin/bench-qa}): generates conversation summaries on the
 * embedded store (its H2 file in a temp folder), then times searches of the QA console over
 * them, each as the console asks it. For comparison it also times one filter as a plain MongoDB
 * query on {@code qa_summaries}, which the embedded store can only answer by scanning.
 *
 * <p>Usage: {@code bin/bench-qa [--conversations N] [--days D] [--runs R] [--seed S]}
 * (defaults: 100,000 conversations over 90 days, 30 timed runs per search after 5 warm-ups).
 */
public final class QaSearchBenchmark {

    private static final String CLIENT = "example-health";
    private static final List<String> CHANNELS = List.of("webchat", "sms", "sms", "email");
    private static final List<String> LANGUAGES = List.of("en", "en", "en", "es", "es", "vi",
            "zh", "ko", "ru", "tl", "ar");
    private static final List<String> FLOWS = List.of("check-balance", "pay-now",
            "payment-plan", "financing", "financial-assistance", "talk-to-agent");
    private static final List<String> INTENTS = List.of("check_balance", "pay",
            "payment_plan", "financing", "financial_assistance", "talk_to_agent", "help");

    private QaSearchBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("conversations", "100000"));
        int days = Integer.parseInt(options.getOrDefault("days", "90"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "30"));
        long seed = Long.parseLong(options.getOrDefault("seed", "20261204"));
        LocalDate last = LocalDate.of(2026, 12, 4);

        Path dir = Files.createTempDirectory("parley-bench-qa-");
        try (Store store = Store.embedded(dir, "parley")) {
            QaSummaries summaries = new QaSummaries(store.database());
            long start = System.nanoTime();
            generate(summaries, count, days, last, new SplittableRandom(seed));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "generated %,d conversation summaries over %d days "
                    + "in %.1f s (%,.0f a second)%n", count, days, seconds, count / seconds);

            QaSearch search = new QaSearch(summaries);
            String wide = "from=" + last.minusDays(days - 1) + "&to=" + last;
            Map<String, String> queries = new LinkedHashMap<>();
            queries.put("last 30 days, newest first, page 1", "");
            queries.put("30 days, SMS in Spanish", "channel=sms&language=es");
            queries.put("30 days, flow payment-plan, handed to an agent",
                    "flow=payment-plan&handed=yes");
            queries.put(days + " days, any flag, page 3", wide + "&flag=any&page=3");
            queries.put(days + " days, agent-7, paid", wide + "&agent=agent-7&outcome=paid");
            queries.put(days + " days, reviewed, lowest score first",
                    wide + "&reviewed=yes&sort=score");
            queries.put(days + " days, nothing matches", wide + "&intent=no_such_intent");

            System.out.printf(Locale.ROOT, "%n| search | conversations read | matched | p50 ms "
                    + "| p95 ms | p99 ms | max ms |%n|---|---:|---:|---:|---:|---:|---:|%n");
            for (Map.Entry<String, String> q : queries.entrySet()) {
                QaSearch.Query query = QaSearch.parse(CLIENT, params(q.getValue()),
                        last.atTime(18, 0).toInstant(ZoneOffset.UTC), Set.copyOf(LANGUAGES));
                int read = summaries.rows(CLIENT, query.from(), query.to()).size();
                QaSearch.Page page = search.run(query);
                report(q.getKey(), read, page.total(), time(runs, () -> search.run(query)));
            }

            // The same question a real MongoDB answers from an index on qa_summaries: the
            // embedded store has no secondary indexes and scans every summary for it.
            var collection = store.database().getCollection("qa_summaries");
            Supplier<Object> scan = () -> collection.find(Filters.and(
                            Filters.eq("clientId", CLIENT), Filters.eq("channel", "sms"),
                            Filters.eq("language", "es"), Filters.gte("startedAt",
                                    java.util.Date.from(last.minusDays(29)
                                            .atStartOfDay(ZoneOffset.UTC).toInstant()))))
                    .sort(Sorts.descending("startedAt")).limit(25).into(new ArrayList<>());
            report("for comparison: 30 days, SMS in Spanish as a find() on qa_summaries "
                    + "(a scan here)", count, -1, time(Math.max(3, runs / 5), scan));
        } finally {
            delete(dir);
        }
    }

    private static void generate(QaSummaries summaries, int count, int days, LocalDate last,
                                 SplittableRandom random) {
        Instant first = last.minusDays(days - 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = Duration.ofDays(days).toMillis();
        List<QaSummary> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant started = first.plusMillis(random.nextLong(span));
            boolean handed = random.nextInt(100) < 30;
            List<String> flows = new ArrayList<>(List.of("main", "verify-identity"));
            flows.add(FLOWS.get(random.nextInt(FLOWS.size())));
            List<String> outcomes = new ArrayList<>();
            int o = random.nextInt(100);
            if (o < 25) {
                outcomes.add(QaSummary.PAID);
            } else if (o < 40) {
                outcomes.add(QaSummary.PLAN_CREATED);
            } else if (o < 45) {
                outcomes.add(QaSummary.OPTED_OUT);
            } else if (o < 50) {
                outcomes.add(QaSummary.ASSISTANCE_REQUESTED);
            } else if (o < 70) {
                outcomes.add(QaSummary.ABANDONED);
            }
            List<Flags.Flag> flags = random.nextInt(100) < 12
                    ? List.of(new Flags.Flag(Flags.ALL.get(random.nextInt(Flags.ALL.size())),
                    3)) : List.of();
            Optional<Integer> score = random.nextInt(100) < 5
                    ? Optional.of(random.nextInt(101)) : Optional.empty();
            batch.add(new QaSummary(String.format("c-%08d", i), CLIENT,
                    CHANNELS.get(random.nextInt(CHANNELS.size())),
                    LANGUAGES.get(random.nextInt(LANGUAGES.size())), started,
                    started.plusSeconds(60 + random.nextInt(3600)), 10, 4 + random.nextInt(30),
                    flows, List.of(INTENTS.get(random.nextInt(INTENTS.size()))), handed,
                    handed ? List.of("agent-" + random.nextInt(20)) : List.of(), outcomes, flags,
                    true, score, score.isPresent() && random.nextInt(10) == 0));
            if (batch.size() == 2000) {
                summaries.saveAll(batch);
                batch.clear();
            }
        }
        summaries.saveAll(batch);
    }

    private static long[] time(int runs, Supplier<Object> work) {
        for (int i = 0; i < 5; i++) {
            work.get();
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void report(String name, int read, int matched, long[] nanos) {
        System.out.printf(Locale.ROOT, "| %s | %,d | %s | %.1f | %.1f | %.1f | %.1f |%n", name,
                read, matched < 0 ? "25 shown" : String.format(Locale.ROOT, "%,d", matched),
                percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
                nanos[nanos.length - 1] / 1e6);
    }

    /** The nearest-rank percentile, in milliseconds. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static Map<String, List<String>> params(String query) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                params.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
            }
        }
        return params;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help")) {
                System.out.println("bin/bench-qa [--conversations N] [--days D] [--runs R] "
                        + "[--seed S]");
                System.exit(0);
            }
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Unknown argument '" + args[i] + "'; see "
                        + "--help");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
