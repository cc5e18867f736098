package org.parley.billing;

import org.parley.csv.CsvFileRejected.Problem;

import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a balance file: which are required, which optional, which describe the account
 * holder, and the check of a header row that names them.
 */
final class BalanceColumns {

    static final List<String> REQUIRED = List.of("account_number", "first_name", "last_name",
            "date_of_birth", "zip", "phone", "email", "preferred_language", "encounter_id",
            "service_date", "provider", "description", "charges", "insurance_paid", "adjustments",
            "patient_responsibility", "due_date");
    static final List<String> OPTIONAL = List.of("last_payment_date", "last_payment_amount",
            "hold");

    /** Columns about the account holder: every row of one account must repeat the same value. */
    static final List<String> PERSON = List.of("first_name", "last_name", "date_of_birth",
            "zip", "phone", "email", "preferred_language", "last_payment_date",
            "last_payment_amount", "hold");

    private static final List<String> COLUMNS = concat(REQUIRED, OPTIONAL);

    private BalanceColumns() {
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /**
     * Checks a header row's column names, already stripped and lowercase.
     *
     * @param line the header's line in the file
     * @throws BalanceFileRejected listing every missing, unknown or repeated column
     */
    static void check(int line, List<String> header) {
        List<Problem> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).isEmpty() ? "(column " + (i + 1) + ")" : header.get(i);
            if (seen.contains(name)) {
                problems.add(new Problem(line, name, name, "a column named only once"));
            } else if (!COLUMNS.contains(name)) {
                unknown.add(name);
                problems.add(new Problem(line, name, name, "a known column; remove or rename it"));
            }
            seen.add(name);
        }
        for (String name : REQUIRED) {
            if (!header.contains(name)) {
                missing.add(name);
                problems.add(new Problem(line, name, "", "a column named " + name));
            }
        }
        if (header.contains(OPTIONAL.get(0)) != header.contains(OPTIONAL.get(1))) {
            String absent = header.contains(OPTIONAL.get(0)) ? OPTIONAL.get(1) : OPTIONAL.get(0);
            missing.add(absent);
            problems.add(new Problem(line, absent, "", "a column named " + absent
                    + ": give both last-payment columns or neither"));
        }
        if (problems.isEmpty()) {
            return;
        }

        StringBuilder message = new StringBuilder("The balance file's header row is wrong:");
        if (!missing.isEmpty()) {
            message.append(" missing column ").append(String.join(", ", missing)).append(';');
        }
        if (!unknown.isEmpty()) {
            message.append(" unknown column ").append(String.join(", ", unknown)).append(';');
        }
        if (header.size() != seen.stream().distinct().count()) {
            message.append(" a column is named twice;");
        }
        message.append(" nothing was applied. The columns are ").append(String.join(", ", REQUIRED))
                .append(", and optionally ").append(OPTIONAL.get(0)).append(" with ")
                .append(OPTIONAL.get(1)).append(" and ").append(OPTIONAL.get(2))
                .append(", in any order.");
        throw new BalanceFileRejected(message.toString(), problems);
    }
}
