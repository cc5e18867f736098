package org.parley.client;

import org.parley.BadInputException;

import java.util.Map;

/**
 * A settings document that cannot be stored: the message names the field, what was wrong with
 * it and what to send instead, and the response's {@code detail} names the field for programs.
 */
public final class SettingsRejected extends BadInputException {

    private final String field;

    public SettingsRejected(String field, String message) {
        super("invalid_setting", field + " " + message);
        this.field = field;
    }

    /** The path of the field, such as {@code tiers[1].upTo}. */
    public String field() {
        return field;
    }

    @Override
    public Object detail() {
        return Map.of("field", field);
    }
}
