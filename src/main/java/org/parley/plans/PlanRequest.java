package org.parley.plans;

import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.util.Optional;

/** What a patient asked for about a plan, read from their message by {@link PlanPhrases}. */
sealed interface PlanRequest {

    /** The plan at this position of the list shown, from 1. */
    record Pick(int position) implements PlanRequest {
    }

    /** A plan lasting this many months ("6 months", "the 12 month one"). */
    record Term(int months, Optional<Frequency> frequency) implements PlanRequest {
    }

    /** Payments of at most this much ("$75 a month", "$40 every two weeks"). */
    record Amount(BigDecimal amount, Optional<Frequency> frequency) implements PlanRequest {
    }

    /**
     * An amount that cannot be taken ("-$50 a month", "$80.665 a month"), and why; never more
     * than is asked about a plan, so the question is asked again.
     */
    record BadAmount(MoneyParser.Reason reason) implements PlanRequest {
    }

    /** Only a frequency ("every two weeks"): the plans of that frequency. */
    record Listing(Frequency frequency) implements PlanRequest {
    }

    /** Move the payment day to this day of the month, as said: it may be out of range. */
    record Day(int dayOfMonth) implements PlanRequest {
    }

    /** Skip the next payment. */
    record SkipNext() implements PlanRequest {
    }

    /** Cancel the plan. */
    record Cancel() implements PlanRequest {
    }
}
