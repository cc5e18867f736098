package org.parley.outreach;

import org.bson.Document;
import org.parley.store.Store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How long the sending job's look for due sends takes on the embedded store (an H2 file in a
 * temp folder, deleted after) with N scheduled sends: the query over every send, as the sender
 * asked it before {@link DueSends} (its sweep now), against reading the lanes. Not a test:
 * {@code java -cp ... org.parley.outreach.DueBenchmark [N] [batches]}.
 */
public final class DueBenchmark {

    private static final int BATCH = Sender.BATCH;

    private DueBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path data = Files.createTempDirectory("bench-due");
        Instant start = Instant.parse("2026-12-07T17:00:00Z");
        Clock clock = Clock.fixed(start, ZoneOffset.UTC);
        try (Store store = Store.embedded(data, "parley")) {
            Outbox outbox = new Outbox(store.database(), clock);

            long t;
            try (Store before = Store.embedded(data.resolve("before"), "parley")) {
                Outbox plain = new Outbox(before.database(), clock);
                t = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    plain.collection().insertOne(new Document("_id", "campaign:bench:1:A" + i)
                            .append("clientId", "example-health").append("account", "A" + i)
                            .append("source", "campaign").append("event", "campaign")
                            .append("campaignId", "bench").append("step", 1)
                            .append("template", "campaign.reminder").append("args",
                                    new Document()).append("channels", List.of("sms"))
                            .append("dueAt", java.util.Date.from(start.minusSeconds(n - i)))
                            .append("options", List.of()).append("goTo", null)
                            .append("status", "scheduled").append("holds", List.of()));
                }
                System.out.printf("%,d sends inserted as the outbox did before (no due "
                        + "entry): %.1f s%n", n, seconds(t));
            }

            t = System.nanoTime();
            for (int i = 0; i < n; i++) {
                outbox.schedule(new Send("campaign:bench:1:A" + i, "example-health", "A" + i,
                        Send.CAMPAIGN, "campaign", "bench", 1, "campaign.reminder", Map.of(),
                        List.of("sms"), start.minusSeconds(n - i), List.of(), Optional.empty()));
            }
            System.out.printf("%,d sends scheduled through the outbox (send + due entry): "
                    + "%.1f s%n", n, seconds(t));

            DueSends due = outbox.due();
            for (int i = 0; i < 3; i++) {
                t = System.nanoTime();
                List<Document> swept = due.sweep(BATCH, Set.of(), start);
                System.out.printf("query over every send (the sender's look before): %d sends "
                        + "in %.1f ms%n", swept.size(), millis(t));
            }
            due.due(BATCH, Set.of());
            for (int i = 0; i < batches; i++) {
                t = System.nanoTime();
                List<Document> read = due.due(BATCH, Set.of());
                System.out.printf("lanes, batch %d: %d sends in %.1f ms (first %s)%n", i + 1,
                        read.size(), millis(t), read.isEmpty() ? "-"
                                : read.get(0).getString("_id"));
            }
        } finally {
            try (Stream<Path> files = Files.walk(data)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private static double millis(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
