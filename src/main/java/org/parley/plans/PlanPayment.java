package org.parley.plans;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment applied to a plan, kept so that the same payment id is never applied twice.
 *
 * @param applied how much of {@code amount} went to the plan's installments; the rest paid
 *                beyond the plan
 * @param version the plan version whose installments it paid
 */
public record PlanPayment(String paymentId, BigDecimal amount, LocalDate date,
                          BigDecimal applied, int version, Instant at) {
}
