package org.parley.payments;

import java.math.BigDecimal;

/** How many payments were applied and what they add up to, exactly. */
public record PaymentTotals(long count, BigDecimal amount) {
}
