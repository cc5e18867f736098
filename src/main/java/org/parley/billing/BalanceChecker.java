package org.parley.billing;

import org.parley.csv.CsvFileRejected.Problem;
import org.parley.csv.CsvProblems;
import org.parley.csv.CsvRows.Row;
import org.parley.billing.BalanceRules.Rule;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the rows of a balance file one by one, collecting problems and, from good rows, the
 * accounts. Problems past the first {@value CsvProblems#MAX_LISTED} are counted, not kept.
 */
final class BalanceChecker {

    private static final int MAX_VALUE_SHOWN = 80;

    private final List<String> header;
    private final Map<String, Rule> rules;
    private final CsvProblems problems = new CsvProblems();
    private final Map<String, Integer> encounterLines = new HashMap<>();
    private final Map<String, Map<String, Seen>> personByAccount = new HashMap<>();
    private final Map<String, Map<String, String>> firstRows = new LinkedHashMap<>();
    private final Map<String, List<Encounter>> encounters = new HashMap<>();

    BalanceChecker(List<String> header, Map<String, Rule> rules) {
        this.header = header;
        this.rules = rules;
    }

    void check(Row row) {
        if (row.values().size() != header.size()) {
            report(new Problem(row.line(), "", row.values().size() + " values",
                    header.size() + " values, one for each column of the header"));
            problems.badRow();
            return;
        }

        int before = problems.found();
        Map<String, String> clean = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String raw = row.values().get(i);
            Rule rule = rules.get(column);
            rule.canonical().apply(Normalizer.normalize(raw.strip(), Normalizer.Form.NFC))
                    .ifPresentOrElse(v -> clean.put(column, v),
                            () -> report(problem(row, column, rule.expected())));
        }

        pairedLastPayment(row, clean);
        uniqueEncounter(row, clean);
        agreesWithAccount(row, clean);
        if (problems.found() == before) {
            keep(clean);
        } else {
            problems.badRow();
        }
    }

    /** A row of only commas among the encounters: a visit whose values were lost, maybe. */
    void empty(Row row) {
        report(new Problem(row.line(), "", "an empty row", "an encounter row; delete it"));
        problems.badRow();
    }

    /** True when any row checked so far had a problem. */
    boolean hasProblems() {
        return problems.found() > 0;
    }

    private void report(Problem problem) {
        problems.add(problem);
    }

    private void pairedLastPayment(Row row, Map<String, String> clean) {
        if (!header.contains("last_payment_date")) {
            return;
        }
        String date = clean.get("last_payment_date");
        String amount = clean.get("last_payment_amount");
        if (date != null && amount != null && date.isEmpty() != amount.isEmpty()) {
            String empty = date.isEmpty() ? "last_payment_date" : "last_payment_amount";
            String other = date.isEmpty() ? "last_payment_amount" : "last_payment_date";
            report(problem(row, empty, "a value, because " + other + " has one (give "
                    + "both or neither)"));
            clean.remove(empty);
            clean.remove(other);
        }
    }

    private void uniqueEncounter(Row row, Map<String, String> clean) {
        String id = clean.get("encounter_id");
        if (id == null) {
            return;
        }
        Integer earlier = encounterLines.putIfAbsent(id, row.line());
        if (earlier != null) {
            report(problem(row, "encounter_id", "an encounter_id used once in the file "
                    + "(line " + earlier + " has it too)"));
        }
    }

    private void agreesWithAccount(Row row, Map<String, String> clean) {
        String account = clean.get("account_number");
        if (account == null) {
            return;
        }
        Map<String, Seen> seen = personByAccount.computeIfAbsent(account, k -> new HashMap<>());
        for (String column : BalanceColumns.PERSON) {
            String value = clean.get(column);
            if (value == null) {
                continue;
            }
            Seen first = seen.putIfAbsent(column, new Seen(value, row.line()));
            if (first != null && !first.value().equals(value)) {
                report(problem(row, column, "'" + first.value() + "', as on line "
                        + first.line() + " for the same account_number"));
            }
        }
    }

    private Problem problem(Row row, String column, String expected) {
        String raw = row.values().get(header.indexOf(column));
        String shown = raw.length() <= MAX_VALUE_SHOWN ? raw
                : raw.substring(0, MAX_VALUE_SHOWN) + "…";
        return new Problem(row.line(), column, shown, expected);
    }

    private void keep(Map<String, String> row) {
        String account = row.get("account_number");
        firstRows.putIfAbsent(account, row);
        encounters.computeIfAbsent(account, k -> new ArrayList<>()).add(new Encounter(
                row.get("encounter_id"), LocalDate.parse(row.get("service_date")),
                row.get("provider"), row.get("description"), new BigDecimal(row.get("charges")),
                new BigDecimal(row.get("insurance_paid")),
                new BigDecimal(row.get("adjustments")),
                new BigDecimal(row.get("patient_responsibility")),
                LocalDate.parse(row.get("due_date"))));
    }

    /**
     * Each account's hold on outreach, empty for none, when the file has the {@code hold}
     * column; empty when it has not (then stored holds stay as they are).
     */
    Optional<Map<String, String>> holds() {
        if (!header.contains("hold")) {
            return Optional.empty();
        }
        Map<String, String> holds = new LinkedHashMap<>();
        firstRows.forEach((account, row) -> holds.put(account, row.getOrDefault("hold", "")));
        return Optional.of(holds);
    }

    /** The accounts of the good rows, in the order they first appear, with their encounters. */
    List<Account> accounts(String clientId) {
        return firstRows.entrySet().stream().map(e -> {
            Map<String, String> p = e.getValue();
            Optional<Payment> lastPayment = present(p.getOrDefault("last_payment_date", ""))
                    .map(date -> new Payment(LocalDate.parse(date),
                            new BigDecimal(p.get("last_payment_amount"))));
            return new Account(clientId, e.getKey(), p.get("first_name"), p.get("last_name"),
                    LocalDate.parse(p.get("date_of_birth")), p.get("zip"),
                    present(p.get("phone")), present(p.get("email")),
                    present(p.get("preferred_language")), encounters.get(e.getKey()),
                    lastPayment);
        }).toList();
    }

    private static Optional<String> present(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The rejection of a file whose rows had problems: how many rows, and the problems listed. */
    BalanceFileRejected rejection() {
        return problems.rejection(BalanceFile.KIND);
    }

    private record Seen(String value, int line) {
    }
}
