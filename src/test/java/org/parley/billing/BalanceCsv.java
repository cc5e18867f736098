package org.parley.billing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds balance files for tests: rows as column maps, written in a chosen column order. */
final class BalanceCsv {

    static final List<String> COLUMNS = List.of("account_number", "first_name", "last_name",
            "date_of_birth", "zip", "phone", "email", "preferred_language", "encounter_id",
            "service_date", "provider", "description", "charges", "insurance_paid", "adjustments",
            "patient_responsibility", "due_date");

    /** The day the tests run on, whatever the machine's date: dates of birth end here. */
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    static final Clock CLOCK = Clock.fixed(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC),
            ZoneOffset.UTC);

    private BalanceCsv() {
    }

    /** Alex Rivera's office visit, as in the demo file, without last-payment columns. */
    static Map<String, String> officeVisit() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("account_number", "EH100234");
        row.put("first_name", "Alex");
        row.put("last_name", "Rivera");
        row.put("date_of_birth", "1985-03-14");
        row.put("zip", "30301");
        row.put("phone", "+14045550123");
        row.put("email", "alex.rivera@example.test");
        row.put("preferred_language", "en");
        row.put("encounter_id", "EH-V-70012");
        row.put("service_date", "2026-09-02");
        row.put("provider", "Dr. Lena Ortiz");
        row.put("description", "Office visit");
        row.put("charges", "180.00");
        row.put("insurance_paid", "120.00");
        row.put("adjustments", "15.00");
        row.put("patient_responsibility", "45.00");
        row.put("due_date", "2026-12-31");
        return row;
    }

    /** Alex Rivera's MRI, the second visit on the same account. */
    static Map<String, String> mri() {
        Map<String, String> row = officeVisit();
        row.put("encounter_id", "EH-V-70458");
        row.put("service_date", "2026-10-15");
        row.put("provider", "Northside Imaging");
        row.put("description", "MRI, left knee");
        row.put("charges", "2850.00");
        row.put("insurance_paid", "1500.00");
        row.put("adjustments", "160.50");
        row.put("patient_responsibility", "1189.50");
        return row;
    }

    static Map<String, String> with(Map<String, String> row, String column, String value) {
        Map<String, String> changed = new LinkedHashMap<>(row);
        changed.put(column, value);
        return changed;
    }

    /** A file whose header is the columns of the first row, in that row's order. */
    @SafeVarargs
    static String csv(Map<String, String>... rows) {
        return csv(List.of(rows));
    }

    static String csv(List<Map<String, String>> rows) {
        List<String> columns = new ArrayList<>(rows.getFirst().keySet());
        StringBuilder file = new StringBuilder(String.join(",", columns)).append('\n');
        for (Map<String, String> row : rows) {
            file.append(columns.stream().map(c -> quoted(row.get(c)))
                    .collect(Collectors.joining(","))).append('\n');
        }
        return file.toString();
    }

    static String demo() {
        try (InputStream in = BalanceCsv.class.getResourceAsStream("/demo/example-health.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String quoted(String value) {
        return value.contains(",") || value.contains("\"") || value.contains("\n")
                ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
