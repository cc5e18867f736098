package org.parley.csv;

import org.parley.BadInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file that was refused as a whole: it lists the problems found, and nothing from the file
 * was stored. A file with very many problems lists only the first ones and counts the rest. Each
 * kind of file has its own subclass and error code.
 */
public class CsvFileRejected extends BadInputException {

    private final List<Problem> problems;
    private final int unlisted;

    /**
     * @param unlisted how many more problems were found than {@code problems} lists
     */
    protected CsvFileRejected(String code, String message, List<Problem> problems,
                              int unlisted) {
        super(code, message);
        this.problems = List.copyOf(problems);
        this.unlisted = unlisted;
    }

    public List<Problem> problems() {
        return problems;
    }

    /** How many problems were found beyond those {@link #problems()} lists; usually none. */
    public int unlisted() {
        return unlisted;
    }

    @Override
    public Object detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("problems", problems);
        if (unlisted > 0) {
            detail.put("unlistedProblems", unlisted);
        }
        return detail;
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
