package org.parley;

/**
 * The root of Parley's own failures. Each says what was wrong, with the value, and what to do;
 * the web layer turns its {@link Kind} into an HTTP status in one place.
 */
public abstract class ParleyException extends RuntimeException {

    /** What sort of failure this is, independent of any transport. */
    public enum Kind { BAD_INPUT, NOT_FOUND, CONFLICT, GONE, UNAUTHORIZED, UNAVAILABLE }

    private final Kind kind;
    private final String code;

    protected ParleyException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** A stable, machine-readable name for the failure, such as {@code unknown_client}. */
    public String code() {
        return code;
    }

    /** Extra structured detail for the response body; none by default. */
    public Object detail() {
        return null;
    }
}
