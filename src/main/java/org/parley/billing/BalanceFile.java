package org.parley.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import org.parley.billing.BalanceFileRejected.Problem;

import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * A balance file read and checked: the accounts it describes, or every problem in it. One row is
 * one encounter; the rows of an account repeat the account holder's fields, which must agree.
 */
final class BalanceFile {

    static final List<String> REQUIRED = List.of("account_number", "first_name", "last_name",
            "date_of_birth", "zip", "phone", "email", "preferred_language", "encounter_id",
            "service_date", "provider", "description", "charges", "insurance_paid", "adjustments",
            "patient_responsibility", "due_date");
    static final List<String> OPTIONAL = List.of("last_payment_date", "last_payment_amount");

    /** Columns about the account holder: every row of one account must repeat the same value. */
    private static final List<String> PERSON = List.of("first_name", "last_name", "date_of_birth",
            "zip", "phone", "email", "preferred_language", "last_payment_date",
            "last_payment_amount");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONEY = Pattern.compile("-?\\d{1,12}(\\.\\d{1,2})?");
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(-\\d{4})?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final int MAX_VALUE_SHOWN = 80;
    /** Problems listed in a rejection; a file with more has the rest counted, not listed. */
    static final int MAX_PROBLEMS_LISTED = 1000;
    private static final CsvFactory CSV = new CsvFactory();
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private static final String ID_RULE = "1 to 64 letters, digits, '.', '_', '/' or '-'";
    private static final String AMOUNT_RULE = "digits with at most 2 decimals, no currency sign "
            + "or thousands separator";
    private static final List<String> COLUMNS = concat(REQUIRED, OPTIONAL);

    /** How each column but the date of birth is checked: see {@link #rules}. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            entry("account_number", required("an account number of " + ID_RULE,
                    v -> ID.matcher(v).matches() ? Optional.of(v) : Optional.empty())),
            entry("first_name", required("a name of 1 to 100 characters", v -> text(v, 100))),
            entry("last_name", required("a name of 1 to 100 characters", v -> text(v, 100))),
            entry("zip", required("a 5-digit ZIP code", BalanceFile::zip)),
            entry("phone", optional("a phone number in E.164 form, such as +14045550123, or "
                    + "empty", BalanceFile::phone)),
            entry("email", optional("an email address such as name@example.com, or empty",
                    v -> v.length() <= 254 && EMAIL.matcher(v).matches()
                            ? Optional.of(v) : Optional.empty())),
            entry("preferred_language", optional("a BCP 47 language tag such as en or es-MX, or "
                    + "empty", BalanceFile::language)),
            entry("encounter_id", required("an encounter id of " + ID_RULE,
                    v -> ID.matcher(v).matches() ? Optional.of(v) : Optional.empty())),
            entry("service_date", required("a date as YYYY-MM-DD, such as 2026-09-02",
                    BalanceFile::date)),
            entry("provider", required("text of 1 to 200 characters", v -> text(v, 200))),
            entry("description", required("text of 1 to 200 characters", v -> text(v, 200))),
            entry("charges", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("insurance_paid", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("adjustments", required("an amount such as 15.00 or -15.00, " + AMOUNT_RULE,
                    v -> money(v, true))),
            entry("patient_responsibility", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("due_date", required("a date as YYYY-MM-DD, such as 2026-12-31",
                    BalanceFile::date)),
            entry("last_payment_date", optional("a date as YYYY-MM-DD, or empty",
                    BalanceFile::date)),
            entry("last_payment_amount", optional("an amount above zero, " + AMOUNT_RULE
                    + ", or empty", v -> money(v, false).filter(m -> !m.equals("0.00")))));

    /** How each column is checked, a date of birth being plausible only up to {@code today}. */
    private static Map<String, Rule> rules(LocalDate today) {
        Map<String, Rule> rules = new HashMap<>(RULES);
        rules.put("date_of_birth", required("a date of birth as YYYY-MM-DD, such as 1985-03-14, "
                + "from " + EARLIEST_BIRTH + " to today (" + today + ")",
                v -> birthDate(v, today)));
        return rules;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private final List<Account> accounts;
    private final boolean carriesLastPayment;

    private BalanceFile(List<Account> accounts, boolean carriesLastPayment) {
        this.accounts = List.copyOf(accounts);
        this.carriesLastPayment = carriesLastPayment;
    }

    /** The accounts of the file, in the order they first appear, each with its encounters. */
    List<Account> accounts() {
        return accounts;
    }

    /** True when the file has the last-payment columns, so its accounts' last payment counts. */
    boolean carriesLastPayment() {
        return carriesLastPayment;
    }

    /**
     * Decodes a file's bytes as UTF-8, refusing any byte that is not.
     *
     * @throws BalanceFileRejected naming the line of the first bad byte
     */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int bad = firstBadByte(bytes);
            int line = 1;
            for (int i = 0; i < bad; i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            Problem problem = new Problem(line, "", String.format("byte 0x%02X", bytes[bad] & 0xFF),
                    "UTF-8 text; save the file as CSV UTF-8");
            throw new BalanceFileRejected("The balance file is not UTF-8 text (line " + line
                    + "); nothing was applied. Save it as CSV UTF-8 and import it again.",
                    List.of(problem));
        }
    }

