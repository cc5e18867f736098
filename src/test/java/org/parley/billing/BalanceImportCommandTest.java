package org.parley.billing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ClientStore;
import org.parley.store.Store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.parley.billing.BalanceCsv.csv;
import static org.parley.billing.BalanceCsv.mri;
import static org.parley.billing.BalanceCsv.officeVisit;
import static org.parley.billing.BalanceCsv.with;

class BalanceImportCommandTest {

    @TempDir
    Path dir;

    private Store store;
    private AccountStore accounts;
    private ClientStore clients;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void openStore() {
        store = Store.embedded(dir.resolve("data"), "test");
        accounts = new AccountStore(store.database());
        clients = new ClientStore(store.database());
        clients.save(BalanceImportTest.EXAMPLE_HEALTH);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private int run(String... args) {
        return ImportCommand.run(List.of(args), accounts, clients,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String file(String csv) throws IOException {
        Path file = dir.resolve("balances.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        return file.toString();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importPrintsTheCountsAndExitsZero() throws IOException {
        String file = file(BalanceCsv.demo());

        int status = run("--client", "example-health", file);

        assertEquals(0, status);
        assertEquals("Imported " + file + " for client example-health\n"
                + "  accounts:   6 created, 0 updated, 0 unchanged\n"
                + "  encounters: 9 added, 0 updated, 0 unchanged\n", out());
        assertEquals("", err());
        assertEquals(6, accounts.count("example-health"));
    }

    @Test
    void secondImportOfTheSameFileSaysNothingChanged() throws IOException {
        String file = file(BalanceCsv.demo());
        run("--client=example-health", file);
        out.reset();

        int status = run("--client=example-health", file);

        assertEquals(0, status);
        assertEquals("Imported " + file + " for client example-health: nothing changed\n"
                + "  accounts:   0 created, 0 updated, 6 unchanged\n"
                + "  encounters: 0 added, 0 updated, 9 unchanged\n", out());
    }

    @Test
    void rejectedFilePrintsEachProblemOnItsOwnLineAndExitsOne() throws IOException {
        String file = file(csv(officeVisit(), mri(), mri(), with(mri(), "zip", "3030")));

        int status = run("--client", "example-health", file);

        assertEquals(1, status);
        assertEquals("""
                2 rows of the balance file are bad (3 problems, each listed with its line and \
                column); nothing was applied. Correct them and import the whole file again.
                line 4, column encounter_id: 'EH-V-70458' is not an encounter_id used once in \
                the file (line 3 has it too)
                line 5, column zip: '3030' is not a 5-digit ZIP code
                line 5, column encounter_id: 'EH-V-70458' is not an encounter_id used once in \
                the file (line 3 has it too)
                """, err());
        assertEquals("", out());
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void unknownClientExitsOne() throws IOException {
        String file = file(csv(officeVisit()));

        int status = run("--client", "no-such-client", file);

        assertEquals(1, status);
        assertEquals("No client 'no-such-client' exists; check the --client value\n", err());
    }

    @Test
    void missingFileExitsOne() {
        int status = run("--client", "example-health", dir.resolve("absent.csv").toString());

        assertEquals(1, status);
        assertEquals("No file '" + dir.resolve("absent.csv") + "'; check the path\n", err());
    }

    @Test
    void missingClientIsAUsageErrorWithExitTwo() throws IOException {
        int status = run(file(csv(officeVisit())));

        assertEquals(2, status);
        assertEquals("Name the client with --client <clientId>\n"
                + "usage: import --client <clientId> <file.csv>\n", err());
    }

    @Test
    void missingFileArgumentIsAUsageErrorWithExitTwo() {
        int status = run("--client", "example-health");

        assertEquals(2, status);
        assertEquals("Name the balance file to import\n"
                + "usage: import --client <clientId> <file.csv>\n", err());
    }

    @Test
    void unknownOptionIsAUsageErrorWithExitTwo() {
        int status = run("--client", "example-health", "--dry-run", "balances.csv");

        assertEquals(2, status);
        assertEquals("Unexpected argument '--dry-run'\n"
                + "usage: import --client <clientId> <file.csv>\n", err());
    }

    @Test
    void rejectionWithMoreThanAThousandProblemsEndsWithHowManyMore() throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1002; i++) {
            rows.add(with(with(officeVisit(), "encounter_id", "EH-V-" + i), "zip", "3030"));
        }
        String file = file(BalanceCsv.csv(rows));

        int status = run("--client", "example-health", file);

        assertEquals(1, status);
        List<String> lines = err().lines().toList();
        assertEquals(1002, lines.size());
        assertEquals("line 1001, column zip: '3030' is not a 5-digit ZIP code", lines.get(1000));
        assertEquals("… and 2 more problems, not listed", lines.getLast());
    }

    @Test
    void fileOverTheRowLimitExitsOneAndSaysToSplitIt() throws IOException {
        String file = file(csv(officeVisit(), mri(), with(mri(), "encounter_id", "EH-V-1")));
        BalanceImport small = new BalanceImport(accounts, clients, BalanceCsv.CLOCK, 2);

        int status = ImportCommand.run(List.of("--client", "example-health", file), small,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, status);
        assertEquals("The file has 3 rows; at most 2 are imported at once. Split it and import "
                + "the parts.\n", err());
        assertEquals(0, accounts.count("example-health"));
    }

    @Test
    void usageErrorNamesWhatIsMissingWithoutOpeningAnything() {
        assertEquals(Optional.of("Name the balance file to import" + System.lineSeparator()
                        + "usage: import --client <clientId> <file.csv>"),
                ImportCommand.usageError(List.of("--client", "example-health")));
        assertEquals(Optional.of("Name the client with --client <clientId>"
                        + System.lineSeparator() + "usage: import --client <clientId> <file.csv>"),
                ImportCommand.usageError(List.of()));
    }

    @Test
    void usageErrorIsEmptyWhenAClientAndAFileAreNamed() {
        assertTrue(ImportCommand.usageError(List.of("--client=example-health", "absent.csv"))
                .isEmpty());
    }
}
