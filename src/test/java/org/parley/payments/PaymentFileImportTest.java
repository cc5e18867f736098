package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.parley.csv.CsvFileRejected.Problem;
import org.parley.testing.ChatClient;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Payment files over the client API: checked whole, then recorded once per payment id. */
class PaymentFileImportTest extends DemoParley {

    private static final String PATH = "/api/clients/" + CLIENT + "/payments";
    private static final String HEADER = "payment_id,account_number,amount,paid_at,method,last4";
    private static final String PAID_AT = "a date as YYYY-MM-DD or an ISO-8601 instant such as "
            + "2026-12-04T14:30:00Z, not in the future nor more than 10 years ago";
    /** Three payments: Taylor pays a visit, Jordan in full, Casey part, on the test day. */
    private static final String FILE = HEADER + "\n"
            + "ch_1001,EH100845,38.75,2026-12-04T14:30:00Z,card,4242\n"
            + "ch_1002,EH100611,85.00,2026-12-04,ach,\n"
            + "ch_1003,EH100612,12.40,2026-12-03T09:15:00Z,cash,\n";

    private static HttpResponse<String> post(String csv) {
        return parley.api("POST", PATH, "text/csv", csv);
    }

    private static BigDecimal balance(String account) {
        return balance(parley, account);
    }

    private static List<List<Document>> stored() {
        return stored(parley, "accounts", "payments", "messages", "outbox");
    }

    @Test
    void aFileRecordsEachPaymentAndLowersEachBalance() {
        HttpResponse<String> response = post(FILE);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(json("{\"payments\":3,\"recorded\":3,\"duplicates\":0,\"receiptsSent\":0,"
                + "\"receiptsNotSent\":3}"), json(response.body()));
        assertEquals(new BigDecimal("40.00"), balance("EH100845"));
        assertEquals(new BigDecimal("0.00"), balance("EH100611"));
        assertEquals(new BigDecimal("50.00"), balance("EH100612"));
    }

    @Test
    void theSameFileAgainRecordsNothingNew() {
        post(FILE);
        List<List<Document>> after = stored();

        HttpResponse<String> again = post(FILE);

        assertEquals(200, again.statusCode(), again.body());
        assertEquals(json("{\"payments\":3,\"recorded\":0,\"duplicates\":3,\"receiptsSent\":0,"
                + "\"receiptsNotSent\":0}"), json(again.body()));
        assertEquals(after, stored());
    }

    @Test
    void aDateIsTheDayPaidWhereTheClientIs() {
        post(FILE);

        RecordedPayment jordan = parley.parley().payments().ledger()
                .forAccount(CLIENT, "EH100611").getFirst();
        assertEquals(LocalDate.of(2026, 12, 4), jordan.paidOn());
        assertEquals(Instant.parse("2026-12-04T05:00:00Z"), jordan.payment().paidAt());
        assertEquals(PaymentSource.FILE, jordan.payment().source());
    }

    @Test
    void badValuesAreListedByLineAndColumnAndNothingIsRecorded() {
        String csv = HEADER + ",currency\n"
                + "ch_1,EH100845,1.005,2026-12-04,card,,USD\n"
                + "ch_2,EH100845,10.00,2026-12-05T14:30:00Z,card,4242424242424242,USD\n"
                + "ch_1,EH100845,10.00,12/04/2026,check,,EUR\n"
                + ",EH100845,10.00,2026-12-04,card 1,,\n";
        List<List<Document>> before = stored();

        HttpResponse<String> response = post(csv);

        assertEquals(400, response.statusCode(), response.body());
        JsonNode answer = json(response.body());
        assertEquals("invalid_payment_file", answer.get("error").asText());
        assertEquals("4 rows of the payment file are bad (8 problems, each listed with its line "
                + "and column); nothing was applied. Correct them and import the whole file "
                + "again.", answer.get("message").asText());
        assertEquals(List.of(
                new Problem(2, "amount", "1.005", PaymentFields.AMOUNT),
                new Problem(3, "paid_at", "2026-12-05T14:30:00Z", PAID_AT),
                new Problem(3, "last4", "(16 characters, not shown)", PaymentFields.LAST4),
                new Problem(4, "paid_at", "12/04/2026", PAID_AT),
                new Problem(4, "currency", "EUR", "'USD', the currency of client "
                        + "example-health's balances, or empty"),
                new Problem(4, "payment_id", "ch_1", "a payment_id used once in the file "
                        + "(line 2 has it too)"),
                new Problem(5, "payment_id", "", PaymentFields.PAYMENT_ID),
                new Problem(5, "method", "card 1", PaymentFields.METHOD)),
                problems(answer));
        assertFalse(response.body().contains("4242424242424242"), response.body());
        assertEquals(before, stored());
    }

