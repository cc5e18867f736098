package org.parley.outreach;

import java.time.Instant;

/**
 * Whether a campaign's send may go now, asked as the sender takes it up: a campaign paused or
 * cancelled after its sends were scheduled (or while its step was being scheduled) stops them
 * there, not only in the outbox's waiting list.
 */
@FunctionalInterface
public interface CampaignGate {

    /** What a paused campaign's sends are due at: never, until it is resumed. */
    Instant PAUSED_UNTIL = Instant.parse("9999-12-31T00:00:00Z");

    /** Every campaign open: before campaigns are wired in. */
    CampaignGate OPEN = (clientId, campaignId) -> Verdict.GO;

    /** What becomes of the send. */
    enum Verdict { GO, PAUSED, CANCELLED }

    Verdict check(String clientId, String campaignId);
}
