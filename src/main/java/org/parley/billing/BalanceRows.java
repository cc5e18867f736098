package org.parley.billing;

import org.parley.billing.BalanceFileRejected.Problem;
import org.parley.web.CsvRows;

import java.io.Reader;
import java.util.List;
import java.util.function.Consumer;

/** The text of a balance file split into rows of raw values, each with the line it starts on. */
final class BalanceRows {

    private BalanceRows() {
    }

    /**
     * Splits the text into rows of values with Jackson's CSV parser, noting each row's line, and
     * hands them to {@code sink} one by one.
     *
     * @throws BalanceFileRejected when the text is not valid CSV
     */
    static void each(Reader csv, Consumer<Row> sink) {
        try {
            CsvRows.each(csv, row -> sink.accept(new Row(row.line(), row.values())));
        } catch (CsvRows.Malformed e) {
            throw new BalanceFileRejected("The balance file is not valid CSV from line "
                    + e.line() + " (" + e.getMessage() + "); nothing was applied. Close every "
                    + "quoted value with a quote, write a quote inside one as two quotes, and "
                    + "import it again.", List.of(new Problem(e.line(), "", e.getMessage(),
                    "CSV where every quoted value ends with a quote")));
        }
    }

    /** One row of the file as written: its line and its values, not yet stripped or checked. */
    record Row(int line, List<String> values) {

        /** A line with nothing on it, or only spaces. */
        boolean isBlankLine() {
            return values.size() <= 1 && isBlank();
        }

        /** A row whose every value is empty, such as a line of only commas. */
        boolean isBlank() {
            return values.stream().allMatch(String::isBlank);
        }
    }
}
