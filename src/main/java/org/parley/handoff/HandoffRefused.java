package org.parley.handoff;

import org.parley.ParleyException;

/** An agent's request about a conversation they may not act on now; nothing was changed. */
public final class HandoffRefused extends ParleyException {

    HandoffRefused(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
