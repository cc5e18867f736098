package org.parley.assistance;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an assistance application stands, and the moves allowed from each state. Approved,
 * denied and withdrawn are final. An incomplete application may be told it is incomplete again
 * with another list of missing documents.
 */
public enum ApplicationStatus {
    /** A person from the client must still send the application to the patient. */
    REQUESTED,
    /** The patient has the application (a link or a form). */
    SENT,
    /** The client has the patient's application. */
    RECEIVED,
    /** Documents are missing; the application says which. */
    INCOMPLETE,
    /** The client is deciding. */
    UNDER_REVIEW,
    /** Decided: the discount is applied to the balance. */
    APPROVED,
    /** Decided: not approved, with the client's reason. */
    DENIED,
    /** The patient no longer applies. */
    WITHDRAWN;

    private static final Map<ApplicationStatus, Set<ApplicationStatus>> MOVES = Map.of(
            REQUESTED, EnumSet.of(SENT, RECEIVED, WITHDRAWN),
            SENT, EnumSet.of(RECEIVED, WITHDRAWN),
            RECEIVED, EnumSet.of(INCOMPLETE, UNDER_REVIEW, APPROVED, DENIED, WITHDRAWN),
            INCOMPLETE, EnumSet.of(INCOMPLETE, RECEIVED, UNDER_REVIEW, APPROVED, DENIED,
                    WITHDRAWN),
            UNDER_REVIEW, EnumSet.of(INCOMPLETE, APPROVED, DENIED, WITHDRAWN),
            APPROVED, EnumSet.noneOf(ApplicationStatus.class),
            DENIED, EnumSet.noneOf(ApplicationStatus.class),
            WITHDRAWN, EnumSet.noneOf(ApplicationStatus.class));

    /** The name used in the API, files and messages, such as {@code under_review}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state named {@code code}, as the API and files write it. */
    public static Optional<ApplicationStatus> of(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    /** Every state's name, in order, for error messages. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(ApplicationStatus::code).toList();
    }

    /** The states this one may move to, in order; none for a final state. */
    public List<ApplicationStatus> next() {
        return MOVES.get(this).stream().sorted().toList();
    }

    public boolean canMoveTo(ApplicationStatus target) {
        return MOVES.get(this).contains(target);
    }

    /** True until the application is decided or withdrawn. */
    public boolean pending() {
        return !MOVES.get(this).isEmpty();
    }
}
