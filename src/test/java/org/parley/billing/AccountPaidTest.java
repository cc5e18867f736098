package org.parley.billing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** How a payment lowers what an account owes: oldest visits first, to the cent. */
class AccountPaidTest {

    private static final LocalDate PAID_ON = LocalDate.of(2026, 12, 4);

    /** Three visits, given out of order: the MRI (Oct 15), an X-ray (Sep 2), a lab (Sep 2). */
    private static Account account(Optional<Payment> lastPayment) {
        return new Account("example-health", "EH100234", "Alex", "Rivera",
                LocalDate.of(1985, 3, 14), "30301", Optional.empty(), Optional.empty(),
                Optional.empty(), List.of(
                        visit("V-3", "2026-10-15", "1189.50", "2027-01-15"),
                        visit("V-2", "2026-09-02", "45.00", "2026-12-31"),
                        visit("V-1", "2026-09-02", "0.00", "2026-12-01"),
                        visit("V-0", "2026-09-02", "20.25", "2026-12-20")),
                lastPayment);
    }

    private static Encounter visit(String id, String serviceDate, String owed, String due) {
        return new Encounter(id, LocalDate.parse(serviceDate), "Dr. Lena Ortiz", "Visit",
                new BigDecimal("2000.00"), new BigDecimal("500.00"), new BigDecimal("10.00"),
                new BigDecimal(owed), LocalDate.parse(due));
    }

    @ParameterizedTest(name = "{0} paid leaves V-0 {1}, V-2 {2}, V-3 {3}, {4} in all")
    @CsvSource({
            // Same service date: by visit id, so V-0 before V-2; V-1 owes nothing.
            "0.01,    20.24, 45.00, 1189.50, 1254.74",
            "20.25,    0.00, 45.00, 1189.50, 1234.50",
            "20.26,    0.00, 44.99, 1189.50, 1234.49",
            "65.25,    0.00,  0.00, 1189.50, 1189.50",
            "100.00,   0.00,  0.00, 1154.75, 1154.75",
            "1254.74,  0.00,  0.00,    0.01,    0.01",
            "1254.75,  0.00,  0.00,    0.00,    0.00",
    })
    void paymentGoesToTheOldestOpenVisitsFirst(String paid, String v0, String v2, String v3,
                                               String total) {
        Account after = account(Optional.empty()).paid(new BigDecimal(paid), PAID_ON);

        assertEquals(List.of(new BigDecimal(v3), new BigDecimal(v2), new BigDecimal("0.00"),
                new BigDecimal(v0)), after.encounters().stream()
                .map(Encounter::patientResponsibility).toList());
        assertEquals(new BigDecimal(total), after.totalDue());
    }

    @Test
    void visitsKeepTheirOrderAndEverythingButWhatIsOwed() {
        Account before = account(Optional.empty());

        Account after = before.paid(new BigDecimal("30.00"), PAID_ON);

        assertEquals(List.of("V-3", "V-2", "V-1", "V-0"), after.encounters().stream()
                .map(Encounter::encounterId).toList());
        assertEquals(before.encounters().get(1).withPatientResponsibility(new BigDecimal("35.25")),
                after.encounters().get(1));
        assertEquals(before.encounters().get(0), after.encounters().get(0));
    }

    @Test
    void dueDateMovesToTheEarliestVisitStillOwed() {
        Account after = account(Optional.empty()).paid(new BigDecimal("20.25"), PAID_ON);

        assertEquals(Optional.of(LocalDate.of(2026, 12, 31)), after.dueDate());
    }

    @ParameterizedTest(name = "last payment on record {0}: it stays {1}")
    @CsvSource({
            "'',         2026-12-04, 12.34",
            "2026-11-02, 2026-12-04, 12.34",
            "2026-12-04, 2026-12-04, 12.34",
            "2026-12-10, 2026-12-10, 50.00",
    })
    void lastPaymentIsTheLatestByDate(String onRecord, String date, String amount) {
        Optional<Payment> last = onRecord.isEmpty() ? Optional.empty()
                : Optional.of(new Payment(LocalDate.parse(onRecord), new BigDecimal("50.00")));

        Account after = account(last).paid(new BigDecimal("12.34"), PAID_ON);

        assertEquals(Optional.of(new Payment(LocalDate.parse(date), new BigDecimal(amount))),
                after.lastPayment());
    }

    @ParameterizedTest
    @CsvSource({"0.00", "-5.00", "1254.76"})
    void nothingOrMoreThanIsOwedIsRefused(String amount) {
        Account account = account(Optional.empty());

        assertThrows(IllegalArgumentException.class,
                () -> account.paid(new BigDecimal(amount), PAID_ON));
    }
}
