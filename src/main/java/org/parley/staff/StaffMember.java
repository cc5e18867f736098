package org.parley.staff;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A person who works in Parley's consoles. The password hash is not part of it: it stays in the
 * store and never leaves {@link StaffStore} except to be verified.
 *
 * @param id          Parley's id for the member, stable for life
 * @param email       the sign-in name, unique without regard to case
 * @param displayName the name shown on the consoles, shown as text whatever it contains
 * @param roles       what the member may do
 * @param languages   BCP 47 tags of the languages the member speaks with patients
 * @param clients     ids of the clients whose patients the member serves
 * @param active      false once deactivated: a deactivated member cannot sign in
 * @param hasPassword whether a password has been set; without one nobody can sign in as them
 * @param version     bumped by every change, for updates that must not overwrite another
 */
public record StaffMember(String id, String email, String displayName, Set<Role> roles,
                          List<String> languages, List<String> clients, boolean active,
                          boolean hasPassword, Instant createdAt, Instant updatedAt,
                          long version) {

    public StaffMember {
        roles = Set.copyOf(roles);
        languages = List.copyOf(languages);
        clients = List.copyOf(clients);
    }

    /** True when the member holds at least one of {@code wanted}, or when none is named. */
    public boolean hasAny(Role... wanted) {
        return wanted.length == 0 || Arrays.stream(wanted).anyMatch(roles::contains);
    }

    /** The roles in a stable order, as their names: {@code ["agent", "qa"]}. */
    public List<String> roleIds() {
        return Arrays.stream(Role.values()).filter(roles::contains).map(Role::id).toList();
    }
}
