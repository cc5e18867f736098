package org.parley.assistance;

import java.math.BigDecimal;
import java.util.Locale;

/** How often an income comes, and how many times a year that is. */
public enum IncomePeriod {
    WEEKLY(52), BIWEEKLY(26), MONTHLY(12), YEARLY(1);

    private final int perYear;

    IncomePeriod(int perYear) {
        this.perYear = perYear;
    }

    /** The amount over a whole year: 52 weeks, 26 fortnights or 12 months. */
    public BigDecimal yearly(BigDecimal amount) {
        return amount.multiply(BigDecimal.valueOf(perYear));
    }

    /** The name used in messages and stored records, such as {@code biweekly}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
