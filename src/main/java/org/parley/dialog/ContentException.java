package org.parley.dialog;

/** A dialog or locale file is wrong; the message starts with its file and line. */
public final class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }
}
