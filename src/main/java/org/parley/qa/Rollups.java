package org.parley.qa;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Review results rolled up per agent, per flow or per week: how many conversations, how many
 * were reviewed, their average score and how many failed a critical item. A conversation no
 * agent took part in counts for {@value #BOT}; one with several agents counts for each.
 */
final class Rollups {

    static final String BOT = "bot";
    static final List<String> BY = List.of("agent", "flow", "week");

    private Rollups() {
    }

    /**
     * One group.
     *
     * @param averageScore the mean score of its reviews to one decimal, empty when none
     */
    record Group(String key, int conversations, int reviewed, String averageScore,
                 int criticalFailed) {
    }

    /** The groups of {@code rows} by {@code by} ({@code agent}, {@code flow} or {@code week}). */
    static List<Group> of(List<QaSummary> rows, String by) {
        Function<QaSummary, List<String>> keys = switch (by) {
            case "agent" -> s -> s.agents().isEmpty() ? List.of(BOT) : s.agents();
            case "flow" -> s -> s.flows().stream().filter(f -> !f.equals("main")).toList();
            case "week" -> s -> List.of(week(LocalDate.ofInstant(s.startedAt(),
                    ZoneOffset.UTC)));
            default -> throw new IllegalArgumentException("Roll up by " + by + "? Use " + BY);
        };
        Map<String, int[]> counts = new TreeMap<>();
        for (QaSummary s : rows) {
            for (String key : keys.apply(s)) {
                int[] c = counts.computeIfAbsent(key, k -> new int[4]);
                c[0]++;
                if (s.score().isPresent()) {
                    c[1]++;
                    c[2] += s.score().get();
                    c[3] += s.criticalFailed() ? 1 : 0;
                }
            }
        }
        List<Group> groups = new ArrayList<>();
        counts.forEach((key, c) -> groups.add(new Group(key, c[0], c[1], c[1] == 0 ? ""
                : BigDecimal.valueOf(c[2]).divide(BigDecimal.valueOf(c[1]), 1,
                        RoundingMode.HALF_UP).toPlainString(), c[3])));
        return List.copyOf(groups);
    }

    /** The ISO week of {@code day}, such as {@code 2026-W49}. */
    static String week(LocalDate day) {
        return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
                day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
