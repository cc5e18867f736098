package org.parley.payments;

import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * What a patient asked to pay, read from their words before anything is looked up: an amount,
 * the whole balance, nothing yet, or an amount that cannot be taken and why.
 *
 * @param creditLine true when they named a line of credit such as CareCredit
 */
record PaymentRequest(Kind kind, Optional<BigDecimal> amount, Optional<MoneyParser.Reason> refused,
                      boolean creditLine) {

    /** Which of the four the words said. */
    enum Kind { AMOUNT, ALL, NONE, REFUSED }

    static PaymentRequest amount(BigDecimal amount, boolean creditLine) {
        return new PaymentRequest(Kind.AMOUNT, Optional.of(amount), Optional.empty(), creditLine);
    }

    static PaymentRequest all(boolean creditLine) {
        return new PaymentRequest(Kind.ALL, Optional.empty(), Optional.empty(), creditLine);
    }

    static PaymentRequest none(boolean creditLine) {
        return new PaymentRequest(Kind.NONE, Optional.empty(), Optional.empty(), creditLine);
    }

    static PaymentRequest refused(MoneyParser.Reason reason, boolean creditLine) {
        return new PaymentRequest(Kind.REFUSED, Optional.empty(), Optional.of(reason),
                creditLine);
    }
}
