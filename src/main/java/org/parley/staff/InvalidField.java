package org.parley.staff;

import org.parley.BadInputException;

import java.util.Map;

/** One field of a staff request is missing or wrong; the answer names it, nothing is stored. */
final class InvalidField extends BadInputException {

    private final String field;

    InvalidField(String field, String message) {
        super("invalid_" + field.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(
                java.util.Locale.ROOT), message);
        this.field = field;
    }

    String field() {
        return field;
    }

    @Override
    public Object detail() {
        return Map.of("field", field);
    }
}
