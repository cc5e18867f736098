package org.parley.billing;

import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.NotFoundException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.csv.CsvFileRejected.Problem;
import org.parley.store.Store;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.billing.BalanceCsv.csv;
import static org.parley.billing.BalanceCsv.mri;
import static org.parley.billing.BalanceCsv.officeVisit;
import static org.parley.billing.BalanceCsv.with;

class BalanceImportTest {

    static final Client EXAMPLE_HEALTH = new Client("example-health", "Example Health",
            ZoneId.of("America/New_York"), "USD", "+14045550100", "+14045550199",
            List.of("en", "es"));

    @TempDir
    Path dataDir;

    private Store store;
    private AccountStore accounts;
    private BalanceImport balances;
    private ClientStore clients;

    @BeforeEach
    void openStore() {
        store = Store.embedded(dataDir, "test");
        accounts = new AccountStore(store.database());
        clients = new ClientStore(store.database());
        clients.save(EXAMPLE_HEALTH);
        balances = new BalanceImport(accounts, clients, BalanceCsv.CLOCK,
                BalanceImport.MAX_ROWS);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private ImportResult importCsv(String csv) {
        return balances.importCsv("example-health", new StringReader(csv));
    }

    private List<Document> storedDocuments() {
        return store.database().getCollection("accounts").find()
                .sort(Sorts.ascending("accountNumber")).into(new ArrayList<>());
    }

    private Account stored(String accountNumber) {
        return accounts.find("example-health", accountNumber).orElseThrow();
    }

    @Test
    void demoFileCreatesEveryAccountAndEncounter() {
        ImportResult result = importCsv(BalanceCsv.demo());

        assertEquals(new ImportResult(6, 0, 0, 9, 0, 0), result);
        assertEquals(6, accounts.count("example-health"));
        Account alex = stored("EH100234");
        assertEquals(new BigDecimal("1234.50"), alex.totalDue());
        assertEquals(Optional.of(new Payment(LocalDate.of(2026, 11, 2), new BigDecimal("50.00"))),
                alex.lastPayment());
        assertEquals(List.of("EH100611", "EH100612"), accounts
                .findByPhone("example-health", "+14045550168").stream()
                .map(Account::accountNumber).sorted().toList());
    }

    @Test
    void importingTheSameFileAgainChangesNothing() {
        importCsv(BalanceCsv.demo());
        List<Document> before = storedDocuments();

        ImportResult again = importCsv(BalanceCsv.demo());

        assertEquals(new ImportResult(0, 0, 6, 0, 0, 9), again);
        assertEquals(true, again.changedNothing());
        assertEquals(before, storedDocuments());
    }

    @Test
    void changedRowUpdatesOnlyThatEncounter() {
        importCsv(BalanceCsv.demo());
        String changed = BalanceCsv.demo().replace("160.50,1189.50", "260.50,1089.50");

        ImportResult result = importCsv(changed);

        assertEquals(new ImportResult(0, 1, 5, 0, 1, 8), result);
        Account alex = stored("EH100234");
        assertEquals(List.of(new BigDecimal("45.00"), new BigDecimal("1089.50")),
                alex.encounters().stream().map(Encounter::patientResponsibility).toList());
        assertEquals(new BigDecimal("260.50"), alex.encounters().get(1).adjustments());
    }

    @Test
    void storedEncountersMissingFromTheFileAreKept() {
        importCsv(csv(officeVisit(), mri()));

        ImportResult result = importCsv(csv(officeVisit()));

        assertEquals(new ImportResult(0, 0, 1, 0, 0, 1), result);
        assertEquals(List.of("EH-V-70012", "EH-V-70458"), stored("EH100234").encounters().stream()
                .map(Encounter::encounterId).toList());
    }

    @Test
    void newEncounterIsAddedToAStoredAccount() {
        importCsv(csv(officeVisit()));

        ImportResult result = importCsv(csv(mri()));

        assertEquals(new ImportResult(0, 1, 0, 1, 0, 0), result);
        assertEquals(List.of("EH-V-70012", "EH-V-70458"), stored("EH100234").encounters().stream()
                .map(Encounter::encounterId).toList());
    }

    @Test
    void personFieldsAreReplacedByTheFile() {
        importCsv(csv(officeVisit()));

        ImportResult result = importCsv(csv(with(with(officeVisit(), "zip", "30303"), "email",
                "")));

        assertEquals(new ImportResult(0, 1, 0, 0, 0, 1), result);
        Account alex = stored("EH100234");
        assertEquals("30303", alex.zip());
        assertEquals(Optional.empty(), alex.email());
    }

    @Test
    void fileWithoutLastPaymentColumnsKeepsTheStoredLastPayment() {
        importCsv(BalanceCsv.demo());

        ImportResult result = importCsv(csv(officeVisit()));

        assertEquals(new ImportResult(0, 0, 1, 0, 0, 1), result);
        assertEquals(Optional.of(new Payment(LocalDate.of(2026, 11, 2), new BigDecimal("50.00"))),
                stored("EH100234").lastPayment());
    }

    @Test
    void emptyLastPaymentColumnsClearTheStoredLastPayment() {
        importCsv(BalanceCsv.demo());
        Map<String, String> row = with(with(officeVisit(), "last_payment_date", ""),
                "last_payment_amount", "");

        ImportResult result = importCsv(csv(row));

        assertEquals(new ImportResult(0, 1, 0, 0, 0, 1), result);
        assertEquals(Optional.empty(), stored("EH100234").lastPayment());
    }

    @Test
    void rejectedFileChangesNoStoredDocument() {
        importCsv(BalanceCsv.demo());
        List<Document> before = storedDocuments();
        String bad = csv(with(officeVisit(), "patient_responsibility", "0.00"),
                with(with(mri(), "account_number", "EH200001"), "zip", "3030"));

        BalanceFileRejected e = assertThrows(BalanceFileRejected.class, () -> importCsv(bad));

        assertEquals(1, e.problems().size());
        assertEquals(before, storedDocuments());
    }

    @Test
    void unknownClientIsNotFoundAndNothingIsStored() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> balances.importCsv("no-such-client", new StringReader(BalanceCsv.demo())));

