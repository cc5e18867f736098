package org.parley.payments;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.NotFoundException;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.web.CsvUpload;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Payments in the client API, under {@code /api/clients} and its bearer token:
 * {@code POST /{clientId}/payments} imports a payment file (CSV), answered with what it
 * recorded; {@code GET /{clientId}/accounts/{account}/payments} lists an account's payments,
 * amounts as strings and no more of a card than its last four digits. Each listing is audited.
 */
final class PaymentRoutes implements HttpService {

    /** The largest payment file accepted, 20 MB. */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private final PaymentImport imports;
    private final PaymentLedger ledger;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final AuditLog audit;
    private final CsvUpload upload = new CsvUpload("payment file", "payment_file", MAX_BYTES,
            "split it into smaller files and import each");

    PaymentRoutes(PaymentImport imports, PaymentLedger ledger, ClientStore clients,
                  AccountStore accounts, AuditLog audit) {
        this.imports = imports;
        this.ledger = ledger;
        this.clients = clients;
        this.accounts = accounts;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{clientId}/payments", this::importFile)
                .get("/{clientId}/accounts/{account}/payments", this::list);
    }

    private void importFile(ServerRequest req, ServerResponse res) {
        String clientId = req.path().pathParameters().get("clientId");
        Optional<byte[]> body = upload.read(req, res);
        if (body.isEmpty()) {
            return;
        }

        PaymentImportResult result;
        try {
            result = imports.importCsv(clientId, body.get());
        } catch (PaymentFileRejected e) {
            if (!e.code().equals(PaymentFileRejected.TOO_MANY_ROWS)) {
                throw e;
            }
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, e.code(), e.getMessage());
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(result));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Client client = clients.require(req.path().pathParameters().get("clientId"));
        String number = req.path().pathParameters().get("account");
        Account account = accounts.find(client.id(), number).orElseThrow(() ->
                new NotFoundException("unknown_account", "Client " + client.id() + " has no "
                        + "account " + number + "; check the account number"));
        audit.record("payments_viewed", "api", client.id(), number, null);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clientId", client.id());
        body.put("accountNumber", number);
        body.put("currency", client.currency());
        body.put("balance", money(account.totalDue()));
        body.put("payments", ledger.forAccount(client.id(), number).stream()
                .map(PaymentRoutes::payment).toList());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }

    private static Map<String, Object> payment(RecordedPayment recorded) {
        ReportedPayment p = recorded.payment();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("paymentId", p.paymentId());
        out.put("amount", money(p.amount()));
        out.put("currency", recorded.currency());
        out.put("paidAt", p.paidAt());
        out.put("paidOn", recorded.paidOn());
        out.put("method", p.method());
        p.last4().ifPresent(v -> out.put("last4", v));
        out.put("source", p.source().wire());
        p.linkId().ifPresent(v -> out.put("linkId", v));
        p.conversationId().ifPresent(v -> out.put("conversationId", v));
        out.put("recordedAt", recorded.recordedAt());
        out.put("balanceAfter", money(recorded.balanceAfter()));
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("status", recorded.receipt().status().wire());
        recorded.receipt().conversationId().ifPresent(v -> receipt.put("conversationId", v));
        recorded.receipt().channel().ifPresent(v -> receipt.put("channel", v));
        out.put("receipt", receipt);
        return out;
    }

    private static String money(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }
}
