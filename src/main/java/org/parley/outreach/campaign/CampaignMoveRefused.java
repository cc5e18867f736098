package org.parley.outreach.campaign;

import org.parley.ParleyException;

import java.util.LinkedHashMap;
import java.util.Map;

/** A pause, resume or cancel the campaign's state does not allow; nothing changed. */
public final class CampaignMoveRefused extends ParleyException {

    private final CampaignState current;
    private final CampaignState.Move requested;

    CampaignMoveRefused(String campaignId, CampaignState current, CampaignState.Move requested) {
        super(Kind.CONFLICT, "move_refused", "Campaign " + campaignId + " is " + current.code()
                + "; it cannot " + requested.code() + ". " + (current.allowed().isEmpty()
                ? "A " + current.code() + " campaign is final; define a new campaign instead."
                : "From " + current.code() + " it can: " + String.join(", ",
                current.allowed().stream().map(CampaignState.Move::code).toList()) + "."));
        this.current = current;
        this.requested = requested;
    }

    @Override
    public Object detail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("state", current.code());
        detail.put("requested", requested.code());
        detail.put("allowed", current.allowed().stream().map(CampaignState.Move::code).toList());
        return detail;
    }
}