        assertEquals("unknown_client", e.code());
        assertEquals(List.of(), storedDocuments());
    }

    @Test
    void amountsStoredWithAnotherScaleCountAsUnchanged() {
        Account alex = BalanceFile.read("example-health", new StringReader(csv(officeVisit())),
                BalanceCsv.TODAY, BalanceImport.MAX_ROWS).accounts().getFirst();
        Encounter visit = alex.encounters().getFirst();
        accounts.save(new Account(alex.clientId(), alex.accountNumber(), alex.firstName(),
                alex.lastName(), alex.dateOfBirth(), alex.zip(), alex.phone(), alex.email(),
                alex.preferredLanguage(), List.of(new Encounter(visit.encounterId(),
                visit.serviceDate(), visit.provider(), visit.description(), new BigDecimal("180"),
                new BigDecimal("120.0"), new BigDecimal("15"), new BigDecimal("45.000"),
                visit.dueDate())), Optional.empty()));
        List<Document> before = storedDocuments();

        ImportResult result = importCsv(csv(officeVisit()));

        assertEquals(new ImportResult(0, 0, 1, 0, 0, 1), result);
        assertEquals(before, storedDocuments());
    }

    private static Map<String, String> samsOfficeVisit() {
        return with(with(officeVisit(), "account_number", "EH300005"), "first_name", "Sam");
    }

    private List<String> encounterIds(String accountNumber) {
        return stored(accountNumber).encounters().stream().map(Encounter::encounterId).toList();
    }

    @Test
    void encounterMovedToAnotherAccountLeavesTheAccountItWasOn() {
        importCsv(csv(officeVisit()));

        ImportResult result = importCsv(csv(samsOfficeVisit()));

        assertEquals(new ImportResult(1, 1, 0, 0, 1, 0), result);
        assertEquals(List.of(), encounterIds("EH100234"));
        assertEquals(new BigDecimal("0"), stored("EH100234").totalDue());
        assertEquals(List.of("EH-V-70012"), encounterIds("EH300005"));
        assertEquals("Sam", stored("EH300005").firstName());
    }

    @Test
    void encounterMovedBetweenTwoAccountsOfTheFileIsOnlyOnItsNewAccount() {
        importCsv(csv(officeVisit(), mri()));

        ImportResult result = importCsv(csv(mri(), samsOfficeVisit()));

        assertEquals(new ImportResult(1, 1, 0, 0, 1, 1), result);
        assertEquals(List.of("EH-V-70458"), encounterIds("EH100234"));
        assertEquals(List.of("EH-V-70012"), encounterIds("EH300005"));
    }

    @Test
    void fileThatMovedAnEncounterChangesNothingWhenImportedAgain() {
        importCsv(csv(officeVisit(), mri()));
        importCsv(csv(mri(), samsOfficeVisit()));
        List<Document> before = storedDocuments();

        ImportResult again = importCsv(csv(mri(), samsOfficeVisit()));

        assertEquals(new ImportResult(0, 0, 2, 0, 0, 2), again);
        assertEquals(before, storedDocuments());
    }

    @Test
    void encounterStoredOnTwoAccountsIsLeftOnlyOnTheAccountTheFileNames() {
        importCsv(csv(officeVisit()));
        Account alex = stored("EH100234");
        accounts.save(new Account("example-health", "EH300005", "Sam", alex.lastName(),
                alex.dateOfBirth(), alex.zip(), alex.phone(), alex.email(),
                alex.preferredLanguage(), alex.encounters(), Optional.empty()));

        ImportResult result = importCsv(csv(samsOfficeVisit()));

        assertEquals(new ImportResult(0, 1, 1, 0, 0, 1), result);
        assertEquals(List.of(), encounterIds("EH100234"));
        assertEquals(List.of("EH-V-70012"), encounterIds("EH300005"));
    }

    @Test
    void fileOverTheRowLimitIsRefusedAndChangesNoStoredDocument() {
        importCsv(csv(officeVisit()));
        List<Document> before = storedDocuments();
        BalanceImport small = new BalanceImport(accounts, clients, BalanceCsv.CLOCK, 1);

        BalanceFileRejected.TooManyRows e = assertThrows(BalanceFileRejected.TooManyRows.class,
                () -> small.importCsv("example-health", new StringReader(csv(samsOfficeVisit(),
                        mri()))));

        assertEquals("The file has 2 rows; at most 1 are imported at once. Split it and import "
                + "the parts.", e.getMessage());
        assertEquals(before, storedDocuments());
    }

    @Test
    void dateOfBirthAfterTodayIsRejectedAndNothingIsStored() {
        BalanceFileRejected e = assertThrows(BalanceFileRejected.class,
                () -> importCsv(csv(with(officeVisit(), "date_of_birth", "2099-01-01"))));

        assertEquals(List.of(new Problem(2, "date_of_birth", "2099-01-01",
                "a date of birth as YYYY-MM-DD, such as 1985-03-14, from 1900-01-01 to today "
                        + "(2026-11-20)")), e.problems());
        assertEquals(List.of(), storedDocuments());
    }

    @Test
    void aLowercaseStoredNumberIsFoundAsAPatientTypesItInAnyCase() {
        importCsv(csv(with(officeVisit(), "account_number", "tb004"),
                with(with(mri(), "account_number", "eh-77.01"), "first_name", "Sam")));

        assertEquals(List.of("tb004", "tb004", "tb004", "eh-77.01", "eh-77.01"),
                List.of("TB004", "tb004", "Tb-004", "EH7701", "eh-77-01").stream()
                        .map(typed -> accounts.findTyped("example-health", typed).orElseThrow()
                                .accountNumber()).toList());
        assertEquals(Optional.empty(), accounts.findTyped("example-health", "TB0040"));
        assertEquals(Optional.empty(), accounts.find("example-health", "TB004"));
    }

    @Test
    void twoStoredNumbersThatReadTheSameAreNeitherTakenForTheOther() {
        importCsv(csv(with(officeVisit(), "account_number", "tb-004"),
                with(with(mri(), "account_number", "TB004"), "first_name", "Sam")));

        assertEquals("TB004", accounts.findTyped("example-health", "TB004").orElseThrow()
                .accountNumber());
        assertEquals("tb-004", accounts.findTyped("example-health", "tb-004").orElseThrow()
                .accountNumber());
        assertEquals(Optional.empty(), accounts.findTyped("example-health", "tb004"));
    }
}
