package org.parley.assistance;

import org.parley.assistance.StatusFileRejected.Problem;
import org.parley.web.CsvRows;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
        String text = utf8(bytes);
        String sha = sha256(bytes);
        List<List<String>> raw = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        split(new StringReader(text), raw, lines);

        List<Problem> problems = new ArrayList<>();
        int first = 0;
        while (first < raw.size() && raw.get(first).stream().allMatch(String::isBlank)) {
            first++;
        }
        if (first == raw.size()) {
            throw new StatusFileRejected("The status file is empty; nothing was applied. Send a "
                    + "header row (application_id,status,...) and one row per change.",
                    List.of(new Problem(1, "", "no header row", "a header row naming the "
                            + "columns")));
        }
        List<String> header = raw.get(first).stream()
                .map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
        int headerLine = lines.get(first);
        checkHeader(header, headerLine, problems);
        if (!problems.isEmpty()) {
            throw rejected(problems);
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
                                "at most " + MAX_ROWS + " rows")));
            }
            row(header, values, lines.get(i), sha, problems).ifPresent(rows::add);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            throw rejected(List.of(new Problem(headerLine, "", "no rows after the header",
                    "at least one change")));
        }
        return new StatusFile(sha, rows, problems);
    }

    /** The rejection of a file, naming its first problem by line and listing every one. */
    static StatusFileRejected rejected(List<Problem> unsorted) {
        List<Problem> problems = unsorted.stream().sorted(java.util.Comparator
                .comparingInt(Problem::line)).toList();
        Problem p = problems.get(0);
        String where = "line " + p.line() + (p.column().isEmpty() ? "" : ", column "
                + p.column());
        String what = p.value().isEmpty() ? "empty; expected " + p.expected()
                : "'" + p.value() + "' is not " + p.expected();
        return new StatusFileRejected("The status file was not applied: " + where + ": " + what
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems in "
                + "detail)" : "") + ". Nothing from it was applied; correct the file and send it "
                + "again.", problems);
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

    private static void split(Reader csv, List<List<String>> rows, List<Integer> lines) {
        try {
            CsvRows.each(csv, row -> {
                rows.add(row.values());
                lines.add(row.line());
            });
        } catch (CsvRows.Malformed e) {
            throw new StatusFileRejected("The status file is not valid CSV from line " + e.line()
                    + "; nothing was applied. Close every quoted value with a quote and send it "
                    + "again.", List.of(new Problem(e.line(), "", e.getMessage(),
                    "CSV where every quoted value ends with a quote")));
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return text;
        } catch (CharacterCodingException e) {
            throw new StatusFileRejected("The status file is not UTF-8 text; nothing was "
                    + "applied. Save it as CSV UTF-8 and send it again.",
                    List.of(new Problem(1, "", "bytes that are not UTF-8", "UTF-8 text")));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
