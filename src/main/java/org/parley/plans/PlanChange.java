package org.parley.plans;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/** A change a patient asks for on a running plan. */
public sealed interface PlanChange {

    /**
     * The change as named fields, as the API shows it: its {@code type} ({@code move_day},
     * {@code new_amount}, {@code new_term}, {@code skip}) and its value, money as a string.
     */
    default Map<String, Object> fields() {
        Map<String, Object> out = new LinkedHashMap<>();
        switch (this) {
            case MoveDay m -> {
                out.put("type", "move_day");
                out.put("dayOfMonth", m.dayOfMonth());
            }
            case NewAmount a -> {
                out.put("type", "new_amount");
                out.put("installment", a.installment().toPlainString());
            }
            case NewTerm t -> {
                out.put("type", "new_term");
                out.put("installments", t.installments());
            }
            case Skip s -> out.put("type", "skip");
        }
        return out;
    }

    /**
     * Move the payment day of a monthly plan to {@code dayOfMonth}, keeping the amounts. Days run
     * 1 to 28 so that every month has the day.
     */
    record MoveDay(int dayOfMonth) implements PlanChange {
        public MoveDay {
            if (dayOfMonth < 1 || dayOfMonth > 28) {
                throw new IllegalArgumentException("dayOfMonth must be between 1 and 28 so every "
                        + "month has it; got " + dayOfMonth);
            }
        }
    }

    /** Pay at most {@code installment} each time from now on, in equal installments. */
    record NewAmount(BigDecimal installment) implements PlanChange {
        public NewAmount {
            installment = Cents.positive("installment", installment);
        }
    }

    /** Pay what is left in {@code installments} equal installments from now on. */
    record NewTerm(int installments) implements PlanChange {
        public NewTerm {
            if (installments < 1) {
                throw new IllegalArgumentException("installments must be 1 or more; got "
                        + installments);
            }
        }
    }

    /** Skip the next payment: it and every later one fall one period later. */
    record Skip() implements PlanChange {
    }
}
