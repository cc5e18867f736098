package org.parley.outreach.campaign;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Who a campaign is for: either accounts matching every given rule, or a list of account
 * numbers the client uploads. A rule left out does not narrow the audience.
 *
 * @param list            true for an uploaded list; the rules are then all empty
 * @param balanceMin      owes at least this much (exact, inclusive)
 * @param balanceMax      owes at most this much (exact, inclusive)
 * @param daysSinceMin    at least this many days since the account's first statement
 * @param daysSinceMax    at most this many days since the account's first statement
 * @param planStates      the account's plan state is one of these: none, active, broken
 * @param languages       the account's language is one of these
 * @param reachable       the account can be reached on one of these: sms (has a mobile
 *                        number), email (has an email address)
 * @param noContactDays   no message in or out with the account in the last this many days
 */
public record Audience(boolean list, Optional<BigDecimal> balanceMin,
                       Optional<BigDecimal> balanceMax, Optional<Integer> daysSinceMin,
                       Optional<Integer> daysSinceMax, List<String> planStates,
                       List<String> languages, List<String> reachable,
                       Optional<Integer> noContactDays) {

    /** Plan states a rule may name. */
    public static final List<String> PLAN_STATES = List.of("none", "active", "broken");
    /** Channels a reachability rule may name. */
    public static final List<String> CHANNELS = List.of("sms", "email");

    public Audience {
        planStates = List.copyOf(planStates);
        languages = List.copyOf(languages);
        reachable = List.copyOf(reachable);
    }

    /** The audience of an uploaded list. */
    public static Audience uploaded() {
        return new Audience(true, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(), List.of(), List.of(), Optional.empty());
    }
}
