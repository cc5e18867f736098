package org.parley.assistance;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * How often an income comes, and how many times a year that is: "every two weeks" is 26 pay
 * days, "twice a month" 24.
 */
public enum IncomePeriod {
    WEEKLY(52), BIWEEKLY(26), SEMIMONTHLY(24), MONTHLY(12), YEARLY(1);

    private final int perYear;

    IncomePeriod(int perYear) {
        this.perYear = perYear;
    }

    /** The amount over a whole year: 52 weeks, 26 fortnights, 24 half months or 12 months. */
    public BigDecimal yearly(BigDecimal amount) {
        return amount.multiply(BigDecimal.valueOf(perYear));
    }

    /** The name used in messages and stored records, such as {@code biweekly}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
