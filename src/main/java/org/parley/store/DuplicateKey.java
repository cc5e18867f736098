package org.parley.store;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;

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
}
