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
import java.util.Optional;

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
     * What is wrong with the arguments, as the lines to print before exiting with {@link #USAGE};
     * empty when they name a client and a file. Checks nothing on disk or in the store, so it can
     * run before the store is opened.
     *
     * @param args the arguments after {@code import}
     */
    public static Optional<String> usageError(List<String> args) {
        return parse(args).error();
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
        Arguments arguments = parse(args);
        if (arguments.error().isPresent()) {
            err.println(arguments.error().get());
            return USAGE;
        }
        String clientId = arguments.clientId();
        String file = arguments.file();

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
            ImportResult r = balances.importCsv(clientId, csv);
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
            if (e.unlisted() > 0) {
                err.println("… and " + e.unlisted() + " more problems, not listed");
            }
            return REJECTED;
        } catch (NotFoundException e) {
            err.println("No client '" + clientId + "' exists; check the --client value");
            return REJECTED;
        } catch (ParleyException e) {
            err.println(e.getMessage());
            return REJECTED;
        }
    }

    private static Arguments parse(List<String> args) {
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
                return Arguments.wrong("Unexpected argument '" + arg + "'");
            }
        }
        if (clientId.isBlank()) {
            return Arguments.wrong("Name the client with --client <clientId>");
        }
        if (file.isEmpty()) {
            return Arguments.wrong("Name the balance file to import");
        }
        return new Arguments(clientId, file, Optional.empty());
    }

    /** The client and file named, or what is wrong with the arguments followed by the usage. */
    private record Arguments(String clientId, String file, Optional<String> error) {

        static Arguments wrong(String problem) {
            return new Arguments("", "", Optional.of(problem + System.lineSeparator()
                    + USAGE_TEXT));
        }
    }
}
