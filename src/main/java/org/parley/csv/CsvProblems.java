package org.parley.csv;

import org.parley.csv.CsvFileRejected.Problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The problems found in a file's rows, gathered to refuse the file as a whole: the first
 * {@value #MAX_LISTED} are kept, the rest counted, and so are the rows that had any.
 */
public final class CsvProblems {

    /** Problems listed in a rejection; a file with more has the rest counted, not listed. */
    public static final int MAX_LISTED = 1000;

    private final List<Problem> listed = new ArrayList<>();
    private int found;
    private int badRows;

    public void add(Problem problem) {
        found++;
        if (listed.size() < MAX_LISTED) {
            listed.add(problem);
        }
    }

    /** Counts one more row that had a problem. */
    public void badRow() {
        badRows++;
    }

    /** How many problems were found so far, listed or not. */
    public int found() {
        return found;
    }

    /** The rejection of a file whose rows had these problems, listed by line. */
    public <E extends CsvFileRejected> E rejection(CsvRows.Kind<E> kind) {
        String count = badRows == 1 ? "1 row of the " + kind.noun() + " is bad"
                : badRows + " rows of the " + kind.noun() + " are bad";
        String listedHow;
        if (found <= MAX_LISTED) {
            listedHow = (found == 1 ? "1 problem" : found + " problems")
                    + ", each listed with its line and column";
        } else {
            listedHow = found + " problems; the first " + MAX_LISTED
                    + " are listed with their line and column";
        }
        List<Problem> sorted = listed.stream()
                .sorted(Comparator.comparingInt(Problem::line)).toList();
        return kind.refuse().of(count + " (" + listedHow + "); nothing was applied. Correct "
                + "them and import the whole file again.", sorted, found - sorted.size());
    }
}
