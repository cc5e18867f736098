package org.parley.outreach.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A campaign a client defined: its audience, its steps over days, its first and last day (in
 * the client's zone), and how far it has come.
 *
 * @param startedAt  when the audience was fixed, on the start day; empty before
 * @param members    how many accounts the fixed audience holds, 0 before the start
 * @param stepsDone  the numbers of the steps scheduled for every member
 * @param version    raised by every change, so two writers cannot both move the campaign
 */
public record Campaign(String id, String clientId, String name, Audience audience,
                       List<CampaignStep> steps, LocalDate start, LocalDate end,
                       CampaignState state, Optional<Instant> startedAt, int members,
                       List<Integer> stepsDone, long version, Instant createdAt,
                       Instant updatedAt) {

    public Campaign {
        steps = List.copyOf(steps);
        stepsDone = List.copyOf(stepsDone);
    }
}
