package org.parley.billing;

import org.parley.csv.CsvFileRejected.Problem;
import org.parley.csv.CsvRows;
import org.parley.csv.CsvRows.Row;

import java.io.Reader;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A balance file read and checked: the accounts it describes, or every problem in it. One row is
 * one encounter; the rows of an account repeat the account holder's fields, which must agree.
 * The columns are {@link BalanceColumns}, each value is checked by {@link BalanceRules}, and the
 * rows are checked and gathered into accounts by {@link BalanceChecker}.
 */
final class BalanceFile {

    /** How a balance file is named in messages and refused. */
    static final CsvRows.Kind<BalanceFileRejected> KIND =
            new CsvRows.Kind<>("balance file", BalanceFileRejected::new);

    private final List<Account> accounts;
    private final boolean carriesLastPayment;

    private final Optional<Map<String, String>> holds;

    private BalanceFile(List<Account> accounts, boolean carriesLastPayment,
                        Optional<Map<String, String>> holds) {
        this.holds = holds;
        this.accounts = List.copyOf(accounts);
        this.carriesLastPayment = carriesLastPayment;
    }

    /** The accounts of the file, in the order they first appear, each with its encounters. */
    List<Account> accounts() {
        return accounts;
    }

    /** True when the file has the last-payment columns, so its accounts' last payment counts. */
    /** Each account's hold ({@code ""} for none), when the file has the hold column. */
    Optional<Map<String, String>> holds() {
        return holds;
    }

    boolean carriesLastPayment() {
        return carriesLastPayment;
    }

    /**
     * Decodes a file's bytes as UTF-8, refusing any byte that is not.
     *
     * @throws BalanceFileRejected naming the line of the first bad byte
     */
    static String utf8(byte[] bytes) {
        return CsvRows.utf8(bytes, KIND);
    }

    /**
     * Reads and checks a whole file for one client. Rows are checked as they are parsed; past
     * {@code maxRows} they are only counted, so an oversized file is refused without being held.
     *
     * @param today   the last date of birth accepted
     * @param maxRows the most encounter rows one file may have
     * @throws BalanceFileRejected.TooManyRows when the file has more than {@code maxRows} rows
     * @throws BalanceFileRejected             listing the problems, when there is any
     */
    static BalanceFile read(String clientId, Reader csv, LocalDate today, int maxRows) {
        Intake intake = new Intake(today, maxRows);
        CsvRows.each(csv, KIND, intake);
        return intake.finish(clientId);
    }

    /**
     * Takes the rows as they are parsed: the header first, then each encounter row counted and,
     * up to the limit, checked.
     */
    private static final class Intake implements Consumer<Row> {

        private final LocalDate today;
        private final int maxRows;
        private Row headerRow;
        private List<String> header;
        private BalanceChecker checker;
        private int rows;
        // A row of only commas is held back: it is a bad row, unless it is the file's last.
        private Row emptyRow;

        Intake(LocalDate today, int maxRows) {
            this.today = today;
            this.maxRows = maxRows;
        }

        @Override
        public void accept(Row row) {
            if (row.isBlankLine()) {
                return;
            }
            if (checker == null) {
                // Nothing before the header can be lost, so empty rows there are skipped.
                if (!row.isBlank()) {
                    readHeader(row);
                }
                return;
            }

            if (emptyRow != null && counted()) {
                checker.empty(emptyRow);
            }
            emptyRow = null;
            if (row.isBlank()) {
                emptyRow = row;
            } else if (counted()) {
                checker.check(row);
            }
        }

        private void readHeader(Row row) {
            headerRow = row;
            header = row.values().stream()
                    .map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
            BalanceColumns.check(row.line(), header);
            checker = new BalanceChecker(header, BalanceRules.asOf(today));
        }

        /** Counts one more row; true while the file is within the limit. */
        private boolean counted() {
            rows++;
            return rows <= maxRows;
        }

        BalanceFile finish(String clientId) {
            if (checker == null) {
                throw new BalanceFileRejected("The balance file is empty; nothing was applied. "
                        + "Send a header row and one row per encounter.",
                        List.of(new Problem(1, "", "no header row",
                                "a header row naming the columns")));
            }
            if (rows == 0) {
                throw new BalanceFileRejected("The balance file has a header but no rows; "
                        + "nothing was applied. Add one row per encounter.",
                        List.of(new Problem(headerRow.line(), "", "no rows after the header",
                                "at least one encounter row")));
            }
            if (rows > maxRows) {
                throw new BalanceFileRejected.TooManyRows(rows, maxRows);
            }
            if (checker.hasProblems()) {
                throw checker.rejection();
            }
            return new BalanceFile(checker.accounts(clientId),
                    header.contains("last_payment_date"), checker.holds());
        }
    }
}
