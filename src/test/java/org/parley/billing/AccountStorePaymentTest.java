package org.parley.billing;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientStore;
import org.parley.store.Store;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Applying a payment to a stored account: once, atomically, and kept across imports. */
class AccountStorePaymentTest {

    private static final LocalDate PAID_ON = LocalDate.of(2026, 11, 20);

    @TempDir
    Path dataDir;

    private Store store;
    private AccountStore accounts;
    private BalanceImport balances;

    @BeforeEach
    void openStore() {
        store = Store.embedded(dataDir, "test");
        accounts = new AccountStore(store.database());
        ClientStore clients = new ClientStore(store.database());
        clients.save(BalanceImportTest.EXAMPLE_HEALTH);
        balances = new BalanceImport(accounts, clients, BalanceCsv.CLOCK, BalanceImport.MAX_ROWS);
        balances.importCsv("example-health", new StringReader(BalanceCsv.demo()));
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private AccountStore.Application pay(String paymentId, String amount) {
        return accounts.applyPayment("example-health", "EH100234", paymentId,
                new BigDecimal(amount), PAID_ON);
    }

    private Account alex() {
        return accounts.find("example-health", "EH100234").orElseThrow();
    }

    @Test
    void aPaymentLowersTheStoredBalanceAndBecomesTheLastPayment() {
        AccountStore.Application result = pay("pay_1", "200.00");

        AccountStore.Applied applied = assertInstanceOf(AccountStore.Applied.class, result);
        assertEquals(new BigDecimal("1234.50"), applied.before().totalDue());
        assertEquals(new BigDecimal("1034.50"), applied.after().totalDue());
        assertEquals(applied.after(), alex());
        assertEquals(Optional.of(new Payment(PAID_ON, new BigDecimal("200.00"))),
                alex().lastPayment());
    }

    @Test
    void theSamePaymentIdIsAppliedOnce() {
        pay("pay_1", "200.00");

        AccountStore.Application again = pay("pay_1", "200.00");

        assertEquals(new AccountStore.AlreadyApplied(alex()), again);
        assertEquals(new BigDecimal("1034.50"), alex().totalDue());
    }

    @Test
    void moreThanIsOwedChangesNothing() {
        Document before = document();

        AccountStore.Application result = pay("pay_1", "1234.51");

        assertEquals(new AccountStore.MoreThanOwed(alex()), result);
        assertEquals(before, document());
    }

    @Test
    void anUnknownAccountIsSaidSo() {
        assertEquals(new AccountStore.NoAccount(), accounts.applyPayment("example-health",
                "EH999999", "pay_1", BigDecimal.TEN, PAID_ON));
    }

    @Test
    void aReimportOfTheSameFileKeepsWhatWasAppliedAndAppliesNothingTwice() {
        pay("pay_1", "45.00");

        ImportResult reimport = balances.importCsv("example-health",
                new StringReader(BalanceCsv.demo()));
        AccountStore.Application again = pay("pay_1", "45.00");

        // The file is the client's word: its visit owes 45.00 again, and the id is still known.
        assertEquals(1, reimport.accountsUpdated());
        assertEquals(new BigDecimal("1234.50"), alex().totalDue());
        assertInstanceOf(AccountStore.AlreadyApplied.class, again);
        assertEquals(List.of("pay_1"), document().getList("appliedPayments", String.class));
    }

    @Test
    void anImportWithoutLastPaymentColumnsKeepsThePaymentsLastPayment() {
        pay("pay_1", "45.00");

        balances.importCsv("example-health", new StringReader(BalanceCsv.csv(
                List.of(BalanceCsv.officeVisit()))));

        assertEquals(Optional.of(new Payment(PAID_ON, new BigDecimal("45.00"))),
                alex().lastPayment());
    }

    @Test
    void everyWriteRaisesTheRevision() {
        long first = document().get("revision", Number.class).longValue();

        pay("pay_1", "1.00");
        accounts.save(alex());

        assertEquals(first + 2, document().get("revision", Number.class).longValue());
    }

    private Document document() {
        return store.database().getCollection("accounts")
                .find(new Document("accountNumber", "EH100234")).first();
    }
}
