package org.parley.qa;

import org.parley.BadInputException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Finds conversations for review by client, start date, channel, language, flow, intent,
 * handoff, agent, outcome, score, review and flags, sorted and paged. It reads the summaries
 * of the date range from their day documents (one indexed lookup) and filters those rows.
 */
final class QaSearch {

    /** The widest date range one search may span. */
    static final int MAX_DAYS = 366;
    static final int DEFAULT_DAYS = 30;
    static final int MAX_SIZE = 200;
    static final List<String> SORTS = List.of("newest", "oldest", "score", "-score", "flags");
    static final List<String> PARAMETERS = List.of("clientId", "from", "to", "channel",
            "language", "flow", "intent", "handed", "agent", "outcome", "flag", "minScore",
            "maxScore", "reviewed", "sort", "page", "size");
    /** Parameters that take a comma-separated list (and may be repeated, adding values). */
    static final List<String> LISTS = List.of("channel", "language", "flow", "intent", "agent",
            "outcome", "flag");
    static final List<String> CHANNELS = List.of("webchat", "sms", "email");

    private final QaSummaries summaries;

    QaSearch(QaSummaries summaries) {
        this.summaries = summaries;
    }

    /**
     * What to look for. Empty sets and optionals match everything; several values of one
     * filter match any of them.
     *
     * @param flags the conversations must carry at least one of these; {@code any} for any flag
     */
    record Query(String clientId, LocalDate from, LocalDate to, Set<String> channels,
                 Set<String> languages, Set<String> flows, Set<String> intents,
                 Optional<Boolean> handed, Set<String> agents, Set<String> outcomes,
                 Set<String> flags, Optional<Integer> minScore, Optional<Integer> maxScore,
                 Optional<Boolean> reviewed, String sort, int page, int size) {
    }

    /** One page of what matched, and how many matched in all. */
    record Page(int total, int page, int size, List<QaSummary> conversations) {
    }

    Page run(Query q) {
        List<SummaryRow> matched = matching(q);
        int fromIndex = Math.min(matched.size(), (q.page() - 1) * q.size());
        int toIndex = Math.min(matched.size(), fromIndex + q.size());
        return new Page(matched.size(), q.page(), q.size(), matched.subList(fromIndex, toIndex)
                .stream().map(SummaryRow::summary).toList());
    }

    /** Every summary the query matches, unpaged, in its order. */
    List<QaSummary> all(Query q) {
        return matching(q).stream().map(SummaryRow::summary).toList();
    }

    private List<SummaryRow> matching(Query q) {
        Predicate<SummaryRow> matches = matcher(q);
        List<SummaryRow> matched = new ArrayList<>();
        for (SummaryRow row : summaries.rows(q.clientId(), q.from(), q.to())) {
            if (matches.test(row)) {
                matched.add(row);
            }
        }
        matched.sort(order(q.sort()));
        return matched;
    }

    static Predicate<SummaryRow> matcher(Query q) {
        return r -> (q.channels().isEmpty() || q.channels().stream()
                        .anyMatch(c -> r.is(SummaryRow.CHANNEL, c)))
                && anyOf(q.languages(), r, SummaryRow.LANGUAGE)
                && anyOf(q.flows(), r, SummaryRow.FLOWS)
                && anyOf(q.intents(), r, SummaryRow.INTENTS)
                && q.handed().map(h -> r.is(SummaryRow.HANDED, h ? "1" : "0")).orElse(true)
                && anyOf(q.agents(), r, SummaryRow.AGENTS)
                && (q.outcomes().isEmpty() || q.outcomes().stream()
                        .anyMatch(o -> r.has(SummaryRow.OUTCOMES, o)))
                && (q.flags().isEmpty() || (q.flags().contains("any")
                        ? !r.isEmpty(SummaryRow.FLAGS)
                        : q.flags().stream().anyMatch(f -> r.has(SummaryRow.FLAGS, f))))
                && q.minScore().map(min -> !r.isEmpty(SummaryRow.SCORE)
                        && r.number(SummaryRow.SCORE) >= min).orElse(true)
                && q.maxScore().map(max -> !r.isEmpty(SummaryRow.SCORE)
                        && r.number(SummaryRow.SCORE) <= max).orElse(true)
                && q.reviewed().map(yes -> yes != r.isEmpty(SummaryRow.SCORE)).orElse(true);
    }

    /** Whether the list field holds one of {@code values}, or {@code values} is empty. */
    private static boolean anyOf(Set<String> values, SummaryRow r, int field) {
        return values.isEmpty() || values.stream().anyMatch(v -> r.has(field, v));
    }

    private static Comparator<SummaryRow> order(String sort) {
        Comparator<SummaryRow> byId = Comparator.comparing(SummaryRow::conversationId);
        Comparator<SummaryRow> newest = Comparator.comparingLong(
                (SummaryRow r) -> -r.number(SummaryRow.STARTED_AT)).thenComparing(byId);
        return switch (sort) {
            case "oldest" -> Comparator.comparingLong((SummaryRow r) ->
                    r.number(SummaryRow.STARTED_AT)).thenComparing(byId);
            case "score" -> Comparator.comparingLong((SummaryRow r) -> score(r, 1000))
                    .thenComparing(newest);
            case "-score" -> Comparator.comparingLong((SummaryRow r) -> -score(r, -1))
                    .thenComparing(newest);
            case "flags" -> Comparator.comparingInt((SummaryRow r) -> -r.count(SummaryRow.FLAGS))
                    .thenComparing(newest);
            default -> newest;
        };
    }

