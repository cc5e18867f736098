package org.parley.csv;

import org.parley.NotFoundException;
import org.parley.ParleyException;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A command that imports one CSV file for one client, {@code --client <clientId> <file.csv>}:
 * it reads the file from disk, hands it to an importer, and prints what changed or every
 * problem found. The balance and payment imports are two of these.
 *
 * @param noun  what the file is called in messages, such as {@code balance file}
 * @param usage the usage line printed after a wrong command line
 */
public record FileImportCommand(String noun, String usage) {

    /** The file was applied. */
    public static final int OK = 0;
    /** The client or the file was refused, or the file could not be read; nothing was applied. */
    public static final int REJECTED = 1;
    /** The arguments were wrong; nothing was done. */
    public static final int USAGE = 2;

    /** Applies a file's bytes for a client and says what changed, in lines for a person. */
    @FunctionalInterface
    public interface Importer {
        String apply(String clientId, String file, byte[] csv);
    }

    /**
     * What is wrong with the arguments, as the lines to print before exiting with
     * {@link #USAGE}; empty when they name a client and a file. Checks nothing on disk or in
     * the store, so it can run before the store is opened.
     */
    public Optional<String> usageError(List<String> args) {
        return parse(args).error();
    }

    /**
     * Runs the command.
     *
     * @return the exit status: {@link #OK}, {@link #REJECTED} or {@link #USAGE}
     */
    public int run(List<String> args, Importer importer, PrintStream out, PrintStream err) {
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
            out.print(importer.apply(clientId, file, csv));
            return OK;
        } catch (CsvFileRejected e) {
            err.println(e.getMessage());
            e.problems().forEach(p -> err.println(p.describe()));
            if (e.unlisted() > 0) {
                err.println("… and " + e.unlisted() + " more problems, not listed");
            }
            return REJECTED;
        } catch (NotFoundException e) {
            err.println(e.code().equals("unknown_client")
                    ? "No client '" + clientId + "' exists; check the --client value"
                    : e.getMessage());
            return REJECTED;
        } catch (ParleyException e) {
            err.println(e.getMessage());
            return REJECTED;
        }
    }

    private Arguments parse(List<String> args) {
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
                return wrong("Unexpected argument '" + arg + "'");
            }
        }
        if (clientId.isBlank()) {
            return wrong("Name the client with --client <clientId>");
        }
        if (file.isEmpty()) {
            return wrong("Name the " + noun + " to import");
        }
        return new Arguments(clientId, file, Optional.empty());
    }

    private Arguments wrong(String problem) {
        return new Arguments("", "", Optional.of(problem + System.lineSeparator() + usage));
    }

    /** The client and file named, or what is wrong with the arguments followed by the usage. */
    private record Arguments(String clientId, String file, Optional<String> error) {
    }
}
