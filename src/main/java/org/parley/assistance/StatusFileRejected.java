package org.parley.assistance;

import org.parley.BadInputException;

import java.util.List;
import java.util.Map;

/** A status file refused as a whole, with every problem found; nothing from it was applied. */
public final class StatusFileRejected extends BadInputException {

    private final List<Problem> problems;

    StatusFileRejected(String message, List<Problem> problems) {
        super("invalid_status_file", message);
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
     * @param column   the header name of the bad value, empty when the whole row is wrong
     * @param value    what the file holds there, as written
     * @param expected what should be there instead, phrased to follow "is not"
     */
    public record Problem(int line, String column, String value, String expected) {
    }
}
