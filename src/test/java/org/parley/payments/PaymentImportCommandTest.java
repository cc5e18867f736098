package org.parley.payments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.csv.FileImportCommand;
import org.parley.testing.TestParley;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code import-payments --client <id> <file.csv>}: what it prints and how it exits. */
class PaymentImportCommandTest extends DemoParley {

    private static final String FILE = "payment_id,account_number,amount,paid_at,method\n"
            + "ch_1,EH100845,38.75,2026-12-04,card\n"
            + "ch_2,EH100611,5.00,2026-12-04,card\n"
            + "ch_3,EH100612,2.40,2026-12-04,card\n";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        PaymentImport imports = new PaymentImport(parley.parley().payments().ledger(),
                parley.parley().services().clients(), Clock.fixed(TestParley.NOW,
                ZoneOffset.UTC), 1000);
        return PaymentImportCommand.run(List.of(args), imports,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String file(String csv) throws IOException {
        Path file = dir.resolve("payments.csv");
        Files.writeString(file, csv);
        return file.toString();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void importPrintsTheNewPaymentsAndExitsZero() throws IOException {
        String file = file(FILE);

        int status = run("--client", "example-health", file);

        assertEquals(FileImportCommand.OK, status);
        assertEquals("Imported " + file + " for client example-health\n"
                + "  payments: 3 new, 0 duplicates\n"
                + "  receipts: 0 sent, 3 not sent\n", out());
        assertEquals("", err());
    }

    @Test
    void theSameFileAgainSaysNothingIsNew() throws IOException {
        String file = file(FILE);
        run("--client", "example-health", file);
        out.reset();

        int status = run("--client=example-health", file);

        assertEquals(FileImportCommand.OK, status);
        assertEquals("Imported " + file + " for client example-health: nothing new\n"
                + "  payments: 0 new, 3 duplicates\n"
                + "  receipts: 0 sent, 0 not sent\n", out());
        assertEquals(new BigDecimal("40.00"), balance(parley, "EH100845"));
    }

    @Test
    void aRejectedFilePrintsEachProblemAndExitsOne() throws IOException {
        String file = file("payment_id,account_number,amount,paid_at,method\n"
                + "ch_1,EH100845,78.76,2026-12-04,card\n");

        int status = run("--client", "example-health", file);

        assertEquals(FileImportCommand.REJECTED, status);
        assertEquals("""
                1 row of the payment file is bad (1 problem, each listed with its line and \
                column); nothing was applied. Correct them and import the whole file again.
                line 2, column amount: '78.76' is not at most 78.75, what account EH100845 owes \
                after the file's earlier payments
                """, err());
        assertEquals("", out());
    }

    @Test
    void anUnknownClientExitsOne() throws IOException {
        int status = run("--client", "nobody", file(FILE));

        assertEquals(FileImportCommand.REJECTED, status);
        assertEquals("No client 'nobody' exists; check the --client value\n", err());
    }

    @Test
    void aMissingFileArgumentIsAUsageErrorWithExitTwo() {
        int status = run("--client", "example-health");

        assertEquals(FileImportCommand.USAGE, status);
        assertEquals("Name the payment file to import\n"
                + "usage: import-payments --client <clientId> <file.csv>\n", err());
    }
}
