package org.parley.billing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.csv.CsvFileRejected.Problem;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.parley.billing.BalanceCsv.TODAY;
import static org.parley.billing.BalanceCsv.csv;
import static org.parley.billing.BalanceCsv.mri;
import static org.parley.billing.BalanceCsv.officeVisit;
import static org.parley.billing.BalanceCsv.with;

class BalanceFileTest {

    private static final Encounter OFFICE_VISIT = new Encounter("EH-V-70012",
            LocalDate.of(2026, 9, 2), "Dr. Lena Ortiz", "Office visit", new BigDecimal("180.00"),
            new BigDecimal("120.00"), new BigDecimal("15.00"), new BigDecimal("45.00"),
            LocalDate.of(2026, 12, 31));
    private static final Encounter MRI = new Encounter("EH-V-70458", LocalDate.of(2026, 10, 15),
            "Northside Imaging", "MRI, left knee", new BigDecimal("2850.00"),
            new BigDecimal("1500.00"), new BigDecimal("160.50"), new BigDecimal("1189.50"),
            LocalDate.of(2026, 12, 31));

    private static Account alex(Optional<Payment> lastPayment, Encounter... visits) {
        return new Account("example-health", "EH100234", "Alex", "Rivera",
                LocalDate.of(1985, 3, 14), "30301", Optional.of("+14045550123"),
                Optional.of("alex.rivera@example.test"), Optional.of("en"), List.of(visits),
                lastPayment);
    }

    private static BalanceFile read(String csv) {
        return read(csv, BalanceImport.MAX_ROWS);
    }

    private static BalanceFile read(String csv, int maxRows) {
        return BalanceFile.read("example-health", new StringReader(csv), TODAY, maxRows);
    }

    private static BalanceFileRejected rejected(String csv) {
        return assertThrows(BalanceFileRejected.class, () -> read(csv));
    }

    private static String emptyRow() {
        return ",".repeat(BalanceCsv.COLUMNS.size() - 1) + "\n";
    }

    @Test
    void demoFileReadsAsSixAccountsWithTheirVisitsAndLastPayments() {
        BalanceFile file = read(BalanceCsv.demo());

        assertEquals(List.of("EH100234", "EH100587", "EH100611", "EH100612", "EH100702",
                        "EH100845"),
                file.accounts().stream().map(Account::accountNumber).toList());
        assertEquals(alex(Optional.of(new Payment(LocalDate.of(2026, 11, 2),
                new BigDecimal("50.00"))), OFFICE_VISIT, MRI), file.accounts().get(0));
        assertEquals(List.of("1234.50", "3240.00", "85.00", "62.40", "0.00", "78.75"),
                file.accounts().stream().map(a -> a.totalDue().toPlainString()).toList());
        assertEquals(true, file.carriesLastPayment());
    }

    @Test
    void accentedNamesAreReadAsWritten() {
        BalanceFile file = read(BalanceCsv.demo());

        Account lucia = file.accounts().get(1);
        assertEquals("Lucía Hernández", lucia.firstName() + " " + lucia.lastName());
        assertEquals(Optional.of("es"), lucia.preferredLanguage());
        assertEquals("Dr. Tomás Peña", lucia.encounters().get(1).provider());
    }

    @Test
    void decomposedAccentsAreStoredComposed() {
        String csv = csv(with(officeVisit(), "first_name", "Luci\u0301a"));

        Account account = read(csv).accounts().getFirst();

        assertEquals("Lucía", account.firstName());
    }

    @Test
    void columnOrderDoesNotMatter() {
        List<String> shuffled = new ArrayList<>(BalanceCsv.COLUMNS);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 0, 7);
        Map<String, String> visit = new LinkedHashMap<>();
        Map<String, String> second = new LinkedHashMap<>();
        shuffled.forEach(c -> visit.put(c, officeVisit().get(c)));
        shuffled.forEach(c -> second.put(c, mri().get(c)));

