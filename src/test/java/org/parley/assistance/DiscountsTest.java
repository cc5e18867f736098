package org.parley.assistance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.billing.Account;
import org.parley.billing.Encounter;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An approval's discount to the cent: the percentage of the balance rounded half up, shared
 * over the visits that owe something so that the parts add up exactly and none exceeds its
 * visit's share; a cent left by rounding goes to the visit that lost most, on a tie the larger
 * and then the older visit.
 */
class DiscountsTest {

    @ParameterizedTest(name = "{1}% of [{0}]: {2}")
    @CsvSource(delimiter = '|', value = {
            "45.00 1189.50 | 75 | 925.88 = 33.75 + 892.13",
            "45.00 1189.50 | 100 | 1234.50 = 45.00 + 1189.50",
            "2100.00 1140.00 | 75 | 2430.00 = 1575.00 + 855.00",
            "10.00 10.00 10.00 | 33.33 | 10.00 = 3.34 + 3.33 + 3.33",
            "0.01 0.01 0.01 | 50 | 0.02 = 0.01 + 0.01 + 0.00",
            "100.00 -40.00 | 50 | 30.00 = 30.00",
            "85.00 | 12.5 | 10.63 = 10.63",
            "0.00 | 100 | 0.00 =",
            "50.00 -50.00 | 100 | 0.00 ="})
    void aDiscountIsSharedOverTheVisitsToTheCent(String shares, String percent,
                                                 String expected) {
        Application.Discount d = Discounts.of(account(shares), new BigDecimal(percent));

        // A visit given nothing after rounding is listed as 0.00 to keep the places readable.
        String described = d.amount() + " =" + (d.visits().isEmpty() ? "" : " "
                + String.join(" + ", padded(shares, d)));
        assertEquals(expected, described);
        assertEquals(d.amount(), d.visits().stream().map(Application.VisitDiscount::amount)
                .reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add));
    }

    private static List<String> padded(String shares, Application.Discount d) {
        List<String> out = new ArrayList<>();
        String[] amounts = shares.split(" ");
        for (int i = 0; i < amounts.length; i++) {
            if (new BigDecimal(amounts[i]).signum() <= 0) {
                continue;
            }
            String id = "V" + i;
            out.add(d.visits().stream().filter(v -> v.before().encounterId().equals(id))
                    .map(v -> v.amount().toPlainString()).findFirst().orElse("0.00"));
        }
        return out;
    }

    private static Account account(String shares) {
        List<Encounter> visits = new ArrayList<>();
        String[] amounts = shares.split(" ");
        for (int i = 0; i < amounts.length; i++) {
            BigDecimal share = new BigDecimal(amounts[i]);
            visits.add(new Encounter("V" + i, LocalDate.of(2026, 9, 1 + i), "Provider", "Visit",
                    share, BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2), share,
                    LocalDate.of(2026, 12, 31)));
        }
        return new Account("client", "A1", "Pat", "Doe", LocalDate.of(1980, 1, 1), "30301",
                Optional.empty(), Optional.empty(), Optional.empty(), visits, Optional.empty());
    }
}
