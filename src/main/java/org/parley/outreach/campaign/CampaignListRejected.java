package org.parley.outreach.campaign;

import org.parley.csv.CsvFileRejected;
import org.parley.csv.CsvFileRejected.Problem;

import java.util.List;

/** An uploaded list of a campaign's accounts that was refused whole; nothing was stored. */
public final class CampaignListRejected extends CsvFileRejected {

    CampaignListRejected(String message, List<Problem> problems, int unlisted) {
        super("invalid_campaign_list", message, problems, unlisted);
    }
}