    private static int firstBadByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        decoder.decode(in, CharBuffer.allocate(bytes.length), true);
        return Math.min(in.position(), bytes.length - 1);
    }

    /**
     * Reads and checks a whole file for one client. Rows are checked as they are parsed; past
     * {@code maxRows} they are only counted, so an oversized file is refused without being held.
     *
     * @param today   the last date of birth accepted
     * @param maxRows the most encounter rows one file may have
     * @throws BalanceFileRejected.TooManyRows when the file has more than {@code maxRows} rows
     * @throws BalanceFileRejected             listing the problems, when there is any
     */
    static BalanceFile read(String clientId, Reader csv, LocalDate today, int maxRows) {
        Intake intake = new Intake(today, maxRows);
        eachRow(csv, intake);
        return intake.finish(clientId);
    }

    /**
     * Takes the rows as they are parsed: the header first, then each encounter row counted and,
     * up to the limit, checked.
     */
    private static final class Intake implements Consumer<Row> {

        private final LocalDate today;
        private final int maxRows;
        private Row headerRow;
        private List<String> header;
        private Checker checker;
        private int rows;
        // A row of only commas is held back: it is a bad row, unless it is the file's last.
        private Row emptyRow;

        Intake(LocalDate today, int maxRows) {
            this.today = today;
            this.maxRows = maxRows;
        }

        @Override
        public void accept(Row row) {
            if (row.isBlankLine()) {
                return;
            }
            if (checker == null) {
                // Nothing before the header can be lost, so empty rows there are skipped.
                if (!row.isBlank()) {
                    readHeader(row);
                }
                return;
            }

            if (emptyRow != null && counted()) {
                checker.empty(emptyRow);
            }
            emptyRow = null;
            if (row.isBlank()) {
                emptyRow = row;
            } else if (counted()) {
                checker.check(row);
            }
        }

        private void readHeader(Row row) {
            headerRow = row;
            header = row.values().stream()
                    .map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
            checkHeader(row.line(), header);
            checker = new Checker(header, rules(today));
        }

        /** Counts one more row; true while the file is within the limit. */
        private boolean counted() {
            rows++;
            return rows <= maxRows;
        }

        BalanceFile finish(String clientId) {
            if (checker == null) {
                throw new BalanceFileRejected("The balance file is empty; nothing was applied. "
                        + "Send a header row and one row per encounter.",
                        List.of(new Problem(1, "", "no header row",
                                "a header row naming the columns")));
            }
            if (rows == 0) {
                throw new BalanceFileRejected("The balance file has a header but no rows; "
                        + "nothing was applied. Add one row per encounter.",
                        List.of(new Problem(headerRow.line(), "", "no rows after the header",
                                "at least one encounter row")));
            }
            if (rows > maxRows) {
                throw new BalanceFileRejected.TooManyRows(rows, maxRows);
            }
            if (checker.found > 0) {
                throw rowsRejected(checker);
            }
            return new BalanceFile(checker.accounts(clientId),
                    header.contains("last_payment_date"));
        }
    }

    private static void checkHeader(int line, List<String> header) {
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
                .append(", and optionally ").append(String.join(" with ", OPTIONAL))
                .append(", in any order.");
        throw new BalanceFileRejected(message.toString(), problems);
    }

    private static BalanceFileRejected rowsRejected(Checker checker) {
        String count = checker.badRows == 1 ? "1 row of the balance file is bad"
                : checker.badRows + " rows of the balance file are bad";
        String listed;
        if (checker.found <= MAX_PROBLEMS_LISTED) {
            listed = (checker.found == 1 ? "1 problem" : checker.found + " problems")
                    + ", each listed with its line and column";
        } else {
            listed = checker.found + " problems; the first " + MAX_PROBLEMS_LISTED
                    + " are listed with their line and column";
        }
        List<Problem> sorted = checker.listed.stream()
                .sorted(Comparator.comparingInt(Problem::line)).toList();
        return new BalanceFileRejected(count + " (" + listed + "); nothing was applied. Correct "
                + "them and import the whole file again.", sorted,
                checker.found - sorted.size());
    }

    /** Splits the text into rows of values with Jackson's CSV parser, noting each row's line. */
    private static void eachRow(Reader csv, Consumer<Row> sink) {
        int rowLine = 1;
        try (CsvParser parser = (CsvParser) CSV.createParser(withoutBom(csv))) {
            parser.enable(CsvParser.Feature.WRAP_AS_ARRAY);
            parser.nextToken();
            while (parser.nextToken() == JsonToken.START_ARRAY) {
                // The row token sits at the end of the previous row; its first value is exact.
                rowLine = Math.max(1, (int) parser.currentTokenLocation().getLineNr() + 1);
                List<String> values = new ArrayList<>();
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (values.isEmpty()) {
                        rowLine = (int) parser.currentTokenLocation().getLineNr();
                    }
                    values.add(parser.getText());
                }
                sink.accept(new Row(rowLine, values));
            }
        } catch (JsonProcessingException e) {
            throw new BalanceFileRejected("The balance file is not valid CSV from line " + rowLine
                    + " (" + e.getOriginalMessage() + "); nothing was applied. Close every quoted "
                    + "value with a quote, write a quote inside one as two quotes, and import "
                    + "it again.", List.of(new Problem(rowLine, "", e.getOriginalMessage(),
                    "CSV where every quoted value ends with a quote")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the balance file", e);
        }
    }

    private static Reader withoutBom(Reader csv) throws IOException {
        PushbackReader reader = new PushbackReader(csv, 1);
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    private record Row(int line, List<String> values) {

        /** A line with nothing on it, or only spaces. */
        boolean isBlankLine() {
            return values.size() <= 1 && isBlank();
        }

        /** A row whose every value is empty, such as a line of only commas. */
        boolean isBlank() {
            return values.stream().allMatch(String::isBlank);
        }
    }

    /** How one column is checked and made canonical; an empty result means the value is bad. */
    private record Rule(String expected, Function<String, Optional<String>> canonical) {
    }

    private static Rule required(String expected, Function<String, Optional<String>> check) {
        return new Rule(expected, v -> v.isEmpty() ? Optional.empty() : check.apply(v));
    }

    private static Rule optional(String expected, Function<String, Optional<String>> check) {
        return new Rule(expected, v -> v.isEmpty() ? Optional.of("") : check.apply(v));
    }

    /** One line of text: a line break inside a quoted cell becomes a space. */
    private static Optional<String> text(String value, int maxLength) {
        String line = WHITESPACE.matcher(value).replaceAll(" ");
        return line.length() <= maxLength && line.chars().noneMatch(Character::isISOControl)
                ? Optional.of(line) : Optional.empty();
    }

    private static Optional<String> date(String value) {
        if (!DATE.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value).toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> birthDate(String value, LocalDate today) {
        return date(value).filter(d -> !LocalDate.parse(d).isBefore(EARLIEST_BIRTH)
                && !LocalDate.parse(d).isAfter(today));
    }

    private static Optional<String> zip(String value) {
        var zip = ZIP.matcher(value);
        return zip.matches() ? Optional.of(zip.group(1)) : Optional.empty();
    }

    private static Optional<String> money(String value, boolean negativeAllowed) {
        if (!MONEY.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(value).setScale(2);
        return amount.signum() >= 0 || negativeAllowed
                ? Optional.of(amount.toPlainString()) : Optional.empty();
    }

    private static Optional<String> phone(String value) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(value, "US");
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Keeps only the language, lowercase: that is what picks the conversation's locale. */
    private static Optional<String> language(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            return Optional.empty();
        }
        try {
            locale.getISO3Language();
            return Optional.of(locale.getLanguage());
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }

    /**
     * Checks rows one by one, collecting problems and, from good rows, the accounts. Problems
     * past the first {@value #MAX_PROBLEMS_LISTED} are counted, not kept.
     */
    private static final class Checker {

        private final List<String> header;
        private final Map<String, Rule> rules;
        private final List<Problem> listed = new ArrayList<>();
        private int found;
        private int badRows;
        private final Map<String, Integer> encounterLines = new HashMap<>();
        private final Map<String, Map<String, Seen>> personByAccount = new HashMap<>();
        private final Map<String, Map<String, String>> firstRows = new LinkedHashMap<>();
        private final Map<String, List<Encounter>> encounters = new HashMap<>();

        Checker(List<String> header, Map<String, Rule> rules) {
            this.header = header;
            this.rules = rules;
        }

        void check(Row row) {
            if (row.values().size() != header.size()) {
                report(new Problem(row.line(), "", row.values().size() + " values",
                        header.size() + " values, one for each column of the header"));
                badRows++;
                return;
            }

            int before = found;
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
            if (found == before) {
                keep(clean);
            } else {
                badRows++;
            }
        }

        /** A row of only commas among the encounters: a visit whose values were lost, maybe. */
        void empty(Row row) {
            report(new Problem(row.line(), "", "an empty row", "an encounter row; delete it"));
            badRows++;
        }

        private void report(Problem problem) {
            found++;
            if (listed.size() < MAX_PROBLEMS_LISTED) {
                listed.add(problem);
            }
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
            for (String column : PERSON) {
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
    }

    private record Seen(String value, int line) {
    }
}
