package org.parley.billing;

import org.parley.BadInputException;

import java.util.List;
import java.util.Map;

/**
 * A balance file that was refused as a whole: it lists every problem found, and nothing from the
 * file was stored.
 */
public final class BalanceFileRejected extends BadInputException {

    private final List<Problem> problems;

    public BalanceFileRejected(String message, List<Problem> problems) {
        super("invalid_balance_file", message);
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    @Override
    public Object detail() {
        return Map.of("problems", problems);
    }

    /**
     * One thing wrong in the file.
     *
     * @param line     the file's line, the header being line 1
     * @param column   the header name of the bad value, empty when the whole row or file is wrong
     * @param value    what the file holds there, as written
     * @param expected what should be there instead, phrased to follow "is not"
     */
    public record Problem(int line, String column, String value, String expected) {

        /** One line for a person: {@code line 7, column zip: '3030' is not a 5-digit ZIP code}. */
        public String describe() {
            if (column.isEmpty()) {
                return "line " + line + ": " + value + "; expected " + expected;
            }
            String where = "line " + line + ", column " + column + ": ";
            return value.isEmpty()
                    ? where + "empty; expected " + expected
                    : where + "'" + value + "' is not " + expected;
        }
    }
}
