package org.parley.web;

/**
 * A value a caller sent, shortened for an error reply: enough to recognize it, never the
 * megabytes a body may hold.
 */
public final class Echo {

    /** The most characters of a sent value an error reply repeats. */
    public static final int MAX = 80;

    private Echo() {
    }

    /** {@code value} itself, or its first {@value #MAX} characters and "…". */
    public static String cap(String value) {
        if (value.length() <= MAX) {
            return value;
        }
        // Never cut a surrogate pair in two.
        int end = Character.isHighSurrogate(value.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return value.substring(0, end) + "…";
    }

    /** {@link #cap} of {@code value}'s text. */
    public static String cap(Object value) {
        return cap(String.valueOf(value));
    }
}
