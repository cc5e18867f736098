package org.parley.staff;

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
 * Failed sign-ins per email in {@code staff_signin_failures}, shared by every instance:
 * {@code limit} failures within {@code window} lock the email for {@code lockFor}. Known and
 * unknown emails are counted alike, so the lock says nothing about which accounts exist. Emails
 * are kept only as their SHA-256.
 */
final class SignInThrottle {

    private final MongoCollection<Document> failures;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final Duration lockFor;

    SignInThrottle(MongoDatabase db, Clock clock, int limit, Duration window, Duration lockFor) {
        this.failures = db.getCollection("staff_signin_failures");
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.lockFor = lockFor;
    }

    Duration lockFor() {
        return lockFor;
    }

    /** When the email's lock ends, or empty when it is not locked now. */
    Optional<Instant> lockedUntil(String email) {
        Document d = failures.find(Filters.eq("_id", key(email))).first();
        Instant now = clock.instant();
        return Optional.ofNullable(d).map(x -> x.getDate("lockedUntil")).map(Date::toInstant)
                .filter(now::isBefore);
    }

    /**
     * Counts one failure: the first in a window opens it, the {@code limit}-th locks the email.
     *
     * @return true when this failure locked the email
     */
    boolean failed(String email) {
        String key = key(email);
        Instant now = clock.instant();
        Document counted = failures.findOneAndUpdate(
                Filters.and(Filters.eq("_id", key), Filters.gt("windowStart",
                        Date.from(now.minus(window)))),
                Updates.inc("count", 1),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        int count = counted == null ? openWindow(key, now) : counted.getInteger("count", 1);
        if (count < limit) {
            return false;
        }
        failures.updateOne(Filters.eq("_id", key), Updates.combine(
                Updates.set("lockedUntil", Date.from(now.plus(lockFor))),
                Updates.set("count", 0),
                Updates.set("windowStart", Date.from(now))));
        return true;
    }

    /** Forgets the email's failures after a successful sign-in. */
    void succeeded(String email) {
        failures.deleteOne(Filters.and(Filters.eq("_id", key(email)),
                Filters.not(Filters.gt("lockedUntil", Date.from(clock.instant())))));
    }

    private int openWindow(String key, Instant now) {
        try {
            failures.updateOne(Filters.eq("_id", key), Updates.combine(
                    Updates.set("windowStart", Date.from(now)), Updates.set("count", 1)),
                    new com.mongodb.client.model.UpdateOptions().upsert(true));
            return 1;
        } catch (MongoWriteException e) {
            // Another instance opened the window at the same moment: count in it instead.
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            Document d = failures.findOneAndUpdate(Filters.eq("_id", key),
                    Updates.inc("count", 1),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
            return d == null ? 1 : d.getInteger("count", 1);
        }
    }

    private static String key(String email) {
        return StaffSessions.digest(StaffStore.emailKey(email));
    }
}
