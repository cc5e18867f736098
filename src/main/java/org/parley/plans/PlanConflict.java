package org.parley.plans;

import org.parley.ParleyException;

/**
 * A plan could not be written as asked: the account already has an active plan, the plan
 * changed since it was read, or its status does not allow the change. Nothing was changed.
 */
public final class PlanConflict extends ParleyException {

    public PlanConflict(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