    private static long score(SummaryRow r, long unscored) {
        return r.isEmpty(SummaryRow.SCORE) ? unscored : r.number(SummaryRow.SCORE);
    }

    /**
     * Reads a query from request parameters: those of {@link #LISTS} take a comma-separated
     * list (repeating one adds its values), the others are given once.
     *
     * @param clientId  the client, already checked against what the reviewer may see
     * @param languages the languages Parley speaks
     * @throws BadInputException naming the parameter that is wrong
     */
    static Query parse(String clientId, Map<String, List<String>> params, Instant now,
                       Collection<String> languages) {
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String name = e.getKey();
            if (!PARAMETERS.contains(name)) {
                throw new BadInputException("unknown_parameter", "'" + name + "' is not a "
                        + "search parameter; use " + PARAMETERS);
            }
            if (e.getValue().size() > 1 && !LISTS.contains(name)) {
                throw new BadInputException("repeated_parameter", "'" + name + "' is given "
                        + e.getValue().size() + " times; give it once (only " + LISTS
                        + " take several values)");
            }
        }
        LocalDate to = date(params, "to").orElse(LocalDate.ofInstant(now, ZoneOffset.UTC));
        LocalDate from = date(params, "from").orElse(to.minusDays(DEFAULT_DAYS - 1));
        if (from.isAfter(to)) {
            throw new BadInputException("invalid_from", "'from' (" + from + ") is after 'to' ("
                    + to + "); send from on or before to");
        }
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new BadInputException("invalid_from", "From " + from + " to " + to + " is more "
                    + "than " + MAX_DAYS + " days; search at most a year at a time");
        }
        Set<String> outcomes = set(params, "outcome");
        check("outcome", outcomes, QaSummary.OUTCOMES);
        Set<String> flags = set(params, "flag");
        List<String> knownFlags = new ArrayList<>(Flags.ALL);
        knownFlags.add("any");
        check("flag", flags, knownFlags);
        String sort = one(params, "sort").orElse("newest");
        check("sort", Set.of(sort), SORTS);
        Set<String> channels = set(params, "channel");
        check("channel", channels, CHANNELS);
        Set<String> spoken = set(params, "language");
        check("language", spoken, languages.stream().sorted().toList());
        return new Query(clientId, from, to, channels, spoken, set(params, "flow"),
                set(params, "intent"), yesNo(params, "handed"), set(params, "agent"), outcomes,
                flags, number(params, "minScore", 0, 100),
                number(params, "maxScore", 0, 100), yesNo(params, "reviewed"), sort,
                number(params, "page", 1, 100_000).orElse(1),
                number(params, "size", 1, MAX_SIZE).orElse(25));
    }

    private static Optional<String> one(Map<String, List<String>> params, String name) {
        return params.getOrDefault(name, List.of()).stream().map(String::strip)
                .filter(v -> !v.isEmpty()).findFirst();
    }

    private static Set<String> set(Map<String, List<String>> params, String name) {
        Set<String> values = new TreeSet<>();
        params.getOrDefault(name, List.of()).forEach(v -> Arrays.stream(v.split(","))
                .map(String::strip).filter(x -> !x.isEmpty()).forEach(values::add));
        return values;
    }

    private static void check(String name, Set<String> values, List<String> known) {
        for (String v : values) {
            if (!known.contains(v)) {
                throw new BadInputException("invalid_" + name, "'" + name + "' cannot be '" + v
                        + "'; use one of " + known);
            }
        }
    }

    private static Optional<LocalDate> date(Map<String, List<String>> params, String name) {
        Optional<String> text = one(params, name);
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new BadInputException("invalid_" + name, "'" + name + "' must be a date such "
                    + "as 2026-12-04; got '" + text.get() + "'");
        }
    }

    private static Optional<Integer> number(Map<String, List<String>> params, String name,
                                            int min, int max) {
        Optional<String> text = one(params, name);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return Optional.of(value);
            }
        } catch (NumberFormatException e) {
            // Said below, with the range.
        }
        throw new BadInputException("invalid_" + name, "'" + name + "' must be a whole number "
                + "from " + min + " to " + max + "; got '" + text.get() + "'");
    }

    private static Optional<Boolean> yesNo(Map<String, List<String>> params, String name) {
        Optional<String> text = one(params, name).map(v -> v.toLowerCase(Locale.ROOT));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return switch (text.get()) {
            case "yes", "true" -> Optional.of(true);
            case "no", "false" -> Optional.of(false);
            default -> throw new BadInputException("invalid_" + name, "'" + name + "' must be "
                    + "yes or no; got '" + text.get() + "'");
        };
    }
}
