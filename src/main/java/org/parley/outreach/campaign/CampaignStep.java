package org.parley.outreach.campaign;

import java.time.LocalDate;
import java.util.List;

/**
 * One step of a campaign: on which day of the campaign it goes out, on which channel first,
 * with which message and which numbered options.
 *
 * @param number   the step's place in the campaign, from 1
 * @param day      the campaign day it is due, from 1 (the start day)
 * @param channel  {@code sms} or {@code email}: tried first, the other is the fallback
 * @param template the locale key prefix of its messages (see {@link org.parley.outreach.Send})
 * @param options  intents offered, numbered on SMS, such as {@code pay}
 */
public record CampaignStep(int number, int day, String channel, String template,
                           List<String> options) {

    public CampaignStep {
        options = List.copyOf(options);
    }

    /** The day, in the client's zone, this step is due in a campaign from {@code start}. */
    public LocalDate dueOn(LocalDate start) {
        return start.plusDays(day - 1L);
    }

    /** The channels to try in order: the step's own, then the other one. */
    public List<String> channels() {
        return channel.equals("sms") ? List.of("sms", "email") : List.of("email", "sms");
    }
}
