package org.parley.assistance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's report on the applications opened within a range of days: how many stand in each
 * state, by program, how long applications spent in each state, the approvals and the discount
 * they granted. Written as JSON or as CSV in long form ({@code section,name,measure,value}).
 *
 * <p>Time in a state counts finished stays only, in hours; how many applications are in a
 * state now is its own measure.
 */
final class AssistanceReport {

    private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private AssistanceReport() {
    }

    /** Per program: applications, approvals, denials, and the discount granted. */
    record ProgramLine(String id, String name, int applications, int approved, int denied,
                       BigDecimal discountGranted) {
    }

    /** Per state: finished stays, their total and average hours, and applications in it now. */
    record StateTime(int finishedStays, BigDecimal totalHours, BigDecimal averageHours,
                     int currentlyIn) {
    }

    /** The report, ready to write. */
    record Report(String clientId, Optional<LocalDate> from, Optional<LocalDate> to,
                  int applications, Map<ApplicationStatus, Integer> byState,
                  List<ProgramLine> byProgram, Map<ApplicationStatus, StateTime> timeInState,
                  int approved, int denied, int withdrawn, BigDecimal discountGranted) {
    }

    /** Applications opened from {@code from} to {@code to}, both days included, in {@code zone}. */
    static Report of(String clientId, List<Application> all, Optional<LocalDate> from,
                     Optional<LocalDate> to, ZoneId zone) {
        List<Application> apps = all.stream().filter(a -> {
            LocalDate opened = LocalDate.ofInstant(a.createdAt(), zone);
            return from.map(f -> !opened.isBefore(f)).orElse(true)
                    && to.map(t -> !opened.isAfter(t)).orElse(true);
        }).toList();

        Map<ApplicationStatus, Integer> byState = new EnumMap<>(ApplicationStatus.class);
        Map<ApplicationStatus, List<Duration>> stays = new EnumMap<>(ApplicationStatus.class);
        for (ApplicationStatus s : ApplicationStatus.values()) {
            byState.put(s, 0);
            stays.put(s, new ArrayList<>());
        }
        Map<String, ProgramLine> programs = new LinkedHashMap<>();
        BigDecimal granted = BigDecimal.ZERO.setScale(2);
        for (Application a : apps) {
            byState.merge(a.status(), 1, Integer::sum);
            List<Application.Change> history = a.history();
            for (int i = 0; i + 1 < history.size(); i++) {
                Instant left = history.get(i + 1).at();
                stays.get(history.get(i).status()).add(Duration.between(history.get(i).at(),
                        left));
            }
            BigDecimal discount = a.status() == ApplicationStatus.APPROVED
                    ? a.discount().map(Application.Discount::amount).orElse(BigDecimal.ZERO)
                    : BigDecimal.ZERO;
            granted = granted.add(discount);
            ProgramLine line = programs.getOrDefault(a.program().id(), new ProgramLine(
                    a.program().id(), a.program().name(), 0, 0, 0, BigDecimal.ZERO.setScale(2)));
            programs.put(a.program().id(), new ProgramLine(line.id(), line.name(),
                    line.applications() + 1,
                    line.approved() + (a.status() == ApplicationStatus.APPROVED ? 1 : 0),
                    line.denied() + (a.status() == ApplicationStatus.DENIED ? 1 : 0),
                    line.discountGranted().add(discount)));
        }

        Map<ApplicationStatus, StateTime> times = new EnumMap<>(ApplicationStatus.class);
        stays.forEach((state, list) -> {
            // Both from the exact sum, each rounded once: an average of a rounded total drifts.
            long millis = list.stream().mapToLong(Duration::toMillis).sum();
            BigDecimal total = hours(millis, 1);
            BigDecimal average = list.isEmpty() ? BigDecimal.ZERO.setScale(2)
                    : hours(millis, list.size());
            times.put(state, new StateTime(list.size(), total, average, byState.get(state)));
        });
        return new Report(clientId, from, to, apps.size(), byState,
                List.copyOf(programs.values()), times, byState.get(ApplicationStatus.APPROVED),
                byState.get(ApplicationStatus.DENIED), byState.get(ApplicationStatus.WITHDRAWN),
                granted);
    }

    /** {@code millis} shared by {@code stays}, in hours to two decimals. */
    private static BigDecimal hours(long millis, int stays) {
        return BigDecimal.valueOf(millis).divide(MILLIS_PER_HOUR.multiply(
                BigDecimal.valueOf(stays)), 2, RoundingMode.HALF_UP);
    }

    static Map<String, Object> json(Report r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", r.clientId());
        out.put("from", r.from().map(LocalDate::toString).orElse(null));
        out.put("to", r.to().map(LocalDate::toString).orElse(null));
        out.put("applications", r.applications());
        Map<String, Object> byState = new LinkedHashMap<>();
        r.byState().forEach((s, n) -> byState.put(s.code(), n));
        out.put("byState", byState);
        out.put("byProgram", r.byProgram().stream().map(p -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("programId", p.id());
            line.put("name", p.name());
            line.put("applications", p.applications());
            line.put("approved", p.approved());
            line.put("denied", p.denied());
            line.put("discountGranted", p.discountGranted());
            return line;
        }).toList());
        Map<String, Object> times = new LinkedHashMap<>();
        r.timeInState().forEach((s, t) -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("finishedStays", t.finishedStays());
            line.put("totalHours", t.totalHours());
            line.put("averageHours", t.averageHours());
            line.put("currentlyIn", t.currentlyIn());
            times.put(s.code(), line);
        });
        out.put("timeInState", times);
        Map<String, Object> decisions = new LinkedHashMap<>();
        decisions.put("approved", r.approved());
        decisions.put("denied", r.denied());
        decisions.put("withdrawn", r.withdrawn());
        decisions.put("discountGranted", r.discountGranted());
        out.put("decisions", decisions);
        return out;
    }

    static String csv(Report r) {
        StringBuilder out = new StringBuilder("section,name,measure,value\n");
        line(out, "summary", "all", "applications", r.applications());
        r.byState().forEach((s, n) -> line(out, "state", s.code(), "applications", n));
        for (ProgramLine p : r.byProgram()) {
            line(out, "program", p.id(), "applications", p.applications());
            line(out, "program", p.id(), "approved", p.approved());
            line(out, "program", p.id(), "denied", p.denied());
            line(out, "program", p.id(), "discount_granted", p.discountGranted().toPlainString());
        }
        r.timeInState().forEach((s, t) -> {
            line(out, "time_in_state", s.code(), "finished_stays", t.finishedStays());
            line(out, "time_in_state", s.code(), "total_hours", t.totalHours().toPlainString());
            line(out, "time_in_state", s.code(), "average_hours",
                    t.averageHours().toPlainString());
            line(out, "time_in_state", s.code(), "currently_in", t.currentlyIn());
        });
        line(out, "decisions", "all", "approved", r.approved());
        line(out, "decisions", "all", "denied", r.denied());
        line(out, "decisions", "all", "withdrawn", r.withdrawn());
        line(out, "decisions", "all", "discount_granted", r.discountGranted().toPlainString());
        return out.toString();
    }

    private static void line(StringBuilder out, String section, String name, String measure,
                             Object value) {
        out.append(section).append(',').append(csvValue(name)).append(',').append(measure)
                .append(',').append(value).append('\n');
    }

    /** Program ids are plain, but a comma or quote in one must not break the file. */
    private static String csvValue(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
