package org.parley.plans;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan shown to the patient and waiting for their yes, kept in the conversation's slots
 * between turns: the exact schedule shown, for a change the change and the plan version it
 * was worked out from, and the language the terms were said in (the patient may switch before
 * answering). The yes stores what was shown, never a recomputation.
 *
 * @param language the language the terms were rendered in; empty for a draft kept before
 *                 this was recorded
 */
record PlanDraft(Schedule schedule, Optional<PlanChange> change, long planVersion,
                 String language) {

    private static final String SCHEDULE = "plan.schedule";
    private static final String CHANGE = "plan.change";
    private static final String VERSION = "plan.version";
    private static final String LANGUAGE = "plan.language";

    /** Keeps the draft in {@code slots}, replacing any earlier one. */
    void keep(Map<String, String> slots) {
        slots.put(SCHEDULE, encode(schedule));
        change.ifPresentOrElse(c -> slots.put(CHANGE, encode(c)), () -> slots.remove(CHANGE));
        slots.put(VERSION, Long.toString(planVersion));
        slots.put(LANGUAGE, language);
    }

    /** The language the terms were said in, or {@code fallback} when it was not recorded. */
    String languageOr(String fallback) {
        return language.isEmpty() ? fallback : language;
    }

    /** The draft kept in {@code slots}, if any. */
    static Optional<PlanDraft> in(Map<String, String> slots) {
        String schedule = slots.get(SCHEDULE);
        if (schedule == null) {
            return Optional.empty();
        }
        return Optional.of(new PlanDraft(decode(schedule),
                Optional.ofNullable(slots.get(CHANGE)).map(PlanDraft::decodeChange),
                Long.parseLong(slots.getOrDefault(VERSION, "0")),
                slots.getOrDefault(LANGUAGE, "")));
    }

    /** Forgets the draft. */
    static void drop(Map<String, String> slots) {
        slots.remove(SCHEDULE);
        slots.remove(CHANGE);
        slots.remove(VERSION);
        slots.remove(LANGUAGE);
    }

    /** "MONTHLY;start;down;skips;due=amount,due=amount". */
    static String encode(Schedule s) {
        List<String> installments = s.installments().stream()
                .map(i -> i.due() + "=" + i.amount().toPlainString()).toList();
        return s.frequency().name() + ";" + s.start() + ";" + s.downPayment().toPlainString()
                + ";" + s.skipsUsed() + ";" + String.join(",", installments);
    }

    static Schedule decode(String text) {
        String[] parts = text.split(";");
        List<Schedule.Installment> installments = new ArrayList<>();
        for (String item : parts[4].split(",")) {
            String[] dueAmount = item.split("=");
            installments.add(new Schedule.Installment(installments.size() + 1,
                    LocalDate.parse(dueAmount[0]), new BigDecimal(dueAmount[1])));
        }
        BigDecimal down = new BigDecimal(parts[2]);
        BigDecimal financed = Cents.sum(installments.stream()
                .map(Schedule.Installment::amount).toList());
        return new Schedule(financed, down, Frequency.valueOf(parts[0]), LocalDate.parse(parts[1]),
                installments, down.add(financed), Integer.parseInt(parts[3]));
    }

    static String encode(PlanChange change) {
        return switch (change) {
            case PlanChange.MoveDay m -> "move_day:" + m.dayOfMonth();
            case PlanChange.NewAmount a -> "new_amount:" + a.installment().toPlainString();
            case PlanChange.NewTerm t -> "new_term:" + t.installments();
            case PlanChange.Skip s -> "skip:";
        };
    }

    static PlanChange decodeChange(String text) {
        String value = text.substring(text.indexOf(':') + 1);
        return switch (text.substring(0, text.indexOf(':'))) {
            case "move_day" -> new PlanChange.MoveDay(Integer.parseInt(value));
            case "new_amount" -> new PlanChange.NewAmount(new BigDecimal(value));
            case "new_term" -> new PlanChange.NewTerm(Integer.parseInt(value));
            case "skip" -> new PlanChange.Skip();
            default -> throw new IllegalStateException("A kept plan change '" + text
                    + "' is not one this version writes; the patient is asked again");
        };
    }
}
