package org.parley.assistance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A change of an application's status as a client sends it, through the API or a status file,
 * with what the new status needs: the missing documents for incomplete, the discount for
 * approved, the reason for denied.
 */
public record StatusUpdate(ApplicationStatus status, List<String> missing,
                           Optional<String> reason, Optional<BigDecimal> discountPercent) {

    /** The reasons a client may give for a denial; each is worded in every language. */
    public static final Set<String> REASONS = Set.of("income_above_limit",
            "documents_not_received", "other_coverage", "other");

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public StatusUpdate {
        missing = List.copyOf(missing);
    }

    /**
     * A field of an update that does not fit the status or the program.
     *
     * @param field    {@code missing}, {@code reason} or {@code discountPercent}
     * @param value    what was sent, empty when missing
     * @param expected what should be there, phrased to follow "is not"
     */
    public record Issue(String field, String value, String expected) {

        /** A sent value is repeated only in part: it may be megabytes long. */
        public Issue {
            value = org.parley.web.Echo.cap(value);
        }
    }

    /** What is wrong with this update for an application of {@code program}; empty if fine. */
    List<Issue> issues(Program program) {
        List<Issue> issues = new ArrayList<>();
        boolean incomplete = status == ApplicationStatus.INCOMPLETE;
        boolean approved = status == ApplicationStatus.APPROVED;
        boolean denied = status == ApplicationStatus.DENIED;

        Set<String> known = new TreeSet<>(Program.RequiredDocument.CATALOGUE);
        program.documents().forEach(d -> known.add(d.id()));
        if (incomplete && missing.isEmpty()) {
            issues.add(new Issue("missing", "", "the missing documents, one or more of " + known));
        }
        if (!incomplete && !missing.isEmpty()) {
            issues.add(new Issue("missing", String.join(";", missing), "given for "
                    + status.code() + "; missing documents go with incomplete only"));
        }
        for (String id : incomplete ? missing : List.<String>of()) {
            if (!known.contains(id)) {
                issues.add(new Issue("missing", id, "a document of the program or the catalogue: "
                        + known));
            }
        }
        if (incomplete && missing.stream().distinct().count() != missing.size()) {
            issues.add(new Issue("missing", String.join(";", missing),
                    "a list naming each document once"));
        }

        if (denied && reason.isEmpty()) {
            issues.add(new Issue("reason", "", "a reason for the denial, one of "
                    + new TreeSet<>(REASONS)));
        }
        reason.ifPresent(r -> {
            if (!denied) {
                issues.add(new Issue("reason", r, "given for " + status.code()
                        + "; a reason goes with denied only"));
            } else if (!REASONS.contains(r)) {
                issues.add(new Issue("reason", r, "one of " + new TreeSet<>(REASONS)));
            }
        });

        if (approved && discountPercent.isEmpty()) {
            issues.add(new Issue("discountPercent", "", "the discount granted, a percentage "
                    + "above 0 and at most 100"));
        }
        discountPercent.ifPresent(p -> {
            if (!approved) {
                issues.add(new Issue("discountPercent", p.toPlainString(), "given for "
                        + status.code() + "; a discount goes with approved only"));
            } else if (p.signum() <= 0 || p.compareTo(HUNDRED) > 0
                    || p.stripTrailingZeros().scale() > 2) {
                issues.add(new Issue("discountPercent", p.toPlainString(), "a percentage above "
                        + "0 and at most 100, with at most 2 decimals"));
            }
        });
        return issues;
    }

    /** True when the application already stands where this update would put it. */
    boolean sameAs(Application app) {
        return app.status() == status && app.missing().equals(missing)
                && app.reason().equals(reason)
                && (status != ApplicationStatus.APPROVED || app.discount().map(d -> d.percent()
                        .compareTo(discountPercent.orElse(BigDecimal.ZERO)) == 0).orElse(false));
    }
}
