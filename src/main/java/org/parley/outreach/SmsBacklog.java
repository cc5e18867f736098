package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * How many texts wait in the SMS outbox past their time: said by the sender but not yet handed
 * to Twilio. The sending job says no more while this is high, so that texts are not said
 * faster than they leave (a text handed over long after it was said could leave outside
 * contact hours), and so that the outbox the SMS workers read on every take stays small.
 */
@FunctionalInterface
interface SmsBacklog {

    /** No backlog is ever seen: for a sender without an SMS outbox. */
    SmsBacklog NONE = now -> 0;

    /** The texts queued in the SMS outbox whose time to go had come by {@code now}. */
    long overdue(Instant now);

    /** Counted in the SMS outbox ({@code outbox}, channel {@code sms}) of {@code db}. */
    static SmsBacklog of(MongoDatabase db) {
        MongoCollection<Document> outbox = db.getCollection("outbox");
        return now -> outbox.countDocuments(Filters.and(Filters.eq("channel", "sms"),
                Filters.eq("status", "queued"), Filters.lte("nextAttemptAt", Date.from(now))));
    }
}
