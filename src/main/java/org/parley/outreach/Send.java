package org.parley.outreach;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One proactive message Parley means to send to one account: an alert triggered by an event or
 * one step of a campaign. It is scheduled once in the {@link Outbox} under its idempotency
 * {@code key} and sent by the sending job when it is due and every check lets it through.
 *
 * @param key        idempotency key; becomes the document's {@code _id}, so a second schedule
 *                   of the same key does nothing
 * @param clientId   the client the account belongs to
 * @param account    the account number
 * @param source     {@code "alert"} or {@code "campaign"}
 * @param event      the alert's name (such as {@code "balance_imported"}, {@code
 *                   "installment_due"}, {@code "installment_missed"}, {@code "plan_changed"},
 *                   {@code "assistance_status"}, {@code "payment_received"}) or, for a
 *                   campaign, the campaign id
 * @param campaignId the campaign, or null for an alert
 * @param step       the campaign step, 0 for alerts
 * @param template   locale key prefix of the message, such as {@code "outreach.balance"}: the
 *                   sender says {@code <template>.generic} to a patient who has not proved who
 *                   they are and {@code <template>} once verified (with {@code @sms} variants)
 * @param args       the message's arguments (amounts as BigDecimal, dates as LocalDate), said
 *                   only after verification
 * @param channels   channels in order of preference: {@code "sms"}, {@code "email"}
 * @param dueAt      when it may be sent at the earliest
 * @param options    intents the message offers, numbered on SMS (e.g. {@code ["pay",
 *                   "payment_plan"]})
 * @param goTo       the flow step a reply continues at, if any
 * @param after      the account's earlier campaign step this one follows, if any: it goes
 *                   only once that one went, and not before the days between them have passed
 */
public record Send(String key, String clientId, String account, String source, String event,
                   String campaignId, int step, String template, Map<String, Object> args,
                   List<String> channels, Instant dueAt, List<String> options,
                   Optional<String> goTo, Optional<After> after) {

    /**
     * The send of the account's earlier step ({@code key}) and how many campaign days later
     * this one is due ({@code days}, at least 1).
     */
    public record After(String key, int days) {
        public After {
            Objects.requireNonNull(key, "key");
            if (days < 1) {
                throw new IllegalArgumentException("A later step follows its earlier one by at "
                        + "least 1 day, not " + days);
            }
        }
    }

    /** The source of a send triggered by an event. */
    public static final String ALERT = "alert";
    /** The source of a send that is a campaign step. */
    public static final String CAMPAIGN = "campaign";

    public Send {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(dueAt, "dueAt");
        if (!ALERT.equals(source) && !CAMPAIGN.equals(source)) {
            throw new IllegalArgumentException("A send's source is \"alert\" or \"campaign\", "
                    + "not \"" + source + "\"");
        }
        args = Map.copyOf(args == null ? Map.of() : args);
        channels = List.copyOf(channels == null ? List.of() : channels);
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("Send " + key + " names no channel; give \"sms\" "
                    + "and/or \"email\" in order of preference");
        }
        options = List.copyOf(options == null ? List.of() : options);
        goTo = goTo == null ? Optional.empty() : goTo;
        after = after == null ? Optional.empty() : after;
    }

    /** A send that follows no earlier step: every alert, and a campaign's first step. */
    public Send(String key, String clientId, String account, String source, String event,
                String campaignId, int step, String template, Map<String, Object> args,
                List<String> channels, Instant dueAt, List<String> options,
                Optional<String> goTo) {
        this(key, clientId, account, source, event, campaignId, step, template, args, channels,
                dueAt, options, goTo, Optional.empty());
    }
}
