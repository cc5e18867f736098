package org.parley.assistance;

import org.parley.csv.CsvFileRejected.Problem;
import org.parley.csv.CsvProblems;
import org.parley.web.Echo;
import org.parley.csv.CsvRows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A client's file of application status changes, read and checked row by row: CSV with a
 * header, UTF-8, one change per row, applied in order. Columns: {@code application_id} and
 * {@code status}, and as the status needs them {@code missing_documents} (ids separated by
 * semicolons), {@code reason} and {@code discount_percent}.
 */
final class StatusFile {

    static final List<String> REQUIRED = List.of("application_id", "status");
    static final List<String> OPTIONAL = List.of("missing_documents", "reason",
            "discount_percent");
    /** The most rows one file may have; a larger file is refused before anything is checked. */
    static final int MAX_ROWS = 10_000;
    static final CsvRows.Kind<StatusFileRejected> KIND =
            new CsvRows.Kind<>("status file", StatusFileRejected::new);

    /** One row: where it is, which application, and the update it asks for. */
    record Row(int line, String applicationId, StatusUpdate update, String source) {
    }

    private final String sha256;
    private final List<Row> rows;
    private final List<Problem> problems;

    private StatusFile(String sha256, List<Row> rows, List<Problem> problems) {
        this.sha256 = sha256;
        this.rows = List.copyOf(rows);
        this.problems = List.copyOf(problems);
    }

    String sha256() {
        return sha256;
    }

    /** The rows whose values have the right form, in file order. */
    List<Row> rows() {
        return rows;
    }

    /** What is wrong with the form of the other rows; checked with the applications later. */
    List<Problem> problems() {
        return problems;
    }

    /**
     * Reads the file's rows, checking each value's form (not yet the applications): the rows of
     * the right form, and the problems of the others.
     *
     * @throws StatusFileRejected when the file cannot be read as rows: not UTF-8, not CSV, no
     *                            header, a wrong header, too many rows
     */
    static StatusFile read(byte[] bytes) {
        String text = CsvRows.utf8(bytes, KIND);
        String sha = sha256(bytes);
        List<List<String>> raw = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        CsvRows.each(new StringReader(text), KIND, row -> {
            raw.add(row.values());
            lines.add(row.line());
        });

        List<Problem> problems = new ArrayList<>();
        int first = 0;
        while (first < raw.size() && raw.get(first).stream().allMatch(String::isBlank)) {
            first++;
        }
        if (first == raw.size()) {
            throw new StatusFileRejected("The status file is empty; nothing was applied. Send a "
                    + "header row (application_id,status,...) and one row per change.",
                    List.of(new Problem(1, "", "no header row", "a header row naming the "
                            + "columns")), 0);
        }
        List<String> header = raw.get(first).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int headerLine = lines.get(first);
        checkHeader(header, headerLine, problems);
        if (!problems.isEmpty()) {
            throw new StatusFileRejected("The status file's header row is wrong (" + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + ", each listed with its "
                    + "column); nothing was applied. Name the columns " + String.join(", ",
                    REQUIRED) + " and, as the changes need them, " + String.join(", ", OPTIONAL)
                    + ", and send the file again.", problems, 0);
        }

        List<Row> rows = new ArrayList<>();
        for (int i = first + 1; i < raw.size(); i++) {
            List<String> values = raw.get(i);
            if (values.stream().allMatch(String::isBlank)) {
                continue;
            }
            if (rows.size() == MAX_ROWS) {
                throw new StatusFileRejected("The status file has more than " + MAX_ROWS
                        + " rows; nothing was applied. Split it and send the parts in order.",
                        List.of(new Problem(lines.get(i), "", "row " + (MAX_ROWS + 1),
                                "at most " + MAX_ROWS + " rows")), 0);
            }
            row(header, values, lines.get(i), sha, problems).ifPresent(rows::add);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            throw rejected(List.of(new Problem(headerLine, "", "no rows after the header",
                    "at least one change")));
        }
        return new StatusFile(sha, rows, problems);
    }

    /**
     * The rejection of a file with these problems, listed by line, in the words every file
     * import uses.
     */
    static StatusFileRejected rejected(List<Problem> problems) {
        CsvProblems gathered = new CsvProblems();
        // A cell may hold megabytes: the reply repeats only its start.
        problems.forEach(p -> gathered.add(new Problem(p.line(), Echo.cap(p.column()),
                Echo.cap(p.value()), p.expected())));
        new TreeSet<>(problems.stream().map(Problem::line).toList()).forEach(l ->
                gathered.badRow());
        return gathered.rejection(KIND);
    }

    private static void checkHeader(List<String> header, int line, List<Problem> problems) {
        List<String> seen = new ArrayList<>();
        for (String name : header) {
            if (seen.contains(name)) {
                problems.add(new Problem(line, name, name, "a column named only once"));
            } else if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                problems.add(new Problem(line, name, name, "a known column: "
                        + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL)));
            }
            seen.add(name);
        }
        for (String name : REQUIRED) {
            if (!header.contains(name)) {
                problems.add(new Problem(line, name, "", "a column named " + name));
            }
        }
    }

    private static Optional<Row> row(List<String> header, List<String> values, int line,
                                     String sha, List<Problem> problems) {
        int before = problems.size();
        if (values.size() > header.size()) {
            problems.add(new Problem(line, "", values.size() + " values",
                    header.size() + " values, one per column"));
            return Optional.empty();
        }
        String id = value(header, values, "application_id");
        if (id.isEmpty()) {
            problems.add(new Problem(line, "application_id", "", "an application reference, "
                    + "such as FA-1001"));
        }
        String statusText = value(header, values, "status");
        Optional<ApplicationStatus> status = ApplicationStatus.of(statusText);
        if (status.isEmpty()) {
            problems.add(new Problem(line, "status", statusText, "one of "
                    + String.join(", ", ApplicationStatus.codes())));
        }
        String missingText = value(header, values, "missing_documents");
        List<String> missing = missingText.isEmpty() ? List.of() : Arrays.stream(
                missingText.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        String reason = value(header, values, "reason");
        String percentText = value(header, values, "discount_percent");
        Optional<BigDecimal> percent = Optional.empty();
        if (!percentText.isEmpty()) {
            try {
                percent = Optional.of(new BigDecimal(percentText));
            } catch (NumberFormatException e) {
                problems.add(new Problem(line, "discount_percent", percentText,
                        "a percentage such as 75 or 12.5"));
            }
        }
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Row(line, id, new StatusUpdate(status.get(), missing,
                reason.isEmpty() ? Optional.empty() : Optional.of(reason), percent),
                "file:" + sha + ":" + line));
    }

    /** The column an update's field is written in. */
    static String column(String field) {
        return switch (field) {
            case "missing" -> "missing_documents";
            case "discountPercent" -> "discount_percent";
            default -> field;
        };
    }

    private static String value(List<String> header, List<String> values, String column) {
        int i = header.indexOf(column);
        return i < 0 || i >= values.size() ? "" : values.get(i).strip();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
