package org.parley.billing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.store.Store;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Accounts found by phone through {@code account_phones}, kept by every save. */
class AccountPhonesTest {

    private static final String CLIENT = "example-health";
    private static final String PHONE = "+15555550177";

    @TempDir
    Path data;
    Store store;
    AccountStore accounts;

    @BeforeEach
    void open() {
        store = Store.embedded(data, "test");
        accounts = new AccountStore(store.database());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Account account(String number, String phone) {
        return new Account(CLIENT, number, "Sam", "Lee", LocalDate.of(1980, 1, 2), "30301",
                Optional.ofNullable(phone), Optional.empty(), Optional.empty(),
                List.of(new Encounter("E-" + number, LocalDate.of(2026, 9, 2), "Dr. Ortiz",
                        "Office visit", new BigDecimal("100.00"), new BigDecimal("55.00"),
                        BigDecimal.ZERO, new BigDecimal("45.00"), LocalDate.of(2026, 12, 31))),
                Optional.empty());
    }

    private List<String> numbersOn(String phone) {
        return accounts.findByPhone(CLIENT, phone).stream().map(Account::accountNumber).toList();
    }

    @Test
    void everyAccountSavedWithAPhoneIsFoundByIt() {
        accounts.save(account("A-1", PHONE));
        accounts.save(account("A-2", PHONE));
        accounts.save(account("A-3", "+15555550178"));
        accounts.save(account("A-4", null));

        assertEquals(List.of("A-1", "A-2"), numbersOn(PHONE));
        assertEquals(List.of(), accounts.findByPhone("other-client", PHONE));
    }

    @Test
    void accountMovedToAnotherPhoneIsNoLongerFoundByTheOldOne() {
        accounts.save(account("A-1", PHONE));

        accounts.save(account("A-1", "+15555550178"));

        assertEquals(List.of(), numbersOn(PHONE));
        assertEquals(List.of("A-1"), numbersOn("+15555550178"));
    }

    @Test
    void accountsStoredBeforePhonesWereListedAreFoundAfterARestart() {
        accounts.save(account("A-1", PHONE));
        store.database().getCollection("account_phones").drop();

        AccountStore reopened = new AccountStore(store.database());

        assertEquals(List.of("A-1"), reopened.findByPhone(CLIENT, PHONE).stream()
                .map(Account::accountNumber).toList());
    }

    @Test
    void numbersStoredBeforeTheyWereListedAreFoundAsTypedAfterARestart() {
        accounts.save(account("tb-08", PHONE));
        store.database().getCollection("account_numbers").drop();

        AccountStore reopened = new AccountStore(store.database());

        assertEquals("tb-08", reopened.findTyped(CLIENT, "TB08").orElseThrow().accountNumber());
    }
}
