package org.parley.plans;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * What a patient asked of a plan while identity was still to be checked ("I can do $75 a
 * month", "cancel my plan"), one document per conversation in {@code plan_requests}:
 * verification takes turns of its own and forgets what the dialog collected, so the request
 * waits here until the plan flow takes it, once. The request is kept as read, never the words.
 * One left longer than {@link #KEPT} (the patient went elsewhere) is no longer taken.
 */
final class PlanRequests {

    /** How long a request waits: verifying takes minutes, not hours. */
    static final Duration KEPT = Duration.ofHours(1);

    private final MongoCollection<Document> requests;
    private final Clock clock;

    PlanRequests(MongoDatabase db, Clock clock) {
        this.requests = db.getCollection("plan_requests");
        this.clock = clock;
    }

    /** Keeps {@code request} for the conversation, or forgets any earlier one when empty. */
    void remember(String conversationId, Optional<PlanRequest> request) {
        if (request.isEmpty()) {
            requests.deleteOne(Filters.eq("_id", conversationId));
            return;
        }
        Document doc = new Document("_id", conversationId)
                .append("request", encode(request.get()))
                .append("at", Date.from(clock.instant()));
        requests.replaceOne(Filters.eq("_id", conversationId), doc,
                new ReplaceOptions().upsert(true));
    }

    /**
     * The request kept for the conversation, removed as it is read; empty when none is, or
     * when it was kept longer than {@link #KEPT}.
     */
    Optional<PlanRequest> take(String conversationId) {
        Document doc = requests.findOneAndDelete(Filters.eq("_id", conversationId));
        Instant since = clock.instant().minus(KEPT);
        return Optional.ofNullable(doc).filter(d -> !d.getDate("at").toInstant().isBefore(since))
                .map(d -> decode(d.getString("request")));
    }

    /** "amount:75.00:MONTHLY", "term:12:", "day:15", "skip", "cancel", "bad:NEGATIVE". */
    static String encode(PlanRequest request) {
        return switch (request) {
            case PlanRequest.Amount a -> "amount:" + a.amount().toPlainString() + ":"
                    + a.frequency().map(Enum::name).orElse("");
            case PlanRequest.Term t -> "term:" + t.months() + ":"
                    + t.frequency().map(Enum::name).orElse("");
            case PlanRequest.Day d -> "day:" + d.dayOfMonth();
            case PlanRequest.SkipNext s -> "skip";
            case PlanRequest.Cancel c -> "cancel";
            case PlanRequest.BadAmount b -> "bad:" + b.reason().name();
            case PlanRequest.Listing l -> "listing:" + l.frequency().name();
            case PlanRequest.Pick p -> "pick:" + p.position();
        };
    }

    static PlanRequest decode(String text) {
        String[] parts = text.split(":", -1);
        return switch (parts[0]) {
            case "amount" -> new PlanRequest.Amount(new BigDecimal(parts[1]), frequency(parts[2]));
            case "term" -> new PlanRequest.Term(Integer.parseInt(parts[1]), frequency(parts[2]));
            case "day" -> new PlanRequest.Day(Integer.parseInt(parts[1]));
            case "skip" -> new PlanRequest.SkipNext();
            case "cancel" -> new PlanRequest.Cancel();
            case "bad" -> new PlanRequest.BadAmount(MoneyParser.Reason.valueOf(parts[1]));
            case "listing" -> new PlanRequest.Listing(Frequency.valueOf(parts[1]));
            case "pick" -> new PlanRequest.Pick(Integer.parseInt(parts[1]));
            default -> throw new IllegalStateException("A kept plan request '" + text
                    + "' is not one this version writes");
        };
    }

    private static Optional<Frequency> frequency(String name) {
        return name.isEmpty() ? Optional.empty() : Optional.of(Frequency.valueOf(name));
    }
}
