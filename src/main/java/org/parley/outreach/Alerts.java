package org.parley.outreach;

import org.parley.billing.Account;
import org.parley.billing.BalanceImport;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.payments.Receipt;
import org.parley.payments.RecordedPayment;
import org.parley.plans.Plan;
import org.parley.plans.PlanInstallment;
import org.parley.plans.PlanStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns events into alerts in the outbox, each under a key that makes it once per event: a
 * first statement, an installment coming due, a missed installment, a plan agreed or changed,
 * an assistance decision, a payment. An alert the client has not turned on is not scheduled.
 * Where Parley already tells a patient in a verified conversation (missed payments, assistance
 * changes, receipts), an alert is scheduled only for a patient it could not reach that way.
 */
final class Alerts {

    /** What an alert about money owed offers: the steps of the outreach flow. */
    static final List<String> OPTIONS = List.of("pay", "payment_plan", "talk_to_agent");
    static final String CHOOSE_STEP = "outreach.choose";
    /** What a plan alert offers: seeing the plan, or a person (dialogs/outreach-plan.yaml). */
    static final List<String> PLAN_OPTIONS = List.of("change_plan", "talk_to_agent");
    static final String PLAN_STEP = "outreach-plan.choose";
    /** What a payment alert offers: the payment and balance, or a person. */
    static final List<String> PAYMENT_OPTIONS = List.of("check_balance", "talk_to_agent");
    static final String PAYMENT_STEP = "outreach-payment.choose";
    /** What an assistance alert offers: where the application stands, or a person. */
    static final List<String> ASSISTANCE_OPTIONS = List.of("assistance_status", "talk_to_agent");
    static final String ASSISTANCE_STEP = "outreach-assistance.choose";

    private final Outbox outbox;
    private final OutreachSettingsSection settings;
    private final ClientStore clients;
    private final PlanStore plans;
    private final java.util.function.BiPredicate<String, String> verified;
    private final Clock clock;

    /** @param verified whether an account has a conversation in which its holder was verified */
    Alerts(Outbox outbox, OutreachSettingsSection settings, ClientStore clients, PlanStore plans,
           java.util.function.BiPredicate<String, String> verified, Clock clock) {
        this.verified = verified;
        this.outbox = outbox;
        this.settings = settings;
        this.clients = clients;
        this.plans = plans;
        this.clock = clock;
    }

    /** A first statement: every account the import created with something to pay. */
    void balanceImported(BalanceImport.Imported imported) {
        OutreachSettings s = settings.get(imported.clientId());
        if (!s.on("balance_imported")) {
            return;
        }
        for (Account a : imported.created()) {
            if (a.totalDue().signum() <= 0 || a.dueDate().isEmpty()) {
                continue;
            }
            schedule(s, "balance_imported:" + a.clientId() + ":" + a.accountNumber(),
                    a.clientId(), a.accountNumber(), "balance_imported", "outreach.balance",
                    Map.of("total", a.totalDue(), "dueDate", a.dueDate().get()), OPTIONS,
                    Optional.of(CHOOSE_STEP));
        }
    }

    /** A missed installment no verified conversation could be told of. */
    void missed(String clientId, String account, String noticeId, BigDecimal amount,
                LocalDate due) {
        OutreachSettings s = settings.get(clientId);
        if (s.on("installment_missed")) {
            schedule(s, "installment_missed:" + noticeId, clientId, account,
                    "installment_missed", "outreach.missed", Map.of("amount", amount, "due", due),
                    OPTIONS, Optional.of(CHOOSE_STEP));
        }
    }

    /** An assistance decision no verified conversation could be told of. */
    void assistance(String clientId, String account, String noticeId) {
        OutreachSettings s = settings.get(clientId);
        if (s.on("assistance_status")) {
            schedule(s, "assistance_status:" + noticeId, clientId, account, "assistance_status",
                    "outreach.assistance", Map.of(), ASSISTANCE_OPTIONS,
                    Optional.of(ASSISTANCE_STEP));
        }
    }

    /** A payment whose receipt had no verified conversation to go to. */
    void payment(RecordedPayment recorded) {
        var p = recorded.payment();
        OutreachSettings s = settings.get(p.clientId());
        if (!s.on("payment_received")
                || recorded.receipt().status() != Receipt.Status.NO_VERIFIED_CONVERSATION) {
            return;
        }
        schedule(s, "payment_received:" + p.clientId() + ":" + p.paymentId(), p.clientId(),
                p.accountNumber(), "payment_received", "outreach.payment",
                Map.of("amount", p.amount(), "date", recorded.paidOn(),
                        "balance", recorded.balanceAfter()), PAYMENT_OPTIONS,
                Optional.of(PAYMENT_STEP));
    }

    /** A plan agreed or changed: its next installment, once per version of the plan. */
    void planChanged(Plan plan) {
        OutreachSettings s = settings.get(plan.clientId());
        Optional<PlanInstallment> next = plan.installments().stream()
                .filter(i -> i.state() == PlanInstallment.State.DUE).findFirst();
        // A plan agreed in a verified conversation was confirmed there.
        if (!s.on("plan_changed") || next.isEmpty()
                || verified.test(plan.clientId(), plan.account())) {
            return;
        }
        schedule(s, "plan_changed:" + plan.id() + ":" + plan.current().number(),
                plan.clientId(), plan.account(), "plan_changed", "outreach.plan",
                Map.of("amount", next.get().amount().subtract(next.get().paid()),
                        "due", next.get().due()), PLAN_OPTIONS, Optional.of(PLAN_STEP));
    }

    /**
     * Reminders of installments due in the client's {@code dueDays}: each installment whose
     * due date is at most that many days ahead in the client's zone, once.
     *
     * @return how many reminders were scheduled now
     */
    int installmentsDue() {
        LocalDate utc = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        int scheduled = 0;
        for (Plan plan : plans.activeDueBefore(utc.plusDays(32))) {
            Optional<Client> client = clients.find(plan.clientId());
            OutreachSettings s = settings.get(plan.clientId());
            if (client.isEmpty() || !s.on("installment_due")) {
                continue;
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), client.get().timeZone());
            for (PlanInstallment i : plan.installments()) {
                if (i.state() != PlanInstallment.State.DUE || i.due().isBefore(today)
                        || i.due().isAfter(today.plusDays(s.dueDays()))) {
                    continue;
                }
                boolean added = schedule(s, "installment_due:" + plan.id() + ":" + i.number(),
                        plan.clientId(), plan.account(), "installment_due",
                        "outreach.installment_due", Map.of("amount",
                                i.amount().subtract(i.paid()), "due", i.due()), OPTIONS,
                        Optional.of(CHOOSE_STEP));
                scheduled += added ? 1 : 0;
            }
        }
        return scheduled;
    }

    private boolean schedule(OutreachSettings s, String key, String clientId, String account,
                             String event, String template, Map<String, Object> args,
                             List<String> options, Optional<String> goTo) {
        return outbox.schedule(new Send(key, clientId, account, Send.ALERT, event, null, 0,
                template, args, s.channels(), clock.instant(), options, goTo));
    }
}
