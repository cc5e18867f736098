package org.parley.qa;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.parley.ParleyException;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reviews in {@code qa_reviews}, one document per conversation holding its scorecard answers and
 * its comments. Scoring checks the version the reviewer read, so a second reviewer who scored
 * meanwhile is not overwritten; comments are added atomically, masked, and never conflict.
 */
final class Reviews {

    private final MongoCollection<Document> reviews;
    private final Clock clock;

    Reviews(MongoDatabase db, Clock clock) {
        this.reviews = db.getCollection("qa_reviews");
        this.clock = clock;
        // Unique by _id anyway: it lets the versioned update be answered from an index.
        reviews.createIndex(Indexes.ascending("_id", "version"), new IndexOptions().unique(true));
    }

    /** Someone changed the review since the version given. */
    static final class Stale extends ParleyException {
        Stale(String conversationId, long expected, long actual) {
            super(Kind.CONFLICT, "review_changed", "The review of conversation "
                    + conversationId + " is at version " + actual + ", not " + expected
                    + ": someone changed it meanwhile. Load it again and score once more");
        }
    }

    Optional<Review> find(String conversationId) {
        return Optional.ofNullable(reviews.find(new Document("_id", conversationId)).first())
                .map(Reviews::read);
    }

    /** The scores of the reviews of {@code ids} that were scored, by conversation id. */
    Map<String, Review.Score> scores(Collection<String> ids) {
        Map<String, Review.Score> found = new HashMap<>();
        for (Document d : reviews.find(Filters.in("_id", ids))) {
            if (d.getInteger("score") != null) {
                found.put(d.getString("_id"), new Review.Score(d.getInteger("score"),
                        d.getBoolean("criticalFailed", false)));
            }
        }
        return found;
    }

    /**
     * Stores a reviewer's answers and their score if the review is still at {@code expected}
     * (0 for a conversation nobody reviewed or commented on yet).
     *
     * @throws Stale when it is not
     */
    Review score(String conversationId, String clientId, Map<String, Review.Answer> answers,
                 Review.Score score, String reviewerId, long expected) {
        Document answered = new Document();
        answers.forEach((id, a) -> answered.append(id, a.wire()));
        Date now = Date.from(clock.instant());
        // Version 0 may be a review nobody scored yet, with or without comments: upserted.
        try {
            UpdateResult result = reviews.updateOne(Filters.and(
                            Filters.eq("_id", conversationId), Filters.eq("version", expected)),
                    Updates.combine(Updates.setOnInsert("clientId", clientId),
                            Updates.setOnInsert("comments", List.of()),
                            Updates.set("answers", answered),
                            Updates.set("score", score.percent()),
                            Updates.set("criticalFailed", score.criticalFailed()),
                            Updates.set("reviewerId", reviewerId),
                            Updates.set("reviewedAt", now), Updates.inc("version", 1L)),
                    new UpdateOptions().upsert(expected == 0));
            if (result.getMatchedCount() == 0 && result.getUpsertedId() == null) {
                throw stale(conversationId, expected);
            }
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw stale(conversationId, expected);
        }
        return find(conversationId).orElseThrow();
    }

    /**
     * Pins a comment to message {@code seq}; returns the review with it. A comment leaves the
     * version alone: it changes no answer, so a colleague's comment never makes a score stale.
     *
     * @param text the comment with its personal details already masked
     */
    Review comment(String conversationId, String clientId, long seq, String text,
                   String authorId) {
        Document comment = new Document("id", UUID.randomUUID().toString())
                .append("seq", seq).append("text", text).append("authorId", authorId)
                .append("at", Date.from(clock.instant()));
        reviews.updateOne(new Document("_id", conversationId), Updates.combine(
                        Updates.setOnInsert("clientId", clientId),
                        Updates.setOnInsert("answers", new Document()),
                        Updates.setOnInsert("version", 0L),
                        Updates.push("comments", comment)),
                new UpdateOptions().upsert(true));
        return find(conversationId).orElseThrow();
    }

    private Stale stale(String conversationId, long expected) {
        long actual = find(conversationId).map(Review::version).orElse(0L);
        return new Stale(conversationId, expected, actual);
    }

    private static Review read(Document d) {
        Map<String, Review.Answer> answers = new LinkedHashMap<>();
        Document a = d.get("answers", Document.class);
        if (a != null) {
            a.forEach((id, v) -> Review.Answer.parse(String.valueOf(v))
                    .ifPresent(x -> answers.put(id, x)));
        }
        Optional<Review.Score> score = Optional.ofNullable(d.getInteger("score"))
                .map(s -> new Review.Score(s, d.getBoolean("criticalFailed", false)));
        List<Review.Comment> comments = d.getList("comments", Document.class, List.of())
                .stream().map(c -> new Review.Comment(c.getString("id"), c.getLong("seq"),
                        c.getString("text"), c.getString("authorId"),
                        c.getDate("at").toInstant())).toList();
        return new Review(d.getString("_id"), d.getString("clientId"), answers, score,
                Optional.ofNullable(d.getString("reviewerId")),
                Optional.ofNullable(d.getDate("reviewedAt")).map(Date::toInstant), comments,
                d.getLong("version"));
    }
}
