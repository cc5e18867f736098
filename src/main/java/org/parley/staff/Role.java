package org.parley.staff;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a staff member may do: each console and API names the roles it lets in. */
public enum Role {
    /** Takes conversations from the queue and talks with patients. */
    AGENT,
    /** Watches the queues and the agents, and can do an agent's work. */
    SUPERVISOR,
    /** Manages staff accounts. */
    ADMIN,
    /** Reviews and scores conversations. */
    QA;

    /** The name used in JSON and on pages: {@code agent}, {@code supervisor}, ... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role named {@code id} in any case, or empty. */
    public static Optional<Role> parse(String id) {
        return Arrays.stream(values())
                .filter(r -> r.id().equalsIgnoreCase(id.trim()))
                .findFirst();
    }

    /** Every role's name, for error messages: {@code agent, supervisor, admin, qa}. */
    public static String names() {
        return Arrays.stream(values()).map(Role::id).collect(Collectors.joining(", "));
    }
}
