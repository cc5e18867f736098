package org.parley;

/** A request or command was malformed; nothing was changed. */
public class BadInputException extends ParleyException {
    public BadInputException(String code, String message) {
        super(Kind.BAD_INPUT, code, message);
    }
}
