package org.parley.plans;

import org.parley.billing.Account;
import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Setting up a plan by message: the plans a balance may have, and the answer to what the
 * patient picked or proposed. Outcomes: {@code proposed} when a schedule is ready to be shown,
 * {@code adjusted} when it is what was asked but its installments are not the amount proposed,
 * {@code countered} when it is the closest to what was asked ({@code reason} says why),
 * {@code listed} when another frequency's plans are to be listed, {@code not_understood} otherwise.
 */
final class PlanSetUp {

    /** The audit event of every message that names what the patient owes. */
    static final String BALANCE_DISCLOSED = "balance_disclosed";

    private final PlanDesk desk;

    PlanSetUp(PlanDesk desk) {
        this.desk = desk;
    }

    /** The account, its balance, the client's rules and the frequency being listed. */
    record Situation(Account account, BigDecimal balance, PlanRules rules, LocalDate today,
                     Frequency listing) {

        List<Schedule> offers(PlanDesk desk) {
            return desk.offers(balance, listing, today, rules);
        }
    }

    /** Where the patient stands, or empty when the client sets up no plans by message. */
    Optional<Situation> situation(Turn turn) {
        Account account = desk.account(turn);
        return desk.rules(turn.clientId()).map(rules -> {
            Frequency listing = Optional.ofNullable(turn.slots().get(PlanDesk.LISTING))
                    .map(Frequency::valueOf).filter(rules.frequencies()::contains)
                    .orElseGet(() -> PlanDesk.firstFrequency(rules));
            return new Situation(account, account.totalDue(), rules,
                    desk.today(turn.clientId()), listing);
        });
    }

    /** Puts the plans listed for the situation into the turn. */
    void list(Turn turn, Situation s, List<Schedule> offers) {
        turn.slots().put(PlanDesk.LISTING, s.listing().name());
        desk.audit(turn, BALANCE_DISCLOSED);
        PlanArgs.offers(turn, s.balance(), offers);
        Frequency other = s.listing() == Frequency.MONTHLY ? Frequency.BIWEEKLY
                : Frequency.MONTHLY;
        turn.put("otherFrequency", s.rules().frequencies().contains(other)
                ? other.name().toLowerCase(java.util.Locale.ROOT) : "none");
    }

    /** Answers what the patient asked for among {@code offers}, the plans listed. */
    String answer(Turn turn, Situation s, PlanRequest request, List<Schedule> offers) {
        return switch (request) {
            case PlanRequest.Pick pick -> show(turn, s, offers.get(pick.position() - 1),
                    Reason.FITS);
            case PlanRequest.Term term -> term(turn, s, term, offers);
            case PlanRequest.Amount amount -> {
                Frequency frequency = amount.frequency().orElse(s.listing());
                Proposal proposal = desk.calculator.check(s.balance(), amount.amount(), frequency,
                        PlanDesk.firstDue(frequency, s.today(), s.rules()), s.rules());
                String outcome = show(turn, s, proposal.schedule(), proposal.reason());
                boolean adjusted = proposal.accepted()
                        && PlanArgs.proposed(turn, proposal.schedule(), amount.amount());
                yield adjusted ? "adjusted" : outcome;
            }
            case PlanRequest.Listing listing -> {
                if (!s.rules().frequencies().contains(listing.frequency())) {
                    yield "not_understood";
                }
                turn.slots().put(PlanDesk.LISTING, listing.frequency().name());
                Situation relisted = new Situation(s.account(), s.balance(), s.rules(), s.today(),
                        listing.frequency());
                list(turn, relisted, relisted.offers(desk));
                yield "listed";
            }
            default -> "not_understood";
        };
    }

    /** A plan of so many months: the one listed, or worked out, or the closest that fits. */
    private String term(Turn turn, Situation s, PlanRequest.Term term, List<Schedule> offers) {
        Frequency frequency = term.frequency().orElse(s.listing());
        int count = frequency.installmentsIn(term.months());
        turn.put("months", term.months());
        if (count < 1) {
            return "not_understood";
        }
        try {
            return show(turn, s, desk.calculator.schedule(s.balance(), count, frequency,
                    PlanDesk.firstDue(frequency, s.today(), s.rules()), s.rules()), Reason.FITS);
        } catch (PlanRefused refused) {
            // The longest plan that fits is the closest to a term that is too long.
            List<Schedule> same = desk.offers(s.balance(), frequency, s.today(), s.rules());
            Schedule closest = same.isEmpty() ? offers.getLast() : same.getLast();
            return show(turn, s, closest, same.isEmpty() ? Reason.FREQUENCY_NOT_OFFERED
                    : refused.reason());
        }
    }

    private String show(Turn turn, Situation s, Schedule schedule, Reason reason) {
        new PlanDraft(schedule, Optional.empty(), 0).keep(turn.slots());
        desk.audit(turn, BALANCE_DISCLOSED);
        PlanArgs.terms(turn, schedule, false);
        if (reason == Reason.FITS) {
            return "proposed";
        }
        PlanArgs.refusal(turn, reason.code(), schedule.amountFinanced(), schedule.frequency(),
                s.rules(), 0);
        return "countered";
    }
}
