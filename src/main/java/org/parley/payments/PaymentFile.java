package org.parley.payments;

import org.parley.client.Client;
import org.parley.csv.CsvFileRejected.Problem;
import org.parley.csv.CsvProblems;
import org.parley.csv.CsvRows;

import java.io.Reader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A payment file read and checked on its own, before the store is asked anything: one payment
 * per row, columns in any order. Every value is checked by the rules the webhook uses; a row
 * of only empty values is skipped; a payment id may appear once. A bad row is kept as its
 * problems, so that the store's checks of the good rows can be listed beside them.
 */
final class PaymentFile {

    static final CsvRows.Kind<PaymentFileRejected> KIND =
            new CsvRows.Kind<>("payment file", PaymentFileRejected::new);
    static final List<String> REQUIRED = List.of("payment_id", "account_number", "amount",
            "paid_at", "method");
    static final List<String> OPTIONAL = List.of("last4", "currency");

    private static final String PAID_AT = "a date as YYYY-MM-DD or an ISO-8601 instant such as "
            + "2026-12-04T14:30:00Z, " + PaymentFields.WHEN;

    private PaymentFile() {
    }

    /** One payment of the file and the line it is on. */
    record Row(int line, ReportedPayment payment) {
    }

    /**
     * The file as read: its good rows, and the problems of the others, to which the checks
     * against the store add theirs so that one refusal lists them all.
     */
    record Read(List<Row> rows, CsvProblems problems) {
    }

    /**
     * Reads and checks a whole file for one client.
     *
     * @param now     when the file is read: a payment may be from up to ten years before it
     *                to a few minutes after (clock skew)
     * @param maxRows the most payment rows one file may have
     * @throws PaymentFileRejected when the file as a whole is wrong: no header, a bad header,
     *                             no rows, or too many
     */
    static Read read(Client client, Reader csv, Instant now, int maxRows) {
        Checker checker = new Checker(client, now, maxRows);
        CsvRows.each(csv, KIND, row -> {
            if (!row.isBlank()) {
                checker.accept(row);
            }
        });
        return checker.finish();
    }

    /** Takes the rows as they are parsed: the header first, then each payment. */
    private static final class Checker {

        private final Client client;
        private final Instant now;
        private final int maxRows;
        private final CsvProblems problems = new CsvProblems();
        private final List<Row> rows = new ArrayList<>();
        private final Map<String, Integer> idLines = new HashMap<>();
        private List<String> header;
        private int headerLine;
        private boolean headerBad;
        private int count;

        Checker(Client client, Instant now, int maxRows) {
            this.client = client;
            this.now = now;
            this.maxRows = maxRows;
        }

        void accept(CsvRows.Row row) {
            if (header == null) {
                header = row.values().stream()
                        .map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
                headerLine = row.line();
                checkHeader();
                return;
            }
            // Past the limit rows are only counted, so a huge file is refused without being held.
            count++;
            if (count <= maxRows && !headerBad) {
                int before = problems.found();
                check(row);
                if (problems.found() > before) {
                    problems.badRow();
                }
            }
        }

        private void checkHeader() {
            List<String> seen = new ArrayList<>();
            for (String name : header) {
                if (seen.contains(name)) {
                    problems.add(new Problem(headerLine, name, name, "a column named only once"));
                } else if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                    problems.add(new Problem(headerLine, name, name, "a known column; the "
                            + "columns are " + String.join(", ", REQUIRED) + ", and optionally "
                            + String.join(", ", OPTIONAL)));
                }
                seen.add(name);
            }
            for (String name : REQUIRED) {
                if (!header.contains(name)) {
                    problems.add(new Problem(headerLine, name, "", "a column named " + name));
                }
            }
            headerBad = problems.found() > 0;
            if (headerBad) {
                problems.badRow();
            }
        }

        private void check(CsvRows.Row row) {
            if (row.values().size() != header.size()) {
                problems.add(new Problem(row.line(), "", row.values().size() + " values",
                        header.size() + " values, one for each column of the header"));
                return;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                values.put(header.get(i), row.values().get(i).strip());
            }

            int before = problems.found();
            Value v = new Value(row.line(), values);
            String id = v.required("payment_id", PaymentFields.PAYMENT_ID,
                    PaymentFields::paymentId);
            String account = v.required("account_number", PaymentFields.ACCOUNT_NUMBER,
                    PaymentFields::accountNumber);
            BigDecimal amount = v.required("amount", PaymentFields.AMOUNT,
                    PaymentFields::amount);
            Instant paidAt = v.required("paid_at", PAID_AT, this::paidAt);
            String method = v.required("method", PaymentFields.METHOD, PaymentFields::method);
            Optional<String> last4 = v.optional("last4", PaymentFields.LAST4,
                    s -> Optional.of(s).filter(PaymentFields::isLast4));
            v.optional("currency", "'" + client.currency() + "', the currency of client "
                    + client.id() + "'s balances, or empty",
                    s -> Optional.of(s).filter(client.currency()::equalsIgnoreCase));
            if (id != null) {
                Integer earlier = idLines.putIfAbsent(id, row.line());
                if (earlier != null) {
                    problems.add(new Problem(row.line(), "payment_id", id, "a payment_id used "
                            + "once in the file (line " + earlier + " has it too)"));
                }
            }
            if (problems.found() == before) {
                rows.add(new Row(row.line(), new ReportedPayment(client.id(), id, account,
                        amount, paidAt, method, last4, PaymentSource.FILE, Optional.empty(),
                        Optional.empty())));
            }
        }

        /** An instant, or a calendar date taken as its first moment where the client is. */
        private Optional<Instant> paidAt(String value) {
            if (value.length() == 10) {
                try {
                    Instant start = LocalDate.parse(value).atStartOfDay(client.timeZone())
                            .toInstant();
                    return PaymentFields.plausible(start, now) ? Optional.of(start)
                            : Optional.empty();
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
            return PaymentFields.instant(value, now);
        }

        Read finish() {
            if (header == null) {
                throw new PaymentFileRejected("The payment file is empty; nothing was recorded. "
                        + "Send a header row and one row per payment.", List.of(new Problem(1,
                        "", "no header row", "a header row naming the columns")));
            }
            if (count > maxRows) {
                throw PaymentFileRejected.tooManyRows(count, maxRows);
            }
            if (count == 0) {
                throw new PaymentFileRejected("The payment file has a header but no rows; "
                        + "nothing was recorded. Add one row per payment.", List.of(new Problem(
                        headerLine, "", "no rows after the header", "at least one payment row")));
            }
            if (headerBad) {
                throw problems.rejection(KIND);
            }
            return new Read(List.copyOf(rows), problems);
        }

        /** One row's values, each checked by its rule; a bad one is a problem of the row. */
        private final class Value {

            private final int line;
            private final Map<String, String> values;

            Value(int line, Map<String, String> values) {
                this.line = line;
                this.values = values;
            }

            <T> T required(String column, String expected, Function<String, Optional<T>> rule) {
                String value = values.get(column);
                if (value.isEmpty()) {
                    problems.add(new Problem(line, column, "", expected));
                    return null;
                }
                return optional(column, expected, rule).orElse(null);
            }

            <T> Optional<T> optional(String column, String expected,
                                     Function<String, Optional<T>> rule) {
                String value = values.getOrDefault(column, "");
                if (value.isEmpty()) {
                    return Optional.empty();
                }
                Optional<T> checked = rule.apply(value);
                if (checked.isEmpty()) {
                    problems.add(new Problem(line, column, PaymentFields.shown(column, value),
                            expected));
                }
                return checked;
            }
        }
    }
}
