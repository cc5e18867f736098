package org.parley.dialog;

import java.util.List;
import java.util.Map;

/**
 * Something the bot says: a message key with its arguments, not yet in any language, and the
 * intents offered as choices after it.
 */
public record Reply(String key, Map<String, Object> args, List<String> options) {

    public Reply {
        args = Map.copyOf(args);
        options = List.copyOf(options);
    }
}
