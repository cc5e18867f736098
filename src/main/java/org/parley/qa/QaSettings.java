package org.parley.qa;

import org.bson.Document;
import org.parley.client.ClientSettings;

import java.time.Duration;
import java.util.List;

/**
 * A client's QA rules, the {@value #SECTION} section of its settings: the scorecard reviewers
 * fill in, the share of each week's conversations sampled for review, the agent reply time
 * the client aims for, and how long a conversation sits idle before it counts as ended.
 *
 * @param samplePercent    percent of each agent's and of the bot's conversations of a week that
 *                         the review queue takes at random
 * @param agentReplyTarget the longest an agent should leave a patient waiting
 * @param endedAfter       idle time after which a conversation has ended
 */
record QaSettings(List<Item> items, int samplePercent, Duration agentReplyTarget,
                  Duration endedAfter) {

    /** The settings section's name, in {@code /api/clients/{id}/settings/qa-scorecard}. */
    static final String SECTION = "qa-scorecard";

    /**
     * One question of the scorecard.
     *
     * @param id       stable, lower case with dashes, such as {@code verified-before-balance}
     * @param weight   points the item is worth when answered yes
     * @param critical a critical item answered no fails the whole review
     */
    record Item(String id, String label, int weight, boolean critical) {
    }

    QaSettings {
        items = List.copyOf(items);
    }

    /** What a client that never set its own gets. */
    static final QaSettings DEFAULT = new QaSettings(List.of(
            new Item("verified-before-balance", "Identity verified before any balance", 3, true),
            new Item("opt-out-honoured", "Opt-out honoured at once", 3, true),
            new Item("understood", "The patient's requests were understood", 2, false),
            new Item("resolved", "Reached an outcome or a clear next step", 2, false),
            new Item("respectful", "Respectful, plain and polite throughout", 1, false),
            new Item("agent-on-time", "Agent replies within the target time", 1, false)),
            10, Duration.ofMinutes(2), Duration.ofHours(24));

    /** The client's settings, or {@link #DEFAULT}. */
    static QaSettings of(ClientSettings settings, String clientId) {
        return settings.section(clientId, SECTION).map(QaSettings::read).orElse(DEFAULT);
    }

    Document write() {
        return new Document("items", items.stream().map(i -> new Document("id", i.id())
                        .append("label", i.label()).append("weight", i.weight())
                        .append("critical", i.critical())).toList())
                .append("samplePercent", samplePercent)
                .append("agentReplyTargetSeconds", agentReplyTarget.toSeconds())
                .append("endedAfterMinutes", endedAfter.toMinutes());
    }

    static QaSettings read(Document d) {
        return new QaSettings(d.getList("items", Document.class).stream()
                .map(i -> new Item(i.getString("id"), i.getString("label"),
                        i.getInteger("weight"), i.getBoolean("critical"))).toList(),
                d.getInteger("samplePercent"),
                Duration.ofSeconds(((Number) d.get("agentReplyTargetSeconds")).longValue()),
                Duration.ofMinutes(((Number) d.get("endedAfterMinutes")).longValue()));
    }

    /** The item {@code id}, if the scorecard has it. */
    java.util.Optional<Item> item(String id) {
        return items.stream().filter(i -> i.id().equals(id)).findFirst();
    }
}
