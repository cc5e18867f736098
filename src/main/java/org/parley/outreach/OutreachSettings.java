package org.parley.outreach;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A client's outreach settings: which alerts are on, how many days before an installment is due
 * its reminder goes, the frequency caps per channel, the channels in order of preference and
 * how many texts a second one sending number may take.
 *
 * @param alerts     each alert's name to whether it is sent; an alert not named is off
 * @param dueDays    days before an installment's due date that its reminder is sent
 * @param caps       per channel, at most {@code max} sends to one account in {@code perDays}
 * @param channels   channels alerts try, in order of preference
 * @param perSecond  texts per second one sending number may take (Twilio's throughput)
 */
public record OutreachSettings(Map<String, Boolean> alerts, int dueDays, Map<String, Cap> caps,
                               List<String> channels, int perSecond) {

    /** The alerts Parley sends, by the event that triggers each. */
    public static final List<String> ALERTS = List.of("balance_imported", "installment_due",
            "installment_missed", "plan_changed", "assistance_status", "payment_received");
    /** The channels outreach sends on. */
    public static final Set<String> CHANNELS = Set.of("sms", "email");

    /** At most {@code max} sends to one account on one channel within {@code perDays} days. */
    public record Cap(int perDays, int max) {
    }

    public OutreachSettings {
        alerts = Map.copyOf(new TreeMap<>(alerts));
        caps = Map.copyOf(caps);
        channels = List.copyOf(channels);
    }

    /**
     * What a client that never set outreach gets: every alert off (a client turns on what it
     * wants), reminders 3 days ahead, 3 sends a week per channel, text first, 1 text a second.
     */
    public static OutreachSettings defaults() {
        return new OutreachSettings(Map.of(), 3, Map.of("sms", new Cap(7, 3),
                "email", new Cap(7, 3)), List.of("sms", "email"), 1);
    }

    /** True when the client has the alert on. */
    public boolean on(String alert) {
        return alerts.getOrDefault(alert, false);
    }
}
