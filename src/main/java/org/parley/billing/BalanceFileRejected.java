package org.parley.billing;

import org.parley.csv.CsvFileRejected;

import java.util.List;

/**
 * A balance file that was refused as a whole: it lists the problems found, and nothing from the
 * file was stored. A file with very many problems lists only the first ones and counts the rest.
 */
public class BalanceFileRejected extends CsvFileRejected {

    public BalanceFileRejected(String message, List<Problem> problems) {
        this(message, problems, 0);
    }

    /**
     * @param unlisted how many more problems were found than {@code problems} lists
     */
    public BalanceFileRejected(String message, List<Problem> problems, int unlisted) {
        super("invalid_balance_file", message, problems, unlisted);
    }

    private BalanceFileRejected(String code, String message) {
        super(code, message, List.of(), 0);
    }

    /**
     * A file with more rows than one import takes. It is refused before any row is checked
     * against the store, so it lists no problems; HTTP answers it with 413.
     */
    public static final class TooManyRows extends BalanceFileRejected {

        private final int rows;
        private final int maxRows;

        public TooManyRows(int rows, int maxRows) {
            super("too_many_rows", "The file has " + rows + " rows; at most " + maxRows
                    + " are imported at once. Split it and import the parts.");
            this.rows = rows;
            this.maxRows = maxRows;
        }

        public int rows() {
            return rows;
        }

        public int maxRows() {
            return maxRows;
        }
    }
}
