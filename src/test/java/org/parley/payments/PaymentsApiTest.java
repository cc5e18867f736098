package org.parley.payments;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /api/clients/{id}/accounts/{account}/payments}: an account's payments. */
class PaymentsApiTest extends DemoParley {

    private static final String PATH = "/api/clients/" + CLIENT + "/accounts/EH100845/payments";

    private static void pay(String id, String amount, String paidAt, Optional<String> last4) {
        parley.parley().payments().ledger().record(new ReportedPayment(CLIENT, id, "EH100845",
                new BigDecimal(amount), Instant.parse(paidAt), "card", last4,
                PaymentSource.WEBHOOK, Optional.empty(), Optional.empty()));
    }

    @Test
    void anAccountsPaymentsAreListedWithAmountsAsStringsAndNoMoreOfACardThanItsLastFour() {
        pay("ch_2", "8.75", "2026-12-04T14:30:00Z", Optional.of("4242"));
        pay("ch_1", "30", "2026-12-01T10:00:00Z", Optional.empty());

        HttpResponse<String> response = parley.api("GET", PATH, null, null);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(json("""
                {"clientId":"example-health","accountNumber":"EH100845","currency":"USD",
                 "balance":"40.00","payments":[
                  {"paymentId":"ch_1","amount":"30.00","currency":"USD",
                   "paidAt":"2026-12-01T10:00:00Z","paidOn":"2026-12-01","method":"card",
                   "source":"webhook","recordedAt":"2026-12-04T15:00:00Z",
                   "balanceAfter":"40.00","receipt":{"status":"no_verified_conversation"}},
                  {"paymentId":"ch_2","amount":"8.75","currency":"USD",
                   "paidAt":"2026-12-04T14:30:00Z","paidOn":"2026-12-04","method":"card",
                   "last4":"4242","source":"webhook","recordedAt":"2026-12-04T15:00:00Z",
                   "balanceAfter":"70.00","receipt":{"status":"no_verified_conversation"}}]}
                """), json(response.body()));
    }

    @Test
    void anAccountWithoutPaymentsHasAnEmptyList() {
        HttpResponse<String> response = parley.api("GET", PATH, null, null);

        assertEquals(json("[]"), json(response.body()).get("payments"));
        assertEquals("78.75", json(response.body()).get("balance").asText());
    }

    @Test
    void eachListingIsAudited() {
        var audit = parley.parley().store().database().getCollection("audit");
        audit.deleteMany(new Document("event", "payments_viewed"));

        parley.api("GET", PATH, null, null);

        Document entry = audit.find(new Document("event", "payments_viewed")).first();
        assertEquals(List.of("api", CLIENT, "EH100845", TestParley.NOW), List.of(
                entry.getString("actor"), entry.getString("clientId"),
                entry.getString("accountNumber"), entry.getDate("at").toInstant()));
    }

    @Test
    void anUnknownAccountOrClientIs404() {
        HttpResponse<String> account = parley.api("GET",
                "/api/clients/" + CLIENT + "/accounts/EH999999/payments", null, null);
        HttpResponse<String> client = parley.api("GET",
                "/api/clients/nobody/accounts/EH100845/payments", null, null);

        assertEquals(404, account.statusCode());
        assertEquals("Client example-health has no account EH999999; check the account number",
                json(account.body()).get("message").asText());
        assertEquals(404, client.statusCode());
        assertEquals("unknown_client", json(client.body()).get("error").asText());
    }

    @Test
    void theListingNeedsTheApiToken() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(parley.http(PATH))
                .GET().build());

        assertEquals(401, response.statusCode());
    }
}
