package org.parley.payments;

import org.parley.csv.CsvFileRejected;

import java.util.List;

/**
 * A payment file that was refused as a whole: it lists the problems found, each with its line,
 * column, value and what was expected, and no payment of the file was recorded.
 */
public final class PaymentFileRejected extends CsvFileRejected {

    /** The code of a file with more rows than one import takes; HTTP answers it with 413. */
    public static final String TOO_MANY_ROWS = "too_many_rows";

    PaymentFileRejected(String message, List<Problem> problems) {
        this(message, problems, 0);
    }

    PaymentFileRejected(String message, List<Problem> problems, int unlisted) {
        super("invalid_payment_file", message, problems, unlisted);
    }

    private PaymentFileRejected(String code, String message) {
        super(code, message, List.of(), 0);
    }

    static PaymentFileRejected tooManyRows(int rows, int maxRows) {
        return new PaymentFileRejected(TOO_MANY_ROWS, "The payment file has " + rows + " rows; "
                + "at most " + maxRows + " are imported at once. Split it and import the parts.");
    }
}
