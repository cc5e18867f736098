package org.parley.billing;

import org.parley.NotFoundException;
import org.parley.ParleyException;
import org.parley.client.ClientStore;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code import} subcommand: applies a balance file from disk, the same way the HTTP import
 * does, and prints what changed or every problem found.
 */
public final class ImportCommand {

    /** The file was applied. */
    public static final int OK = 0;
    /** The client or the file was refused, or the file could not be read; nothing was applied. */
    public static final int REJECTED = 1;
    /** The arguments were wrong; nothing was done. */
    public static final int USAGE = 2;

    static final String USAGE_TEXT = "usage: import --client <clientId> <file.csv>";

    private ImportCommand() {
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code import}, such as {@code --client example-health
     *             balances.csv}
     * @return the exit status: {@link #OK}, {@link #REJECTED} or {@link #USAGE}
     */
    public static int run(List<String> args, AccountStore accounts, ClientStore clients,
                          PrintStream out, PrintStream err) {
        String clientId = "";
        String file = "";
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--client") && i + 1 < args.size()) {
                clientId = args.get(++i);
            } else if (arg.startsWith("--client=")) {
                clientId = arg.substring("--client=".length());
            } else if (!arg.startsWith("-") && file.isEmpty()) {
                file = arg;
            } else {
                err.println("Unexpected argument '" + arg + "'");
                err.println(USAGE_TEXT);
                return USAGE;
            }
        }
        if (clientId.isBlank() || file.isEmpty()) {
            err.println(clientId.isBlank() ? "Name the client with --client <clientId>"
                    : "Name the balance file to import");
            err.println(USAGE_TEXT);
            return USAGE;
        }

        byte[] csv;
        try {
            csv = Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("No file '" + file + "'; check the path");
            return REJECTED;
        } catch (IOException e) {
            err.println("Cannot read '" + file + "' (" + e.getMessage() + "); check its "
                    + "permissions");
            return REJECTED;
        }

        try {
            ImportResult r = new BalanceImport(accounts, clients).importCsv(clientId, csv);
            out.println("Imported " + file + " for client " + clientId
                    + (r.changedNothing() ? ": nothing changed" : ""));
            out.println("  accounts:   " + r.accountsCreated() + " created, "
                    + r.accountsUpdated() + " updated, " + r.accountsUnchanged() + " unchanged");
            out.println("  encounters: " + r.encountersAdded() + " added, "
                    + r.encountersUpdated() + " updated, " + r.encountersUnchanged()
                    + " unchanged");
            return OK;
        } catch (BalanceFileRejected e) {
            err.println(e.getMessage());
            e.problems().forEach(p -> err.println(p.describe()));
            return REJECTED;
        } catch (NotFoundException e) {
            err.println("No client '" + clientId + "' exists; check the --client value");
            return REJECTED;
        } catch (ParleyException e) {
            err.println(e.getMessage());
            return REJECTED;
        }
    }
}
