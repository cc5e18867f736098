package org.parley.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A payment in the ledger: what was reported, and what recording it did.
 *
 * @param paidOn       the day it was paid, in the client's time zone
 * @param currency     the client's currency, which the amounts are in
 * @param balanceAfter what the account owed right after this payment was applied
 * @param recordedAt   when Parley applied it to the account
 */
public record RecordedPayment(ReportedPayment payment, LocalDate paidOn, String currency,
                              BigDecimal balanceAfter, Instant recordedAt, Receipt receipt) {
}
