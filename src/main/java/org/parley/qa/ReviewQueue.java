package org.parley.qa;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.BadInputException;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The weekly review queue of each client in {@code qa_queue}, one document per client and ISO
 * week: a random share of each agent's conversations and of the bot's (those no agent joined),
 * taken once per week, plus every flagged conversation, added whenever the queue is filled.
 */
final class ReviewQueue {

    static final String SAMPLED = "sampled";
    static final String FLAGGED = "flagged";
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private final MongoCollection<Document> queue;
    private final QaSummaries summaries;
    private final RandomGenerator random;
    private final Clock clock;

    ReviewQueue(MongoDatabase db, QaSummaries summaries, RandomGenerator random, Clock clock) {
        this.queue = db.getCollection("qa_queue");
        this.summaries = summaries;
        this.random = random;
        this.clock = clock;
    }

    /**
     * One conversation in the queue.
     *
     * @param reason {@value #SAMPLED} or {@value #FLAGGED}
     * @param group  the agent it was sampled for, or {@code bot}
     */
    record Entry(String conversationId, String reason, String group, Instant addedAt) {
    }

    /**
     * Fills the week's queue: the sample the first time, the flagged conversations every time.
     *
     * @param percent the share of each group to sample, 0 to 100
     * @return the whole queue of the week, in the order added
     */
    List<Entry> fill(String clientId, String week, int percent) {
        LocalDate monday = monday(week);
        List<QaSummary> rows = new ArrayList<>(summaries.summaries(clientId, monday,
                monday.plusDays(6)));
        rows.sort(java.util.Comparator.comparing(QaSummary::conversationId));
        Document current = queue.find(new Document("_id", key(clientId, week))).first();
        Document items = current == null || current.get("items") == null ? new Document()
                : current.get("items", Document.class);
        boolean sampled = current != null && current.get("sampledAt") != null;
        Date now = Date.from(clock.instant());

        List<Bson> sets = new ArrayList<>();
        if (!sampled) {
            Map<String, List<String>> groups = new TreeMap<>();
            for (QaSummary s : rows) {
                String group = s.agents().isEmpty() ? Rollups.BOT : s.agents().get(0);
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(s.conversationId());
            }
            groups.forEach((group, ids) -> {
                List<String> shuffled = new ArrayList<>(ids);
                Collections.shuffle(shuffled, random);
                int take = (ids.size() * percent + 99) / 100;
                for (String id : shuffled.subList(0, take)) {
                    items.put(id, entry(SAMPLED, group, now));
                    sets.add(Updates.set("items." + id, entry(SAMPLED, group, now)));
                }
            });
            sets.add(Updates.set("sampledAt", now));
            sets.add(Updates.set("percent", percent));
        }
        for (QaSummary s : rows) {
            if (!s.flags().isEmpty() && !items.containsKey(s.conversationId())) {
                String group = s.agents().isEmpty() ? Rollups.BOT : s.agents().get(0);
                items.put(s.conversationId(), entry(FLAGGED, group, now));
                sets.add(Updates.set("items." + s.conversationId(), entry(FLAGGED, group, now)));
            }
        }
        if (!sets.isEmpty()) {
            sets.add(Updates.set("clientId", clientId));
            sets.add(Updates.set("week", week));
            queue.updateOne(new Document("_id", key(clientId, week)), Updates.combine(sets),
                    new UpdateOptions().upsert(true));
        }
        return list(clientId, week);
    }

    /** The week's queue, sampled first, each part in the order its conversations were drawn. */
    List<Entry> list(String clientId, String week) {
        monday(week);
        Document current = queue.find(new Document("_id", key(clientId, week))).first();
        if (current == null || current.get("items") == null) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        current.get("items", Document.class).forEach((id, v) -> {
            Document d = (Document) v;
            entries.add(new Entry(id, d.getString("reason"), d.getString("group"),
                    d.getDate("addedAt").toInstant()));
        });
        return entries;
    }

    /** The Monday of an ISO week such as {@code 2026-W49}. */
    static LocalDate monday(String week) {
        Matcher m = WEEK.matcher(week == null ? "" : week.strip());
        if (!m.matches()) {
            throw new BadInputException("invalid_week", "'week' must be an ISO week such as "
                    + "2026-W49; got '" + week + "'");
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        LocalDate midYear = LocalDate.of(year, 6, 1);
        long weeks = midYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum();
        if (number < 1 || number > weeks) {
            throw new BadInputException("invalid_week", "Week " + week.strip() + " does not "
                    + "exist; " + year + " has " + weeks + " weeks");
        }
        return midYear.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(DayOfWeek.MONDAY);
    }

    private static Document entry(String reason, String group, Date at) {
        return new Document("reason", reason).append("group", group).append("addedAt", at);
    }

    private static String key(String clientId, String week) {
        return clientId + "|" + week;
    }
}
