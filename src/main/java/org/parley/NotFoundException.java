package org.parley;

/** Something named in a request does not exist. */
public final class NotFoundException extends ParleyException {
    public NotFoundException(String code, String message) {
        super(Kind.NOT_FOUND, code, message);
    }
}
