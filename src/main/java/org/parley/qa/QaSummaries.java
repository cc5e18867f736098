package org.parley.qa;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The conversations' summaries, kept twice: whole in {@code qa_summaries} (one document per
 * conversation, read by id), and as the search index in {@code qa_summary_days}, one document
 * per client and UTC day the conversations started on, whose {@code rows} map each
 * conversation id to its summary as one compact string.
 *
 * <p>Searching a date range reads the range's day documents with one {@code _id $in} query:
 * an index lookup on every MongoDB, the embedded one included (which has no other indexes),
 * and never a scan of the conversations. A row is replaced by one atomic {@code $set}.
 */
final class QaSummaries {

    private final MongoCollection<Document> summaries;
    private final MongoCollection<Document> days;

    QaSummaries(MongoDatabase db) {
        this.summaries = db.getCollection("qa_summaries");
        this.days = db.getCollection("qa_summary_days");
        // For a real MongoDB's own queries and reports; the console reads by _id only.
        summaries.createIndex(Indexes.ascending("clientId", "startedAt"));
        summaries.createIndex(Indexes.ascending("ended", "lastAt"));
    }

    /**
     * Stores {@code s}: the day's row first, then the summary, so that a writer that dies
     * between the two leaves a summary that is out of date and made again.
     */
    void save(QaSummary s) {
        days.updateOne(new Document("_id", dayKey(s.clientId(), day(s))),
                Updates.combine(Updates.set("clientId", s.clientId()),
                        Updates.set("day", day(s).toString()),
                        Updates.set("rows." + s.conversationId(), s.row())),
                new UpdateOptions().upsert(true));
        summaries.replaceOne(new Document("_id", s.conversationId()), s.document(),
                new ReplaceOptions().upsert(true));
    }

    /** Stores many summaries, one write per day document touched and one per summary. */
    void saveAll(Collection<QaSummary> all) {
        Map<String, List<QaSummary>> byDay = new HashMap<>();
        all.forEach(s -> byDay.computeIfAbsent(dayKey(s.clientId(), day(s)),
                k -> new ArrayList<>()).add(s));
        byDay.forEach((key, list) -> {
            List<org.bson.conversions.Bson> sets = new ArrayList<>();
            sets.add(Updates.set("clientId", list.get(0).clientId()));
            sets.add(Updates.set("day", day(list.get(0)).toString()));
            list.forEach(s -> sets.add(Updates.set("rows." + s.conversationId(), s.row())));
            days.updateOne(new Document("_id", key), Updates.combine(sets),
                    new UpdateOptions().upsert(true));
        });
        if (!all.isEmpty()) {
            summaries.bulkWrite(all.stream().map(s -> new ReplaceOneModel<>(
                    new Document("_id", s.conversationId()), s.document(),
                    new ReplaceOptions().upsert(true))).toList());
        }
    }

    Optional<QaSummary> find(String conversationId) {
        return Optional.ofNullable(summaries.find(new Document("_id", conversationId)).first())
                .map(QaSummary::read);
    }

    /** The summaries of {@code ids} that exist, by id. */
    Map<String, QaSummary> find(Collection<String> ids) {
        Map<String, QaSummary> found = new HashMap<>();
        summaries.find(Filters.in("_id", ids))
                .forEach(d -> found.put(d.getString("_id"), QaSummary.read(d)));
        return found;
    }

    /** The ids of summaries not yet ended, for the job that notices conversations going idle. */
    List<Document> open() {
        return summaries.find(Filters.eq("ended", false))
                .projection(new Document("_id", 1).append("clientId", 1).append("lastAt", 1))
                .into(new ArrayList<>());
    }

    /**
     * Every summary of conversations the client started from {@code from} to {@code to} (UTC
     * days, both included), as the rows of the day documents.
     */
    List<SummaryRow> rows(String clientId, LocalDate from, LocalDate to) {
        List<String> keys = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            keys.add(dayKey(clientId, d));
        }
        List<SummaryRow> rows = new ArrayList<>();
        for (Document day : days.find(Filters.in("_id", keys))) {
            Document r = day.get("rows", Document.class);
            if (r != null) {
                r.forEach((id, row) -> rows.add(new SummaryRow(id, clientId, (String) row)));
            }
        }
        return rows;
    }

    /** The summaries of the rows of {@link #rows}, built whole. */
    List<QaSummary> summaries(String clientId, LocalDate from, LocalDate to) {
        return rows(clientId, from, to).stream().map(SummaryRow::summary).toList();
    }

    static String dayKey(String clientId, LocalDate day) {
        return clientId + "|" + day;
    }

    private static LocalDate day(QaSummary s) {
        return LocalDate.ofInstant(s.startedAt(), ZoneOffset.UTC);
    }
}
