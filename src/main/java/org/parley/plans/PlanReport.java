package org.parley.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's plans over a date range in its own zone: how many were created, completed, broken
 * and cancelled in it, what they collected in it, and how many are active now.
 *
 * @param collected the payments applied to plans on days in the range
 */
public record PlanReport(LocalDate from, LocalDate to, int created, int completed, int broken,
                         int cancelled, int activeNow, BigDecimal collected) {

    /** The report of {@code plans}, one client's, from {@code from} to {@code to} inclusive. */
    public static PlanReport of(List<Plan> plans, ZoneId zone, LocalDate from, LocalDate to) {
        int created = 0;
        int completed = 0;
        int broken = 0;
        int cancelled = 0;
        int active = 0;
        BigDecimal collected = BigDecimal.ZERO.setScale(2);
        for (Plan plan : plans) {
            if (within(plan.createdAt(), zone, from, to)) {
                created++;
            }
            for (Plan.StatusChange change : plan.statusChanges()) {
                if (!within(change.at(), zone, from, to)) {
                    continue;
                }
                switch (change.status()) {
                    case COMPLETED -> completed++;
                    case BROKEN -> broken++;
                    case CANCELLED -> cancelled++;
                    case ACTIVE -> { }
                }
            }
            active += plan.status() == Plan.Status.ACTIVE ? 1 : 0;
            for (PlanPayment payment : plan.payments()) {
                if (!payment.date().isBefore(from) && !payment.date().isAfter(to)) {
                    collected = collected.add(payment.amount());
                }
            }
        }
        return new PlanReport(from, to, created, completed, broken, cancelled, active,
                collected);
    }

    private static boolean within(Instant at, ZoneId zone, LocalDate from, LocalDate to) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return !day.isBefore(from) && !day.isAfter(to);
    }

    /** The report as the API answers it, money as exact strings. */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("plansCreated", created);
        out.put("plansCompleted", completed);
        out.put("plansBroken", broken);
        out.put("plansCancelled", cancelled);
        out.put("plansActiveNow", activeNow);
        out.put("collectedOnPlans", collected.toPlainString());
        return out;
    }
}
