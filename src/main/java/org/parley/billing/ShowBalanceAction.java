package org.parley.billing;

import org.parley.audit.AuditLog;
import org.parley.client.ClientStore;
import org.parley.i18n.RelativeDays;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the verified patient's balance into the turn: the total, each open visit, the due date
 * and the last payment. Every disclosure is written to the audit log.
 */
public final class ShowBalanceAction implements Action {

    private final AccountStore accounts;
    private final AuditLog audit;
    private final ClientStore clients;
    private final Clock clock;

    public ShowBalanceAction(AccountStore accounts, AuditLog audit, ClientStore clients,
                             Clock clock) {
        this.accounts = accounts;
        this.audit = audit;
        this.clients = clients;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "show_balance";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("shown", "nothing_due");
    }

    @Override
    public String run(Turn turn) {
        String number = turn.verifiedAccount().orElseThrow(() -> new IllegalStateException(
                "show_balance ran before verification; its flow must say 'requires: verified'"));
        Account account = accounts.find(turn.clientId(), number).orElseThrow(() ->
                new IllegalStateException("Verified account vanished from client "
                        + turn.clientId()));
        if (account.dueDate().isEmpty() || account.totalDue().signum() <= 0) {
            return "nothing_due";
        }

        List<Map<String, Object>> visits = account.openEncounters().stream().map(e -> {
            Map<String, Object> visit = new LinkedHashMap<>();
            visit.put("serviceDate", e.serviceDate());
            visit.put("provider", e.provider());
            visit.put("description", e.description());
            visit.put("amount", e.patientResponsibility());
            return visit;
        }).toList();
        turn.put("total", account.totalDue());
        turn.put("visitCount", visits.size());
        turn.put("visits", visits);
        turn.put("dueDate", account.dueDate().get());
        ZoneId zone = clients.require(turn.clientId()).timeZone();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        long daysLeft = ChronoUnit.DAYS.between(today, account.dueDate().get());
        turn.put("dueIn", new RelativeDays(daysLeft));
        turn.put("hasPayment", account.lastPayment().isPresent());
        account.lastPayment().ifPresent(p -> {
            turn.put("lastPaymentAmount", p.amount());
            turn.put("lastPaymentDate", p.date());
        });

        audit.record("balance_disclosed", "bot", turn.clientId(), number, turn.conversationId());
        return "shown";
    }
}
