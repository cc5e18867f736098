package org.parley.payments;

import com.nimbusds.jose.util.Base64URL;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.BadInputException;
import org.parley.ParleyException;
import org.parley.store.Store;
import org.parley.testing.TestClock;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PaymentLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");
    private static final byte[] KEY =
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final String TEMPLATE = "https://pay.example.test/p/{token}?src=sms";

    @TempDir
    Path dataDir;

    private Store store;
    private TestClock clock;
    private PaymentLinks links;

    @BeforeEach
    void open() {
        store = Store.embedded(dataDir, "parley");
        clock = new TestClock(NOW);
        links = new PaymentLinks(store.database(), clock, new SecureRandom(), KEY,
                Duration.ofMinutes(30), clientId -> Optional.of(TEMPLATE));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void issuedLinkIsTheClientTemplateWithTheTokenAndRedeemsToWhatWasIssued() {
        String link = links.issue("example-health", "EH100234", new BigDecimal("1234.50"),
                "conv-1");

        String token = tokenOf(link);
        PaymentLink redeemed = links.redeem(token);

        assertTrue(link.startsWith("https://pay.example.test/p/"), link);
        assertTrue(link.endsWith("?src=sms"), link);
        assertEquals("example-health", redeemed.clientId());
        assertEquals("EH100234", redeemed.accountNumber());
        assertEquals(new BigDecimal("1234.50"), redeemed.amount());
        assertEquals("conv-1", redeemed.conversationId());
        assertEquals(NOW.plus(Duration.ofMinutes(30)), redeemed.expiresAt());
    }

    @Test
    void tokenCarriesTheAmountAsAStringNeverANumber() {
        String token = tokenOf(links.issue("example-health", "EH100234",
                new BigDecimal("0.10"), "conv-1"));

        String payload = new Base64URL(token.split("\\.")[1]).decodeToString();

        assertTrue(payload.contains("\"amt\":\"0.10\""), payload);
    }

    @Test
    void everyLinkHasItsOwnId() {
        String first = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));
        String second = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));

        assertFalse(links.check(first).linkId().equals(links.check(second).linkId()));
    }

    @Test
    void tamperedTokenIsInvalid() {
        String token = tokenOf(links.issue("example-health", "EH100234", new BigDecimal("45.00"),
                "conv-1"));
        String[] parts = token.split("\\.");
        String payload = new Base64URL(parts[1]).decodeToString().replace("45.00", "0.01");
        String tampered = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

        ParleyException e = assertThrows(PaymentLinkException.Invalid.class,
                () -> links.redeem(tampered));

        assertEquals("link_invalid", e.code());
        assertEquals(ParleyException.Kind.BAD_INPUT, e.kind());
        assertEquals(0, store.database().getCollection("payment_links_used").countDocuments());
    }

    @Test
    void tokenSignedWithAnotherKeyIsInvalid() {
        PaymentLinks other = new PaymentLinks(store.database(), clock, new SecureRandom(),
                "another-key-another-key-another-key".getBytes(StandardCharsets.UTF_8),
                Duration.ofMinutes(30), clientId -> Optional.of(TEMPLATE));
        String token = tokenOf(other.issue("example-health", "EH100234", BigDecimal.ONE, "c"));

        assertThrows(PaymentLinkException.Invalid.class, () -> links.redeem(token));
    }

    @Test
    void unsignedTokenIsInvalid() {
        String header = Base64URL.encode("{\"alg\":\"none\"}").toString();
        String payload = Base64URL.encode("{\"iss\":\"parley\",\"jti\":\"x\",\"exp\":9999999999,"
                + "\"cid\":\"example-health\",\"acct\":\"EH100234\",\"amt\":\"1\","
                + "\"conv\":\"c\"}").toString();

        ParleyException e = assertThrows(PaymentLinkException.Invalid.class,
                () -> links.redeem(header + "." + payload + "."));

        assertEquals("link_invalid", e.code());
    }

    @Test
    void garbageIsInvalid() {
        assertThrows(PaymentLinkException.Invalid.class, () -> links.redeem("not-a-token"));
    }

    @Test
    void linkExpiresAtItsLifetime() {
        String token = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));

        clock.advance(Duration.ofMinutes(30));
        ParleyException e = assertThrows(PaymentLinkException.Expired.class,
                () -> links.redeem(token));

        assertEquals("link_expired", e.code());
        assertEquals(ParleyException.Kind.GONE, e.kind());
        assertTrue(e.getMessage().contains("2026-12-04T15:30:00Z"), e.getMessage());
    }

    @Test
    void linkStillWorksJustBeforeItsLifetime() {
        String token = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));

        clock.advance(Duration.ofMinutes(30).minusSeconds(1));

        assertEquals(BigDecimal.TEN, links.redeem(token).amount());
    }

    @Test
    void secondRedeemIsRefusedAsUsed() {
        String token = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));
        links.redeem(token);

        ParleyException e = assertThrows(PaymentLinkException.Used.class,
                () -> links.redeem(token));

        assertEquals("link_used", e.code());
        assertEquals(ParleyException.Kind.CONFLICT, e.kind());
        assertThrows(PaymentLinkException.Used.class, () -> links.check(token));
    }

    @Test
    void usedLinkIsRefusedByAnotherProcessSharingTheStore() {
        String token = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));
        PaymentLinks otherProcess = new PaymentLinks(store.database(), clock, new SecureRandom(),
                KEY, Duration.ofMinutes(30), clientId -> Optional.of(TEMPLATE));
        links.redeem(token);

        assertThrows(PaymentLinkException.Used.class, () -> otherProcess.redeem(token));
    }

    @Test
    void ofConcurrentRedeemsExactlyOneSucceeds() throws Exception {
        String token = tokenOf(links.issue("example-health", "EH100234", BigDecimal.TEN, "c"));
        int callers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> results = new ArrayList<>();

        try {
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    try {
                        links.redeem(token);
                        return "redeemed";
                    } catch (PaymentLinkException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get(10, TimeUnit.SECONDS));
            }

            assertEquals(1, outcomes.stream().filter("redeemed"::equals).count(),
                    outcomes.toString());
            assertEquals(callers - 1, outcomes.stream().filter("link_used"::equals).count());
            assertEquals(1, store.database().getCollection("payment_links_used")
                    .countDocuments(new Document()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void amountMustBePositiveWholeCents() {
        assertThrows(BadInputException.class, () -> links.issue("example-health", "EH100234",
                new BigDecimal("0.00"), "c"));
        assertThrows(BadInputException.class, () -> links.issue("example-health", "EH100234",
                new BigDecimal("10.005"), "c"));
    }

    @Test
    void clientWithoutPaymentPageGetsNoLink() {
        PaymentLinks noPages = new PaymentLinks(store.database(), clock, new SecureRandom(), KEY,
                Duration.ofMinutes(30), clientId -> Optional.empty());

        ParleyException e = assertThrows(PaymentLinkException.NoPaymentPage.class,
                () -> noPages.issue("example-health", "EH100234", BigDecimal.TEN, "c"));

        assertEquals("payment_page_not_configured", e.code());
    }

    @Test
    void keyShorterThan32BytesIsRefusedWithoutShowingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PaymentLinks(store.database(), clock, new SecureRandom(),
                        "short-secret".getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(30),
                        clientId -> Optional.of(TEMPLATE)));

        assertFalse(e.getMessage().contains("short-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("was 12"), e.getMessage());
    }

    private static String tokenOf(String link) {
        String afterPath = link.substring("https://pay.example.test/p/".length());
        return afterPath.substring(0, afterPath.indexOf('?'));
    }
}
