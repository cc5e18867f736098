package org.parley.plans;

import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The arguments plan messages are rendered with: amounts stay {@link BigDecimal} and dates
 * {@link java.time.LocalDate}, so the renderer formats them for the patient's language.
 */
final class PlanArgs {

    /** A plan this short lists every due date; a longer one names its first and last. */
    static final int FEW = 3;

    private PlanArgs() {
    }

    /**
     * The terms of {@code schedule}: {@code count} payments of {@code amount}, the one that
     * differs by the rounding cents ({@code odd} is {@code first} or {@code last}), the
     * frequency, the first and last due dates, the total, what the installments finance, and
     * each installment when few; {@code change} says whether they replace a running plan's.
     */
    static void terms(Turn turn, Schedule schedule, boolean change) {
        shape(schedule.amounts()).forEach(turn::put);
        turn.put("change", change);
        turn.put("count", schedule.count());
        turn.put("single", schedule.count() == 1);
        turn.put("frequency", schedule.frequency().name().toLowerCase(Locale.ROOT));
        turn.put("hasDownPayment", schedule.downPayment().signum() > 0);
        turn.put("downPayment", schedule.downPayment());
        turn.put("firstDue", schedule.installments().getFirst().due());
        turn.put("firstAmount", schedule.installments().getFirst().amount());
        turn.put("lastDue", schedule.installments().getLast().due());
        turn.put("total", schedule.total());
        boolean few = schedule.count() <= FEW;
        turn.put("few", few);
        List<Map<String, Object>> each = new ArrayList<>();
        // One payment is said with its date in the terms themselves; a list of one says it twice.
        if (few && schedule.count() > 1) {
            schedule.installments().forEach(i -> each.add(Map.of("number", i.number(),
                    "due", i.due(), "amount", i.amount())));
        }
        turn.put("installments", each);
        turn.put("financed", schedule.amountFinanced());
    }

    /**
     * Terms worked out from an amount the patient proposed: {@code plans.adjusted} says why
     * their installments are not that amount ({@code proposed} paid {@code count} times would
     * be more than is financed, so the installments are made equal and add up to it exactly).
     *
     * @return whether the installments differ from {@code proposed}
     */
    static boolean proposed(Turn turn, Schedule schedule, BigDecimal proposed) {
        BigDecimal common = (BigDecimal) shape(schedule.amounts()).get("amount");
        turn.put("proposed", proposed);
        return common.compareTo(proposed) != 0;
    }

    /** The plans offered, numbered from 1, for {@code plans.offer}. */
    static void offers(Turn turn, BigDecimal balance, List<Schedule> offers) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Schedule offer : offers) {
            Map<String, Object> item = new LinkedHashMap<>(shape(offer.amounts()));
            item.put("number", items.size() + 1);
            item.put("count", offer.count());
            item.put("frequency", offer.frequency().name().toLowerCase(Locale.ROOT));
            item.put("hasDownPayment", offer.downPayment().signum() > 0);
            item.put("downPayment", offer.downPayment());
            items.add(item);
        }
        turn.put("balance", balance);
        turn.put("offers", items);
    }

    /** How often the running plan is paid, for examples said in its own terms. */
    static void frequency(Turn turn, Plan plan) {
        turn.keep("frequency", plan.schedule().frequency().name().toLowerCase(Locale.ROOT));
    }

    /** Where a running plan stands: payments left, what is left in all, the next payment. */
    static void standing(Turn turn, Plan plan) {
        frequency(turn, plan);
        List<PlanInstallment> open = plan.installments().stream()
                .filter(i -> i.unpaid().signum() > 0).toList();
        turn.put("remaining", open.size());
        turn.put("leftTotal", Cents.sum(open.stream().map(PlanInstallment::unpaid).toList()));

        // A missed installment is overdue, not the next payment: say each for what it is.
        List<PlanInstallment> missed = open.stream()
                .filter(i -> i.state() == PlanInstallment.State.MISSED).toList();
        turn.put("overdue", !missed.isEmpty());
        if (!missed.isEmpty()) {
            turn.put("overdueAmount", Cents.sum(missed.stream()
                    .map(PlanInstallment::unpaid).toList()));
            turn.put("overdueDue", missed.getFirst().due());
        }
        java.util.Optional<PlanInstallment> next = open.stream()
                .filter(i -> i.state() == PlanInstallment.State.DUE).findFirst();
        turn.put("hasNext", next.isPresent());
        next.ifPresent(i -> {
            turn.put("nextAmount", i.unpaid());
            turn.put("nextDue", i.due());
        });
    }

    /**
     * Why a plan or change was refused, with what the rules allow for {@code left}: from 1 to
     * {@code maxCount} payments, each from {@code smallest} (the amount of the longest plan, as
     * it is listed) to {@code left}, none below {@code minimum}. Above the client's plan limit
     * no payments are allowed ({@code maxCount} is 0) and {@code limit} is that limit.
     */
    static void refusal(Turn turn, String reason, BigDecimal left, Frequency frequency,
                        PlanRules rules, int skipsUsed) {
        java.util.OptionalInt months = rules.maxMonths(left);
        int maxCount = months.isEmpty() ? 0 : Cents.longestAtLeast(left,
                rules.minimumInstallment(), frequency.installmentsIn(months.getAsInt()));
        // Above the plan limit no amount or length fits: that is the reason to give.
        boolean aboutPayments = reason.equals(Reason.BELOW_MINIMUM.code())
                || reason.equals(Reason.TERM_TOO_LONG.code());
        turn.put("reason", maxCount == 0 && aboutPayments ? Reason.ABOVE_PLAN_LIMIT.code()
                : reason);
        turn.put("frequency", frequency.name().toLowerCase(Locale.ROOT));
        turn.put("minimum", rules.minimumInstallment());
        turn.put("left", left);
        turn.put("limit", rules.tiers().getLast().upTo());
        turn.put("maxCount", maxCount);
        turn.put("smallest", maxCount == 0 ? left : Cents.base(left, maxCount));
        turn.put("skipsAllowed", rules.skipsAllowed());
        turn.put("skipsUsed", skipsUsed);
    }

    /**
     * The amount most installments share and the one that carries the rounding cents: the
     * remainder sits on the first or the last installment.
     */
    private static Map<String, Object> shape(List<BigDecimal> amounts) {
        BigDecimal first = amounts.getFirst();
        BigDecimal last = amounts.getLast();
        boolean lastDiffers = amounts.size() < 2 || amounts.get(0).equals(amounts.get(1));
        BigDecimal common = lastDiffers ? first : last;
        BigDecimal odd = lastDiffers ? last : first;
        Map<String, Object> shape = new LinkedHashMap<>();
        shape.put("amount", common);
        shape.put("uneven", odd.compareTo(common) != 0);
        shape.put("odd", lastDiffers ? "last" : "first");
        shape.put("oddAmount", odd);
        return shape;
    }
}
