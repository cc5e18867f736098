package org.parley.assistance;

import org.parley.csv.CsvFileRejected;

import java.util.List;

/** A status file refused as a whole, with every problem found; nothing from it was applied. */
public final class StatusFileRejected extends CsvFileRejected {

    StatusFileRejected(String message, List<Problem> problems, int unlisted) {
        super("invalid_status_file", message, problems, unlisted);
    }
}
