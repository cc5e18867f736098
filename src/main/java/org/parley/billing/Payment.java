package org.parley.billing;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment received on an account. */
public record Payment(LocalDate date, BigDecimal amount) {
}
