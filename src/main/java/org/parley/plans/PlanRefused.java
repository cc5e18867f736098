package org.parley.plans;

import org.parley.BadInputException;

/** A plan or a change to one that the client's rules do not allow; nothing was agreed. */
public final class PlanRefused extends BadInputException {

    private final Reason reason;

    public PlanRefused(Reason reason, String message) {
        super(reason.code(), message);
        if (reason == Reason.FITS) {
            throw new IllegalArgumentException("A refusal needs a reason other than FITS");
        }
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
