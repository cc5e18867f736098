package org.parley.plans;

import java.util.Locale;

/**
 * Why a proposal was countered or a plan or change refused; {@link #code()} is the stable key
 * that dialogs and locale texts use.
 */
public enum Reason {

    /** The proposal fits the client's rules as it stands. */
    FITS,

    /** An installment would be smaller than the client's minimum. */
    BELOW_MINIMUM,

    /** More installments than the client allows for this balance. */
    TERM_TOO_LONG,

    /** The client does not offer this frequency. */
    FREQUENCY_NOT_OFFERED,

    /** The balance is above the client's highest tier, so no plan is offered. */
    ABOVE_PLAN_LIMIT,

    /** The down payment already pays the whole balance. */
    DOWN_PAYMENT_COVERS_BALANCE,

    /** The balance cannot be split into two installments of at least the minimum. */
    BALANCE_TOO_SMALL,

    /** Nothing is left to pay on the plan. */
    NOTHING_LEFT,

    /** Every installment of the plan is already due, so none is left to move or skip. */
    NO_INSTALLMENT_LEFT,

    /** The payment day can only be moved on a monthly plan. */
    DAY_MOVE_NEEDS_MONTHLY,

    /** The client does not let patients skip a payment. */
    SKIP_NOT_ALLOWED,

    /** The plan has used every skip the client allows. */
    SKIPS_USED_UP,

    /** The patient has paid less than the installments already due, so a skip is not offered. */
    PLAN_BEHIND;

    /** The lower-case key, such as {@code below_minimum}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
