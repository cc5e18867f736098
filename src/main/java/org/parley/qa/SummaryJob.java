package org.parley.qa;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.parley.client.ClientSettings;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps the summaries up to date, as a background job one instance runs at a time: it takes
 * the conversations changed since its last run (by their {@code updatedAt}, with a margin for
 * clocks and writes in flight) and those whose idle time has just made them ended, and makes
 * again the summary of each whose conversation version or ended state differs from its own.
 */
final class SummaryJob {

    private static final Duration MARGIN = Duration.ofMinutes(2);
    private static final int BATCH = 200;

    private final MongoCollection<Document> conversationDocs;
    private final MongoCollection<Document> state;
    private final ConversationService conversations;
    private final Timelines timelines;
    private final QaSummaries summaries;
    private final Reviews reviews;
    private final ClientSettings settings;
    private final Clock clock;

    SummaryJob(MongoDatabase db, ConversationService conversations, Timelines timelines,
               QaSummaries summaries, Reviews reviews, ClientSettings settings, Clock clock) {
        this.conversationDocs = db.getCollection("conversations");
        this.state = db.getCollection("qa_state");
        this.conversations = conversations;
        this.timelines = timelines;
        this.summaries = summaries;
        this.reviews = reviews;
        this.settings = settings;
        this.clock = clock;
    }

    /** One pass; safe to run again at any time. */
    void run() {
        Instant now = clock.instant();
        Document last = state.find(new Document("_id", "summaries")).first();
        Instant since = last == null ? Instant.EPOCH : last.getDate("since").toInstant();
        Map<String, QaSettings> bySettings = new HashMap<>();

        Set<String> candidates = new LinkedHashSet<>();
        conversationDocs.find(Filters.gte("updatedAt", Date.from(since.minus(MARGIN))))
                .projection(new Document("_id", 1))
                .forEach(d -> candidates.add(d.getString("_id")));
        for (Document open : summaries.open()) {
            QaSettings s = bySettings.computeIfAbsent(open.getString("clientId"),
                    id -> QaSettings.of(settings, id));
            if (!open.getDate("lastAt").toInstant().plus(s.endedAfter()).isAfter(now)) {
                candidates.add(open.getString("_id"));
            }
        }

        List<String> ids = new ArrayList<>(candidates);
        for (int i = 0; i < ids.size(); i += BATCH) {
            refresh(ids.subList(i, Math.min(ids.size(), i + BATCH)), now, bySettings);
        }
        state.replaceOne(new Document("_id", "summaries"),
                new Document("_id", "summaries").append("since", Date.from(now)),
                new ReplaceOptions().upsert(true));
    }

    private void refresh(List<String> ids, Instant now, Map<String, QaSettings> bySettings) {
        Map<String, QaSummary> existing = summaries.find(ids);
        List<Conversation> stale = new ArrayList<>();
        for (String id : ids) {
            Optional<Conversation> c = conversations.find(id);
            if (c.isEmpty()) {
                continue;
            }
            QaSummary s = existing.get(id);
            QaSettings rules = bySettings.computeIfAbsent(c.get().clientId(),
                    client -> QaSettings.of(settings, client));
            boolean endsNow = s != null && !s.ended()
                    && !s.lastAt().plus(rules.endedAfter()).isAfter(now);
            if (s == null || s.version() != c.get().version() || endsNow) {
                stale.add(c.get());
            }
        }
        if (stale.isEmpty()) {
            return;
        }
        Map<String, Review.Score> scores = reviews.scores(stale.stream()
                .map(Conversation::id).toList());
        List<QaSummary> made = new ArrayList<>();
        timelines.of(stale).forEach((id, t) -> made.add(Summarizer.summarize(t,
                bySettings.get(t.conversation().clientId()), Optional.ofNullable(scores.get(id)),
                now)));
        summaries.saveAll(made);
    }
}
