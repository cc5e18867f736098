package org.parley.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Whether a write failed on a unique index: the driver reports it as a write error for an
 * insert or update and as a command error for a find-and-modify upsert.
 */
public final class DuplicateKey {

    private DuplicateKey() {
    }

    /** True when {@code e} is a duplicate key error, from either kind of write. */
    public static boolean is(RuntimeException e) {
        int code;
        if (e instanceof MongoWriteException w) {
            code = w.getError().getCode();
        } else if (e instanceof MongoCommandException c) {
            code = c.getErrorCode();
        } else {
            return false;
        }
        return ErrorCategory.fromErrorCode(code) == ErrorCategory.DUPLICATE_KEY;
    }

    /**
     * Updates the document {@code filter} names, inserting it when there is none; when another
     * writer inserted it at the same moment, the update is applied to theirs.
     */
    public static void upsert(MongoCollection<Document> collection, Bson filter, Bson update) {
        try {
            collection.updateOne(filter, update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (!is(e)) {
                throw e;
            }
            collection.updateOne(filter, update);
        }
    }
}