        BalanceFile file = read(csv(visit, second));

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT, MRI)), file.accounts());
    }

    @Test
    void headerNamesIgnoreCaseAndSurroundingSpaces() {
        String csv = csv(officeVisit()).replaceFirst("account_number,first_name",
                " Account_Number , FIRST_NAME");

        BalanceFile file = read(csv);

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT)), file.accounts());
    }

    @Test
    void byteOrderMarkIsSkipped() {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = csv(officeVisit()).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(body, 0, bytes, bom.length, body.length);

        BalanceFile file = read(BalanceFile.utf8(bytes));

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT)), file.accounts());
    }

    @Test
    void quotedValuesKeepTheirCommasAndQuotes() {
        String description = "Visit, follow-up \"urgent\"";

        BalanceFile file = read(csv(with(officeVisit(), "description", description)));

        assertEquals(description, file.accounts().getFirst().encounters().getFirst()
                .description());
    }

    @Test
    void lineBreakInsideAQuotedValueBecomesASpace() {
        BalanceFile file = read(csv(with(officeVisit(), "description", "Office\r\n visit")));

        assertEquals("Office visit", file.accounts().getFirst().encounters().getFirst()
                .description());
    }

    @Test
    void phoneZipAndLanguageAreNormalized() {
        Map<String, String> row = with(with(with(officeVisit(), "phone", "(404) 555-0123"),
                "zip", "30301-1234"), "preferred_language", "ES-mx");

        Account account = read(csv(row)).accounts().getFirst();

        assertEquals(Optional.of("+14045550123"), account.phone());
        assertEquals("30301", account.zip());
        assertEquals(Optional.of("es"), account.preferredLanguage());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource({"+12115550123, +12115550123", "(220) 555-0123, +12205550123",
            "+1 237 555 0123, +12375550123"})
    void aNorthAmericanNumberInAnAreaCodeNotInUseYetIsKept(String typed, String stored) {
        Account account = read(csv(with(officeVisit(), "phone", typed))).accounts().getFirst();

        assertEquals(Optional.of(stored), account.phone());
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"+11235550123", "+12110550123", "+1211555012", "+121155501234"})
    void aNumberNoNorthAmericanNumberCouldBeIsRefused(String typed) {
        BalanceFileRejected e = rejected(csv(with(officeVisit(), "phone", typed)));

        assertEquals(List.of(new Problem(2, "phone", typed,
                "a phone number in E.164 form, such as +14045550123, or empty")), e.problems());
    }

    @Test
    void amountsWithoutDecimalsGetTwo() {
        Account account = read(csv(with(officeVisit(), "charges", "180"))).accounts().getFirst();

        assertEquals("180.00", account.encounters().getFirst().charges().toPlainString());
    }

    @Test
    void emptyPhoneEmailAndLanguageAreAbsent() {
        Map<String, String> row = with(with(with(officeVisit(), "phone", ""), "email", ""),
                "preferred_language", "");

        Account account = read(csv(row)).accounts().getFirst();

        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty()),
                List.of(account.phone(), account.email(), account.preferredLanguage()));
    }

    @Test
    void blankLinesAreSkipped() {
        String csv = "\n" + csv(officeVisit(), mri()).replace("\n", "\r\n\r\n");

        BalanceFile file = read(csv);

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT, MRI)), file.accounts());
    }

    private static final String AMOUNT = "digits with at most 2 decimals, no currency sign or "
            + "thousands separator";
    private static final String ID = "1 to 64 letters, digits, '.', '_', '/' or '-'";
    private static final String BIRTH = "a date of birth as YYYY-MM-DD, such as 1985-03-14, from "
            + "1900-01-01 to today (2026-11-20)";

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("account_number", "EH 100234", "an account number of " + ID),
                Arguments.of("first_name", "", "a name of 1 to 100 characters"),
                Arguments.of("date_of_birth", "03/14/1985", BIRTH),
                Arguments.of("date_of_birth", "1985-02-30", BIRTH),
                Arguments.of("date_of_birth", "1885-03-14", BIRTH),
                Arguments.of("date_of_birth", "1899-12-31", BIRTH),
                Arguments.of("date_of_birth", "2099-01-01", BIRTH),
                Arguments.of("date_of_birth", "2026-11-21", BIRTH),
                Arguments.of("zip", "3030", "a 5-digit ZIP code"),
                Arguments.of("phone", "555-0123",
                        "a phone number in E.164 form, such as +14045550123, or empty"),
                Arguments.of("email", "alex.rivera@",
                        "an email address such as name@example.com, or empty"),
                Arguments.of("preferred_language", "es_MX",
                        "a BCP 47 language tag such as en or es-MX, or empty"),
                Arguments.of("preferred_language", "spanish",
                        "a BCP 47 language tag such as en or es-MX, or empty"),
                Arguments.of("encounter_id", "", "an encounter id of " + ID),
                Arguments.of("service_date", "2026-9-2",
                        "a date as YYYY-MM-DD, such as 2026-09-02"),
                Arguments.of("provider", "", "text of 1 to 200 characters"),
                Arguments.of("description", "", "text of 1 to 200 characters"),
                Arguments.of("charges", "1,189.50", "an amount of zero or more, " + AMOUNT),
                Arguments.of("insurance_paid", "$120.00", "an amount of zero or more, " + AMOUNT),
                Arguments.of("adjustments", "15.005",
                        "an amount such as 15.00 or -15.00, " + AMOUNT),
                Arguments.of("patient_responsibility", "-45.00",
                        "an amount of zero or more, " + AMOUNT),
                Arguments.of("due_date", "next month", "a date as YYYY-MM-DD, such as 2026-12-31"));
    }

    @ParameterizedTest(name = "{0} = ''{1}''")
    @MethodSource("badValues")
    void badValueIsReportedWithLineColumnValueAndExpectation(String column, String value,
                                                             String expected) {
        String csv = csv(officeVisit(), with(mri(), column, value));

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(3, column, value, expected)), e.problems());
    }

    @Test
    void dateOfBirthOfTodayOrOf1900IsAccepted() {
        BalanceFile file = read(csv(with(officeVisit(), "date_of_birth", "2026-11-20"),
                with(with(with(mri(), "account_number", "EH100999"), "encounter_id", "EH-V-1"),
                        "date_of_birth", "1900-01-01")));

        assertEquals(List.of(TODAY, LocalDate.of(1900, 1, 1)),
                file.accounts().stream().map(Account::dateOfBirth).toList());
    }

    @Test
    void rowOfOnlyCommasAmongTheRowsIsABadRow() {
        String csv = csv(officeVisit(), mri()).replace("\nEH100234,Alex,Rivera,1985-03-14,30301,"
                + "+14045550123,alex.rivera@example.test,en,EH-V-70458", "\n" + emptyRow()
                + "EH100234,Alex,Rivera,1985-03-14,30301,+14045550123,alex.rivera@example.test,"
                + "en,EH-V-70458");

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(3, "", "an empty row", "an encounter row; delete it")),
                e.problems());
        assertEquals("1 row of the balance file is bad (1 problem, each listed with its line and "
                + "column); nothing was applied. Correct them and import the whole file again.",
                e.getMessage());
    }

    @Test
    void trailingRowOfOnlyCommasIsIgnored() {
        BalanceFile file = read(csv(officeVisit(), mri()) + emptyRow() + "\n");

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT, MRI)), file.accounts());
    }

    @Test
    void everyRowOfOnlyCommasButTheLastIsABadRow() {
        BalanceFileRejected e = rejected(csv(officeVisit()) + emptyRow() + emptyRow());

        assertEquals(List.of(new Problem(3, "", "an empty row", "an encounter row; delete it")),
                e.problems());
    }

    @Test
    void fileOverTheRowLimitIsRefusedWithItsRowCount() {
        String csv = csv(officeVisit(), mri(), with(mri(), "encounter_id", "EH-V-1"));

        BalanceFileRejected.TooManyRows e = assertThrows(BalanceFileRejected.TooManyRows.class,
                () -> read(csv, 2));

        assertEquals("The file has 3 rows; at most 2 are imported at once. Split it and import "
                + "the parts.", e.getMessage());
        assertEquals("too_many_rows", e.code());
        assertEquals(List.of(3, 2), List.of(e.rows(), e.maxRows()));
    }

    @Test
    void fileOverTheRowLimitIsRefusedForItsSizeEvenWithBadRows() {
        String csv = csv(with(officeVisit(), "zip", "3030"), mri(),
                with(mri(), "encounter_id", "EH-V-1"));

        BalanceFileRejected e = assertThrows(BalanceFileRejected.class, () -> read(csv, 2));

        assertEquals("too_many_rows", e.code());
    }

    @Test
    void fileOfExactlyTheRowLimitIsRead() {
        BalanceFile file = read(csv(officeVisit(), mri()) + emptyRow(), 2);

        assertEquals(List.of(alex(Optional.empty(), OFFICE_VISIT, MRI)), file.accounts());
    }

    @Test
    void problemsPastTheFirstThousandAreCountedNotListed() {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            rows.add(with(with(officeVisit(), "encounter_id", "EH-V-" + i), "zip", "3030"));
        }

        BalanceFileRejected e = rejected(BalanceCsv.csv(rows));

        assertEquals(1000, e.problems().size());
        assertEquals(new Problem(1001, "zip", "3030", "a 5-digit ZIP code"),
                e.problems().getLast());
        assertEquals(200, e.unlisted());
        assertEquals(Map.of("problems", e.problems(), "unlistedProblems", 200), e.detail());
        assertEquals("1200 rows of the balance file are bad (1200 problems; the first 1000 are "
                + "listed with their line and column); nothing was applied. Correct them and "
                + "import the whole file again.", e.getMessage());
    }

    @Test
    void longBadValueIsShortenedInTheReport() {
        BalanceFileRejected e = rejected(csv(with(officeVisit(), "last_name", "x".repeat(101))));

        assertEquals(List.of(new Problem(2, "last_name", "x".repeat(80) + "…",
                "a name of 1 to 100 characters")), e.problems());
    }

    @Test
    void badLastPaymentAmountIsReported() {
        Map<String, String> row = with(with(officeVisit(), "last_payment_date", "2026-11-02"),
                "last_payment_amount", "0");

        BalanceFileRejected e = rejected(csv(row));

        assertEquals(List.of(new Problem(2, "last_payment_amount", "0", "an amount above zero, "
                + "digits with at most 2 decimals, no currency sign or thousands separator, or "
                + "empty")), e.problems());
    }

    @Test
    void lastPaymentDateWithoutAmountIsReported() {
        Map<String, String> row = with(with(officeVisit(), "last_payment_date", "2026-11-02"),
                "last_payment_amount", "");

        BalanceFileRejected e = rejected(csv(row));

        assertEquals(List.of(new Problem(2, "last_payment_amount", "", "a value, because "
                + "last_payment_date has one (give both or neither)")), e.problems());
    }

    @Test
    void duplicateEncounterIdIsReportedOnTheLaterRow() {
        Map<String, String> other = with(with(officeVisit(), "account_number", "EH100999"),
                "first_name", "Sam");

        BalanceFileRejected e = rejected(csv(officeVisit(), other));

        assertEquals(List.of(new Problem(3, "encounter_id", "EH-V-70012",
                "an encounter_id used once in the file (line 2 has it too)")), e.problems());
    }

    @Test
    void rowsOfOneAccountThatDisagreeOnAPersonFieldAreReported() {
        String csv = csv(officeVisit(), with(with(mri(), "zip", "30302"), "phone",
                "404-555-0123"));

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(3, "zip", "30302",
                "'30301', as on line 2 for the same account_number")), e.problems());
    }

    @Test
    void rowWithTheWrongNumberOfValuesIsReported() {
        String csv = csv(officeVisit(), mri()).replace("2026-12-31\n", "2026-12-31,extra\n");

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(2, "", "18 values",
                        "17 values, one for each column of the header"),
                new Problem(3, "", "18 values", "17 values, one for each column of the header")),
                e.problems());
    }

    @Test
    void everyBadRowIsReportedInLineOrder() {
        String csv = csv(with(officeVisit(), "zip", "3030"), mri(),
                with(with(mri(), "encounter_id", "EH-V-1"), "charges", "abc"),
                with(with(mri(), "encounter_id", "EH-V-2"), "due_date", "2026-13-01"));

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(
                new Problem(2, "zip", "3030", "a 5-digit ZIP code"),
                new Problem(4, "charges", "abc", "an amount of zero or more, digits with at most "
                        + "2 decimals, no currency sign or thousands separator"),
                new Problem(5, "due_date", "2026-13-01", "a date as YYYY-MM-DD, such as "
                        + "2026-12-31")), e.problems());
        assertEquals("3 rows of the balance file are bad (3 problems, each listed with its line "
                + "and column); nothing was applied. Correct them and import the whole file "
                + "again.", e.getMessage());
        assertEquals("invalid_balance_file", e.code());
    }

    @Test
    void lineNumbersCountLinesInsideQuotedValuesAndBlankLines() {
        String csv = csv(with(officeVisit(), "description", "two\nlines"), mri())
                .replace("\nEH100234,Alex,Rivera,1985-03-14,30301,+14045550123,"
                                + "alex.rivera@example.test,en,EH-V-70458",
                        "\n\nEH100234,Alex,Rivera,1985-03-14,3030,+14045550123,"
                                + "alex.rivera@example.test,en,EH-V-70458");

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(5, "zip", "3030", "a 5-digit ZIP code")), e.problems());
    }

    @Test
    void problemReadsAsOneLineForPeople() {
        assertEquals("line 7, column zip: '3030' is not a 5-digit ZIP code",
                new Problem(7, "zip", "3030", "a 5-digit ZIP code").describe());
        assertEquals("line 7, column zip: empty; expected a 5-digit ZIP code",
                new Problem(7, "zip", "", "a 5-digit ZIP code").describe());
        assertEquals("line 7: 18 values; expected 17 values",
                new Problem(7, "", "18 values", "17 values").describe());
    }

    @Test
    void missingColumnIsNamed() {
        Map<String, String> row = officeVisit();
        row.remove("zip");

        BalanceFileRejected e = rejected(csv(row));

        assertEquals(List.of(new Problem(1, "zip", "", "a column named zip")), e.problems());
        assertEquals("The balance file's header row is wrong: missing column zip; nothing was "
                + "applied. The columns are account_number, first_name, last_name, "
                + "date_of_birth, zip, phone, email, preferred_language, encounter_id, "
                + "service_date, provider, description, charges, insurance_paid, adjustments, "
                + "patient_responsibility, due_date, and optionally last_payment_date with "
                + "last_payment_amount and hold, in any order.", e.getMessage());
    }

    @Test
    void unknownColumnIsNamed() {
        BalanceFileRejected e = rejected(csv(with(officeVisit(), "notes", "call after 5")));

        assertEquals(List.of(new Problem(1, "notes", "notes",
                "a known column; remove or rename it")), e.problems());
        assertEquals(true, e.getMessage().startsWith(
                "The balance file's header row is wrong: unknown column notes; nothing was "
                        + "applied."), e.getMessage());
    }

    @Test
    void columnNamedTwiceIsReported() {
        String csv = csv(officeVisit()).replaceFirst("first_name", "last_name");

        BalanceFileRejected e = rejected(csv);

        assertEquals(List.of(new Problem(1, "last_name", "last_name", "a column named only once"),
                new Problem(1, "first_name", "", "a column named first_name")), e.problems());
    }

    @Test
    void oneLastPaymentColumnWithoutTheOtherIsReported() {
        BalanceFileRejected e = rejected(csv(with(officeVisit(), "last_payment_date", "")));

        assertEquals(List.of(new Problem(1, "last_payment_amount", "", "a column named "
                + "last_payment_amount: give both last-payment columns or neither")), e.problems());
    }

    @Test
    void emptyFileIsRejected() {
        BalanceFileRejected e = rejected("\n\n");

        assertEquals("The balance file is empty; nothing was applied. Send a header row and one "
                + "row per encounter.", e.getMessage());
    }

    @Test
    void headerWithoutRowsIsRejected() {
        BalanceFileRejected e = rejected(String.join(",", BalanceCsv.COLUMNS) + "\n");

        assertEquals(List.of(new Problem(1, "", "no rows after the header",
                "at least one encounter row")), e.problems());
    }

    @Test
    void unclosedQuoteIsReportedAtTheRowWhereItOpens() {
        String csv = csv(officeVisit(), mri()).replace("\"MRI, left knee\"", "\"MRI, left knee");

        BalanceFileRejected e = rejected(csv);

        assertEquals(3, e.problems().getFirst().line());
        assertEquals("", e.problems().getFirst().column());
    }

    @Test
    void bytesThatAreNotUtf8AreRejectedWithTheirLine() {
        byte[] latin1 = csv(officeVisit(), with(mri(), "first_name", "Lucía"))
                .getBytes(StandardCharsets.ISO_8859_1);

        BalanceFileRejected e = assertThrows(BalanceFileRejected.class,
                () -> BalanceFile.utf8(latin1));

        assertEquals(List.of(new Problem(3, "", "byte 0xED",
                "UTF-8 text; save the file as CSV UTF-8")), e.problems());
    }
}
