package org.parley.store;

/** The database cannot be reached or opened; the message says what to change. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
