package org.parley.plans;

import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Changing a running plan by message: the change the patient asked for, worked out under the
 * client's rules as they are now. Outcomes: {@code proposed} when the new schedule is ready to
 * be shown ({@code adjusted} when its installments are not the amount asked for),
 * {@code bad_amount} when an amount cannot be taken ("-$50 a month"), {@code refused} with the
 * reason and the range the rules allow, {@code cancel} when
 * the patient asked to cancel, {@code not_understood} otherwise.
 */
final class PlanChanging {

    /** The plan version a cancellation was asked on, kept until the patient answers. */
    static final String CANCEL = "plan.cancel";
    /** The highest day of the month a payment may move to: every month has it. */
    static final int LAST_DAY = 28;

    /** A bare number with nothing that makes it money: "1", "12". */
    private static final java.util.regex.Pattern BARE = java.util.regex.Pattern.compile(
            "\\s*\\d{1,3}\\s*[.!]?\\s*");

    private final PlanDesk desk;

    PlanChanging(PlanDesk desk) {
        this.desk = desk;
    }

    String answer(Turn turn, Plan plan, PlanRequest request) {
        String outcome = decide(turn, plan, request);
        if (!outcome.equals("not_understood") && !outcome.equals("bad_amount")) {
            desk.audit(turn, PlanSetUp.BALANCE_DISCLOSED);
        }
        return outcome;
    }

    private String decide(Turn turn, Plan plan, PlanRequest request) {
        PlanRules rules = desk.rules(turn.clientId()).orElse(plan.rules());
        BigDecimal left = plan.schedule().amountFinanced().subtract(plan.paidSoFar());
        Frequency frequency = plan.schedule().frequency();
        PlanChange change;
        switch (request) {
            case PlanRequest.Cancel c -> {
                PlanDraft.drop(turn.slots());
                turn.slots().put(CANCEL, Long.toString(plan.version()));
                PlanArgs.standing(turn, plan);
                return "cancel";
            }
            case PlanRequest.Day day -> {
                if (day.dayOfMonth() < 1 || day.dayOfMonth() > LAST_DAY) {
                    PlanArgs.refusal(turn, "day_out_of_range", left, frequency, rules,
                            plan.schedule().skipsUsed());
                    return "refused";
                }
                change = new PlanChange.MoveDay(day.dayOfMonth());
            }
            case PlanRequest.SkipNext s -> change = new PlanChange.Skip();
            case PlanRequest.Term term -> {
                int count = frequency.installmentsIn(term.months());
                if (count < 1) {
                    return "not_understood";
                }
                change = new PlanChange.NewTerm(count);
            }
            case PlanRequest.BadAmount bad -> {
                return PlanSetUp.refuse(turn, bad);
            }
            case PlanRequest.Amount amount -> {
                // "$100 a month" on a plan paid every two weeks is not a change we can make.
                if (amount.frequency().filter(f -> f != frequency).isPresent()) {
                    PlanArgs.refusal(turn, "other_frequency", left, frequency, rules,
                            plan.schedule().skipsUsed());
                    return "refused";
                }
                change = payments(turn, amount, rules)
                        .<PlanChange>map(PlanChange.NewTerm::new)
                        .orElseGet(() -> new PlanChange.NewAmount(amount.amount()));
            }
            default -> {
                return "not_understood";
            }
        }

        Schedule next;
        try {
            next = desk.calculator.reamortize(plan.schedule(), desk.today(turn.clientId()),
                    plan.paidSoFar(), change, rules);
        } catch (PlanRefused refused) {
            PlanArgs.refusal(turn, refused.reason().code(), left, frequency, rules,
                    plan.schedule().skipsUsed());
            return "refused";
        }
        turn.slots().remove(CANCEL);
        new PlanDraft(next, Optional.of(change), plan.version(), turn.language())
                .keep(turn.slots());
        PlanArgs.terms(turn, next, true);
        boolean adjusted = change instanceof PlanChange.NewAmount amount
                && PlanArgs.proposed(turn, next, amount.installment());
        return adjusted ? "adjusted" : "proposed";
    }

    /**
     * A bare number below the smallest installment the rules take ("1", "6") cannot be an
     * amount of each payment: the question also offers a number of payments, so it is that.
     */
    private static Optional<Integer> payments(Turn turn, PlanRequest.Amount amount,
                                              PlanRules rules) {
        boolean bare = amount.frequency().isEmpty() && BARE.matcher(turn.text()).matches();
        if (!bare || amount.amount().compareTo(rules.minimumInstallment()) >= 0) {
            return Optional.empty();
        }
        return Optional.of(amount.amount().intValueExact());
    }
}
