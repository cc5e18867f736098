package org.parley.payments;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.audit.AuditLog;
import org.parley.billing.Payment;
import org.parley.testing.ChatClient;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's sandbox payment page, over real HTTP on a running Parley. */
class PaySandboxPageTest {

    private static final String CLIENT = "example-health";
    private static final String ACCOUNT = "EH100234";

    @TempDir
    Path dataDir;

    private TestParley parley;

    @AfterEach
    void stop() {
        if (parley != null) {
            parley.close();
        }
    }

    @Test
    void demoLinkPointsAtTheSandboxPageOnThisServer() {
        parley = TestParley.start(dataDir);

        String link = issue("45.00");

        assertTrue(link.startsWith("http://localhost:" + parley.parley().port() + "/pay/"),
                link);
    }

    @Test
    void pageSaysItIsASandboxAndShowsClientAndAmount() {
        parley = TestParley.start(dataDir);
        String path = path(issue("1234.50"));

        HttpResponse<String> page = get(path);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<p class=\"sandbox\" role=\"alert\">"
                + "SANDBOX — no real payment</p>"), page.body());
        assertTrue(page.body().contains("Pay <strong>Example Health</strong>"), page.body());
        assertTrue(page.body().contains("Amount: <strong>USD 1234.50</strong>"), page.body());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type")
                .orElseThrow());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow()
                .startsWith("default-src 'none'"));
    }

    @Test
    void pageLoadsNothingFromElsewhereAndRunsNoScript() {
        parley = TestParley.start(dataDir);

        String body = get(path(issue("45.00"))).body();

        assertFalse(body.contains("<script"), body);
        assertFalse(body.contains("http://") || body.contains("https://")
                || body.contains("//"), body);
    }

    @Test
    void testCardPaysAndOnlyItsLastFourAreStored() {
        parley = TestParley.start(dataDir);
        String path = path(issue("45.00"));

        HttpResponse<String> done = post(path, "card=4242+4242+4242+4242");

        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("Sandbox payment of <strong>USD 45.00</strong> to "
                + "<strong>Example Health</strong> recorded, card ending 4242."), done.body());
        Document payment = db().getCollection("payments").find().first();
        assertEquals(CLIENT, payment.getString("clientId"));
        assertEquals(ACCOUNT, payment.getString("accountNumber"));
        assertEquals(new Decimal128(new BigDecimal("45.00")), payment.get("amount"));
        assertEquals("4242", payment.getString("last4"));
        assertEquals("conv-7", payment.getString("conversationId"));
        assertEquals(TestParley.NOW, payment.getDate("paidAt").toInstant());
        assertEquals(TestParley.NOW, payment.getDate("recordedAt").toInstant());
        assertEquals("sandbox", payment.getString("source"));
        assertEquals(payment.getString("linkId"), payment.getString("paymentId"));
        assertEquals(1, db().getCollection("payments").countDocuments());
        assertNoDocumentAnywhereContains("4242424242424242");
        assertNoDocumentAnywhereContains("4242 4242 4242 4242");
        assertNoDocumentAnywhereContains("4242+4242");
    }

    @Test
    void paymentLowersTheBalanceAndBecomesTheLastPayment() {
        parley = TestParley.start(dataDir);

        post(path(issue("200.00")), "card=4242424242424242");

        var account = parley.parley().services().accounts().find(CLIENT, ACCOUNT).orElseThrow();
        assertEquals(new BigDecimal("1034.50"), account.totalDue());
        assertEquals(Optional.of(new Payment(LocalDate.of(2026, 12, 4),
                new BigDecimal("200.00"))), account.lastPayment());
    }

    @Test
    void paymentIsReceiptedInTheChatWhereThePatientIsVerified() {
        parley = TestParley.start(dataDir);
        try (ChatClient chat = VerifiedChat.open(parley, "en", "balance", "EH100234 30301")) {
            String link = parley.parley().payments().links().issue(CLIENT, ACCOUNT,
                    new BigDecimal("45.00"), chat.conversationId());

            post(path(link), "card=4242424242424242");

            chat.bot("Thank you! We received your payment of $45.00 on December 4, 2026. Your "
                    + "balance with Example Health is now $1,189.50.");
        }
    }

    @Test
    void moreThanIsOwedIsRefusedAndLeavesTheLinkUsable() {
        parley = TestParley.start(dataDir);
        String path = path(issue("1234.51"));

        HttpResponse<String> refused = post(path, "card=4242424242424242");
        HttpResponse<String> page = get(path);

        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("<p class=\"error\" data-code=\"overpayment\">This "
                + "payment is more than the account owes now; ask for a new link in the "
                + "conversation</p>"), refused.body());
        assertEquals(200, page.statusCode());
        assertEquals(0, db().getCollection("payments").countDocuments());
        assertEquals(0, db().getCollection("payment_links_used").countDocuments());
        assertEquals(new BigDecimal("1234.50"), parley.parley().services().accounts()
                .find(CLIENT, ACCOUNT).orElseThrow().totalDue());
    }

    @Test
    void paymentIsAudited() {
        parley = TestParley.start(dataDir);

        post(path(issue("45.00")), "card=4111111111111111");

        List<AuditLog.Entry> entries = parley.parley().services().audit()
                .forConversation("conv-7");
        assertEquals(List.of(new AuditLog.Entry("payment.sandbox", "patient", CLIENT, ACCOUNT,
                "conv-7", TestParley.NOW)), entries);
    }

    @Test
    void nonTestCardIsRefusedWithTheFormShownAgainAndNothingIsStored() {
        parley = TestParley.start(dataDir);
        String path = path(issue("45.00"));

        // A Luhn-valid number that is not on the sandbox's list.
        HttpResponse<String> refused = post(path, "card=4000056655665556");

        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("data-code=\"card_not_test\""), refused.body());
        assertTrue(refused.body().contains("The sandbox accepts only test card numbers"),
                refused.body());
        assertFalse(refused.body().contains("4000056655665556"), refused.body());
        assertTrue(refused.body().contains("<form method=\"post\">"), refused.body());
        assertTrue(refused.body().contains("Amount: <strong>USD 45.00</strong>"), refused.body());
        assertEquals(0, db().getCollection("payments").countDocuments());
        assertEquals(0, db().getCollection("payment_links_used").countDocuments());
        assertNoDocumentAnywhereContains("4000056655665556");
    }

    @Test
    void refusedCardLeavesTheLinkUsable() {
        parley = TestParley.start(dataDir);
        String path = path(issue("45.00"));
        post(path, "card=1234");

        HttpResponse<String> done = post(path, "card=5555-5555-5555-4444");

        assertEquals(200, done.statusCode());
        assertEquals("4444", db().getCollection("payments").find().first().getString("last4"));
    }

    @Test
    void linkPaysOnlyOnce() {
        parley = TestParley.start(dataDir);
        String path = path(issue("45.00"));
        post(path, "card=378282246310005");

        HttpResponse<String> again = post(path, "card=4242424242424242");
        HttpResponse<String> page = get(path);

        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("data-code=\"link_used\""), again.body());
        assertEquals(409, page.statusCode());
        assertEquals(1, db().getCollection("payments").countDocuments());
        assertEquals("0005", db().getCollection("payments").find().first().getString("last4"));
    }

    @Test
    void expiredLinkIsGone() {
        TestClock clock = new TestClock(TestParley.NOW);
        parley = TestParley.start(dataDir, Map.of(), clock);
        String path = path(issue("45.00"));

        clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> page = get(path);
        HttpResponse<String> pay = post(path, "card=4242424242424242");

        assertEquals(410, page.statusCode());
        assertTrue(page.body().contains("data-code=\"link_expired\""), page.body());
        assertTrue(page.body().contains("SANDBOX — no real payment"), page.body());
        assertEquals(410, pay.statusCode());
        assertEquals(0, db().getCollection("payments").countDocuments());
    }

    @Test
    void tamperedLinkIsRefused() {
        parley = TestParley.start(dataDir);
        String path = path(issue("45.00"));
        String tampered = path.substring(0, path.length() - 2)
                + (path.endsWith("AA") ? "BB" : "AA");

        HttpResponse<String> page = get(tampered);

        assertEquals(400, page.statusCode());
        assertTrue(page.body().contains("data-code=\"link_invalid\""), page.body());
    }

    @Test
    void sandboxIsNotRoutedWhenSwitchedOff() {
        parley = TestParley.start(dataDir, Map.of("PARLEY_PAYMENTS_SANDBOX", "false"));

        HttpResponse<String> page = get("/pay/anything");

        assertFalse(parley.parley().payments().sandbox());
        assertEquals(404, page.statusCode());
    }

    private String issue(String amount) {
        return parley.parley().payments().links().issue(CLIENT, ACCOUNT, new BigDecimal(amount),
                "conv-7");
    }

    private String path(String link) {
        return link.substring(link.indexOf("/pay/"));
    }

    private HttpResponse<String> get(String path) {
        return parley.send(HttpRequest.newBuilder(parley.http(path)).GET().build());
    }

    private HttpResponse<String> post(String path, String form) {
        return parley.send(HttpRequest.newBuilder(parley.http(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    private MongoDatabase db() {
        return parley.parley().store().database();
    }

    private void assertNoDocumentAnywhereContains(String text) {
        List<String> found = new ArrayList<>();
        for (String name : db().listCollectionNames()) {
            for (Document d : db().getCollection(name).find()) {
                if (d.toJson().contains(text)) {
                    found.add(name);
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
