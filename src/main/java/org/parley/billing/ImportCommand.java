package org.parley.billing;

import org.parley.client.ClientStore;
import org.parley.csv.FileImportCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The {@code import} subcommand: applies a balance file from disk, the same way the HTTP import
 * does, and prints what changed or every problem found.
 */
public final class ImportCommand {

    /** The file was applied. */
    public static final int OK = FileImportCommand.OK;
    /** The client or the file was refused, or the file could not be read; nothing was applied. */
    public static final int REJECTED = FileImportCommand.REJECTED;
    /** The arguments were wrong; nothing was done. */
    public static final int USAGE = FileImportCommand.USAGE;

    static final String USAGE_TEXT = "usage: import --client <clientId> <file.csv>";

    private static final FileImportCommand COMMAND =
            new FileImportCommand("balance file", USAGE_TEXT);

    private ImportCommand() {
    }

    /**
     * What is wrong with the arguments, as the lines to print before exiting with {@link #USAGE};
     * empty when they name a client and a file. Checks nothing on disk or in the store, so it can
     * run before the store is opened.
     *
     * @param args the arguments after {@code import}
     */
    public static Optional<String> usageError(List<String> args) {
        return COMMAND.usageError(args);
    }

    /**
     * Runs the command with a default import: the system clock, and files of up to
     * {@value BalanceImport#MAX_ROWS} rows.
     *
     * @param args the arguments after {@code import}, such as {@code --client example-health
     *             balances.csv}
     * @return the exit status: {@link #OK}, {@link #REJECTED} or {@link #USAGE}
     */
    public static int run(List<String> args, AccountStore accounts, ClientStore clients,
                          PrintStream out, PrintStream err) {
        return run(args, new BalanceImport(accounts, clients), out, err);
    }

    /**
     * Runs the command.
     *
     * @param args     the arguments after {@code import}, such as {@code --client example-health
     *                 balances.csv}
     * @param balances the import to apply the file with
     * @return the exit status: {@link #OK}, {@link #REJECTED} or {@link #USAGE}
     */
    public static int run(List<String> args, BalanceImport balances, PrintStream out,
                          PrintStream err) {
        return COMMAND.run(args, (clientId, file, csv) -> {
            ImportResult r = balances.importCsv(clientId, csv);
            String nl = System.lineSeparator();
            return "Imported " + file + " for client " + clientId
                    + (r.changedNothing() ? ": nothing changed" : "") + nl
                    + "  accounts:   " + r.accountsCreated() + " created, "
                    + r.accountsUpdated() + " updated, " + r.accountsUnchanged() + " unchanged"
                    + nl + "  encounters: " + r.encountersAdded() + " added, "
                    + r.encountersUpdated() + " updated, " + r.encountersUnchanged()
                    + " unchanged" + nl;
        }, out, err);
    }
}