    @Test
    void paymentsTheStoreWouldRefuseAreListedAndNothingIsRecorded() {
        post(HEADER + "\nch_0,EH100845,10.00,2026-12-04,card,\n");
        List<List<Document>> before = stored();
        String csv = HEADER + "\n"
                + "ch_1,EH100845,60.00,2026-12-04,card,\n"
                + "ch_2,EH100845,8.76,2026-12-04,card,\n"
                + "ch_3,EH999999,1.00,2026-12-04,card,\n"
                + "ch_0,EH100845,11.00,2026-12-04,card,\n";

        HttpResponse<String> response = post(csv);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals(List.of(
                new Problem(3, "amount", "8.76", "at most 8.75, what account EH100845 owes "
                        + "after the file's earlier payments"),
                new Problem(4, "account_number", "EH999999", "an account of client "
                        + "example-health; import the balance file with it first"),
                new Problem(5, "payment_id", "ch_0", "a payment id recorded once: it was "
                        + "recorded before for account EH100845 and 10.00")),
                problems(json(response.body())));
        assertEquals(before, stored());
    }

    @Test
    void badValuesAndPaymentsTheStoreWouldRefuseAreListedTogetherInOneAnswer() {
        List<List<Document>> before = stored();
        String csv = HEADER + "\n"
                + "ch_1,EH999999,1.00,2026-12-04,card,\n"
                + "ch_2,EH100845,1.005,2026-12-04,card,\n"
                + "ch_3,EH100845,1.00,0001-01-01,card,\n"
                + "ch_4,EH100845,80.00,2026-12-04,card,\n";

        HttpResponse<String> response = post(csv);

        assertEquals(400, response.statusCode(), response.body());
        JsonNode answer = json(response.body());
        assertEquals("4 rows of the payment file are bad (4 problems, each listed with its line "
                + "and column); nothing was applied. Correct them and import the whole file "
                + "again.", answer.get("message").asText());
        assertEquals(List.of(
                new Problem(2, "account_number", "EH999999", "an account of client "
                        + "example-health; import the balance file with it first"),
                new Problem(3, "amount", "1.005", PaymentFields.AMOUNT),
                new Problem(4, "paid_at", "0001-01-01", PAID_AT),
                new Problem(5, "amount", "80.00", "at most 78.75, what account EH100845 owes "
                        + "after the file's earlier payments")),
                problems(answer));
        assertEquals(before, stored());
    }

    @Test
    void aHeaderWithoutARequiredColumnOrWithAnUnknownOneIsRefused() {
        HttpResponse<String> response = post("payment_id,account,amount,paid_at,method\n"
                + "ch_1,EH100845,1.00,2026-12-04,card\n");

        assertEquals(400, response.statusCode(), response.body());
        assertEquals(List.of(
                new Problem(1, "account", "account", "a known column; the columns are "
                        + "payment_id, account_number, amount, paid_at, method, and optionally "
                        + "last4, currency"),
                new Problem(1, "account_number", "", "a column named account_number")),
                problems(json(response.body())));
    }

    @Test
    void aFileOverTheRowLimitIsRefusedBeforeAnythingIsChecked() {
        PaymentImport small = new PaymentImport(parley.parley().payments().ledger(),
                parley.parley().services().clients(), Clock.fixed(TestParley.NOW, ZoneOffset.UTC),
                2);

        PaymentFileRejected e = assertThrows(PaymentFileRejected.class,
                () -> small.importCsv(CLIENT, FILE.getBytes(StandardCharsets.UTF_8)));

        assertEquals(PaymentFileRejected.TOO_MANY_ROWS, e.code());
        assertEquals("The payment file has 3 rows; at most 2 are imported at once. Split it and "
                + "import the parts.", e.getMessage());
        assertEquals(new BigDecimal("78.75"), balance("EH100845"));
    }

    @Test
    void theImportNeedsTheApiTokenAndACsvBody() {
        HttpResponse<String> anonymous = parley.send(HttpRequest.newBuilder(parley.http(PATH))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(FILE)).build());
        HttpResponse<String> json = parley.api("POST", PATH, "application/json", "{}");

        assertEquals(401, anonymous.statusCode());
        assertEquals(415, json.statusCode());
        assertEquals(new BigDecimal("78.75"), balance("EH100845"));
    }

    @Test
    void anUnknownClientIs404() {
        HttpResponse<String> response = parley.api("POST", "/api/clients/nobody/payments",
                "text/csv", FILE);

        assertEquals(404, response.statusCode());
        assertEquals("unknown_client", json(response.body()).get("error").asText());
    }

    @Test
    void aPaymentFromAFileIsReceiptedInTheVerifiedChat() {
        try (ChatClient chat = VerifiedChat.open(parley, "en", "balance", "EH100234 30301")) {
            HttpResponse<String> response = post(HEADER + "\n"
                    + "ch_9,EH100234,34.50,2026-12-03,check,\n");

            assertEquals(json("{\"payments\":1,\"recorded\":1,\"duplicates\":0,"
                    + "\"receiptsSent\":1,\"receiptsNotSent\":0}"), json(response.body()));
            chat.bot("Thank you! We received your payment of $34.50 on December 3, 2026. Your "
                    + "balance with Example Health is now $1,200.00.");
        }
    }

    private static List<Problem> problems(JsonNode answer) {
        List<Problem> problems = new ArrayList<>();
        answer.get("detail").get("problems").forEach(p -> problems.add(new Problem(
                p.get("line").asInt(), p.get("column").asText(), p.get("value").asText(),
                p.get("expected").asText())));
        return problems;
    }
}
