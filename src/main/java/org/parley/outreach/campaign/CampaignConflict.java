package org.parley.outreach.campaign;

import org.parley.ParleyException;

/** A request the campaign's state does not allow, other than a move; nothing changed. */
public final class CampaignConflict extends ParleyException {

    CampaignConflict(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
