package org.parley.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Named leases in {@code leases}, so that a job every instance schedules runs on one of them at
 * a time: a lease is made by one insert, taken with one atomic {@code findOneAndUpdate} when it
 * is free or has run out, and renewed by its holder while the job works, so a job that died
 * holding it loses it when its time is up. Each lease also remembers the last period (such as a
 * day) its job finished, so a daily job runs once a day.
 */
public final class Leases {

    /** When the last run under the lease finished: the lease's end as that run left it. */
    private static final String FINISHED_AT = "finishedAt";

    private final MongoCollection<Document> leases;
    private final Clock clock;

    public Leases(MongoDatabase db, Clock clock) {
        this.leases = db.getCollection("leases");
        this.clock = clock;
    }

    /** A lease held by {@code holder} until {@code until}. */
    public record Lease(String name, String holder, Instant until, Optional<String> lastDone) {
    }

    /**
     * Takes the lease {@code name} for {@code holder} for {@code duration} if nobody else holds
     * it now; the holder may take it again to extend it.
     *
     * @return the lease, or empty when another holder has it
     */
    public Optional<Lease> claim(String name, String holder, Duration duration) {
        Instant now = clock.instant();
        Instant until = now.plus(duration);
        Document taken = leases.findOneAndUpdate(
                Filters.and(Filters.eq("_id", name), Filters.or(
                        Filters.exists("until", false),
                        Filters.lte("until", Date.from(now)),
                        Filters.eq("holder", holder))),
                Updates.combine(Updates.set("holder", holder),
                        Updates.set("until", Date.from(until))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (taken != null) {
            return Optional.of(new Lease(name, holder, until,
                    Optional.ofNullable(taken.getString("lastDone"))));
        }

        // Not there yet, or held. An upsert here would fail loudly on every held lease (the
        // embedded store logs each failed findAndModify as SEVERE); a plain insert refused as a
        // duplicate means someone holds it, or has just made it.
        return create(name, holder, until) ? Optional.of(new Lease(name, holder, until,
                Optional.empty())) : Optional.empty();
    }

    /**
     * Makes the lease {@code name}, held by {@code holder}.
     *
     * @return false when the lease is already there
     */
    boolean create(String name, String holder, Instant until) {
        try {
            leases.insertOne(new Document("_id", name).append("holder", holder)
                    .append("until", Date.from(until)));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Extends the lease of a holder whose job is still at work, so that only a holder that
     * stopped renewing loses it.
     *
     * @return false when the lease has passed to another holder meanwhile
     */
    public boolean renew(String name, String holder, Duration duration) {
        Instant until = clock.instant().plus(duration);
        return leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", holder)),
                Updates.set("until", Date.from(until))).getMatchedCount() == 1;
    }

    /**
     * Records that the holder's job finished {@code period} and frees the lease. Does nothing
     * when the lease has passed to another holder meanwhile.
     *
     * @return true when the holder still held the lease
     */
    public boolean done(String name, String holder, String period) {
        Date end = Date.from(clock.instant());
        return leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", holder)),
                Updates.combine(Updates.set("lastDone", period), Updates.set("until", end),
                        Updates.set(FINISHED_AT, end))).getMatchedCount() == 1;
    }

    /**
     * When a holder's run under lease {@code name} did not finish, neither done nor released
     * (its process was killed): the instant its lease runs or ran out. Empty when the last run
     * finished or there never was one.
     */
    public Optional<Instant> interrupted(String name) {
        Document lease = leases.find(new Document("_id", name)).first();
        if (lease == null || lease.getDate("until") == null) {
            return Optional.empty();
        }
        Date until = lease.getDate("until");
        // A finished run writes its end both as the lease's end and as its finish; a run that
        // was taken since, or released, moves only the lease's end.
        boolean finished = until.equals(lease.getDate(FINISHED_AT));
        return finished ? Optional.empty() : Optional.of(until.toInstant());
    }

    /**
     * Frees every lease still held, as if each had run out now: for a start on a store no other
     * process can reach, where every holder is a process that died. A run it frees that was cut
     * off stays {@link #interrupted}, so its job runs again at once.
     *
     * @return how many leases were freed
     */
    public long releaseAll() {
        Date now = Date.from(clock.instant());
        return leases.updateMany(Filters.gt("until", now), Updates.set("until", now))
                .getModifiedCount();
    }

    /** Frees the lease without recording a finished period. */
    public void release(String name, String holder) {
        leases.updateOne(Filters.and(Filters.eq("_id", name), Filters.eq("holder", holder)),
                Updates.set("until", Date.from(clock.instant())));
    }
}
