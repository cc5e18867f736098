package org.parley.payments;

import org.parley.csv.FileImportCommand;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The {@code import-payments} subcommand: records a payment file from disk, the same way the
 * HTTP import does, and prints how many payments were new and how many were recorded before,
 * or every problem found.
 */
public final class PaymentImportCommand {

    static final String USAGE_TEXT = "usage: import-payments --client <clientId> <file.csv>";

    private static final FileImportCommand COMMAND =
            new FileImportCommand("payment file", USAGE_TEXT);

    private PaymentImportCommand() {
    }

    /**
     * What is wrong with the arguments, as the lines to print before exiting with
     * {@link FileImportCommand#USAGE}; empty when they name a client and a file.
     *
     * @param args the arguments after {@code import-payments}
     */
    public static Optional<String> usageError(List<String> args) {
        return COMMAND.usageError(args);
    }

    /**
     * Runs the command.
     *
     * @param args the arguments after {@code import-payments}, such as {@code --client
     *             example-health payments.csv}
     * @return the exit status, as {@link FileImportCommand#run} says
     */
    public static int run(List<String> args, PaymentImport imports, PrintStream out,
                          PrintStream err) {
        return COMMAND.run(args, (clientId, file, csv) -> {
            PaymentImportResult r = imports.importCsv(clientId, csv);
            String nl = System.lineSeparator();
            return "Imported " + file + " for client " + clientId
                    + (r.changedNothing() ? ": nothing new" : "") + nl
                    + "  payments: " + r.recorded() + " new, " + r.duplicates()
                    + (r.duplicates() == 1 ? " duplicate" : " duplicates")
                    + nl + "  receipts: " + r.receiptsSent() + " sent, " + r.receiptsNotSent()
                    + " not sent" + nl;
        }, out, err);
    }
}
