package org.parley.plans;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.payments.PaymentLedger;
import org.parley.payments.PaymentTotals;
import org.parley.web.Json;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans for the client's own systems, under {@code /api/clients}: each account's plans with
 * every agreed version, schedule, installment state and payment
 * ({@code GET /{clientId}/accounts/{account}/plans}), and a report by date range of what was
 * collected and what became of plans
 * ({@code GET /{clientId}/reports/plans?from=2026-12-01&to=2026-12-31}). Money is a string of
 * the exact amount, such as {@code "411.50"}.
 */
public final class PlanRoutes implements HttpService {

    private final PlanStore plans;
    private final ClientStore clients;
    private final PaymentLedger payments;
    private final AccountStore accounts;

    public PlanRoutes(PlanStore plans, ClientStore clients, PaymentLedger payments,
                      AccountStore accounts) {
        this.plans = plans;
        this.clients = clients;
        this.payments = payments;
        this.accounts = accounts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{clientId}/accounts/{account}/plans", this::accountPlans)
                .get("/{clientId}/reports/plans", this::report);
    }

    private void accountPlans(ServerRequest req, ServerResponse res) {
        String clientId = req.path().pathParameters().get("clientId");
        clients.require(clientId);
        String account = req.path().pathParameters().get("account");
        if (accounts.find(clientId, account).isEmpty()) {
            throw new NotFoundException("unknown_account", "Client " + clientId + " has no "
                    + "account '" + account + "'; check the account number (it is case-sensitive)");
        }
        send(res, Map.of("clientId", clientId, "account", account,
                "plans", plans.plans(clientId, account).stream().map(PlanRoutes::plan).toList()));
    }

    private void report(ServerRequest req, ServerResponse res) {
        Client client = clients.require(req.path().pathParameters().get("clientId"));
        LocalDate from = date(req, "from");
        LocalDate to = date(req, "to");
        if (to.isBefore(from)) {
            throw new BadInputException("bad_range", "'to' (" + to + ") is before 'from' ("
                    + from + "); give from <= to");
        }
        PaymentTotals collected = payments.totals(client.id(), from, to);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("from", from.toString());
        report.put("to", to.toString());
        report.put("payments", collected.count());
        report.put("collected", collected.amount().toPlainString());
        Map<String, Object> plansPart = PlanReport.of(plans.plans(client.id()), client.timeZone(),
                from, to).json();
        plansPart.remove("from");
        plansPart.remove("to");
        report.putAll(plansPart);
        send(res, report);
    }

    private static LocalDate date(ServerRequest req, String name) {
        String value = req.query().first(name).orElseThrow(() -> new BadInputException(
                "missing_" + name, "Query parameter '" + name + "' is missing; give a date "
                + "such as " + name + "=2026-12-01"));
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadInputException("bad_" + name, "Query parameter '" + name + "' is '"
                    + value + "', not a date; use YYYY-MM-DD such as 2026-12-01");
        }
    }

    private static void send(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }

    static Map<String, Object> plan(Plan p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", p.id());
        out.put("status", p.status().code());
        out.put("misses", p.misses());
        out.put("createdAt", p.createdAt().toString());
        out.put("versions", p.versions().stream().map(PlanRoutes::version).toList());
        out.put("payments", p.payments().stream().map(pay -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("paymentId", pay.paymentId());
            m.put("amount", pay.amount().toPlainString());
            m.put("date", pay.date().toString());
            return m;
        }).toList());
        out.put("statusChanges", p.statusChanges().stream().map(c -> Map.of(
                "status", c.status().code(), "at", c.at().toString(), "reason", c.reason()))
                .toList());
        return out;
    }

    private static Map<String, Object> installment(PlanInstallment i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", i.number());
        m.put("due", i.due().toString());
        m.put("amount", i.amount().toPlainString());
        m.put("paid", i.paid().toPlainString());
        m.put("state", i.state().code());
        return m;
    }

    private static Map<String, Object> version(PlanVersion v) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", v.number());
        out.put("at", v.at().toString());
        out.put("change", v.change().map(PlanChange::fields).orElse(null));
        out.put("frequency", v.schedule().frequency().name().toLowerCase(java.util.Locale.ROOT));
        out.put("downPayment", v.schedule().downPayment().toPlainString());
        out.put("total", v.schedule().total().toPlainString());
        out.put("installments", v.installments().stream().map(PlanRoutes::installment).toList());
        v.skipped().ifPresent(i -> out.put("skipped", installment(i)));
        out.put("termsShown", Map.of("text", v.terms().text(), "language", v.terms().language(),
                "channel", v.terms().channel()));
        out.put("agreement", Map.of("conversationId", v.agreement().conversationId(),
                "channel", v.agreement().channel(), "seq", v.agreement().seq(),
                "text", v.agreement().text(), "at", v.agreement().at().toString()));
        return out;
    }
}
