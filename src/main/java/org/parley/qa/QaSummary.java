package org.parley.qa;

import org.bson.Document;
import org.parley.compliance.ComplianceGate;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What the QA console knows of one conversation without reading it: where and when it
 * happened, the flows and intents it went through, the agents in it, its outcomes, its flags
 * and its review score. Kept in {@code qa_summaries}, and as a compact row in the day's search
 * document (see {@link QaSummaries}).
 *
 * @param language  the conversation's language now
 * @param languages every language the conversation was held in, the current one first
 * @param version  the conversation's version it was made from
 * @param messages how many messages the conversation has
 * @param score    the review's score from 0 to 100 (0 when a critical item failed), if reviewed
 * @param outcomes what the conversation came to; {@code opted_out} when the patient's last
 *                 word on consent was an opt-out (one who opted back in is not opted out)
 */
record QaSummary(String conversationId, String clientId, String channel, String language,
                 List<String> languages, Instant startedAt, Instant lastAt, long version,
                 int messages,
                 List<String> flows, List<String> intents, boolean handed, List<String> agents,
                 List<String> outcomes, List<Flags.Flag> flags, boolean ended,
                 Optional<Integer> score, boolean criticalFailed) {

    static final String PAID = "paid";
    static final String PLAN_CREATED = "plan_created";
    static final String ASSISTANCE_REQUESTED = "assistance_requested";
    static final String OPTED_OUT = "opted_out";
    static final String ABANDONED = "abandoned";
    /** Every outcome, in the order the console lists them. */
    static final List<String> OUTCOMES = List.of(PAID, PLAN_CREATED, ASSISTANCE_REQUESTED,
            OPTED_OUT, ABANDONED);

    /** Separates the fields of a row. */
    static final char FIELD = '\u001f';
    /** Separates the items of a list field of a row. */
    static final char ITEM = '\u001e';

    QaSummary {
        List<String> all = new java.util.ArrayList<>(List.of(language));
        languages.stream().filter(l -> !l.equals(language)).distinct().forEach(all::add);
        languages = List.copyOf(all);
        flows = List.copyOf(flows);
        intents = List.copyOf(intents);
        agents = List.copyOf(agents);
        outcomes = List.copyOf(outcomes);
        flags = List.copyOf(flags);
    }

    /** A summary of a conversation held in one language. */
    QaSummary(String conversationId, String clientId, String channel, String language,
              Instant startedAt, Instant lastAt, long version, int messages, List<String> flows,
              List<String> intents, boolean handed, List<String> agents, List<String> outcomes,
              List<Flags.Flag> flags, boolean ended, Optional<Integer> score,
              boolean criticalFailed) {
        this(conversationId, clientId, channel, language, List.of(language), startedAt, lastAt,
                version, messages, flows, intents, handed, agents, outcomes, flags, ended, score,
                criticalFailed);
    }

    /** Whether {@code l} confirms that the patient opted back in. */
    static boolean optedBackIn(Timeline.Line l) {
        return l.from().equals(Timeline.BOT) && l.keys().contains(ComplianceGate.OPTED_IN_KEY);
    }

    List<String> flagCodes() {
        return flags.stream().map(Flags.Flag::code).distinct().toList();
    }

    /** The same summary with a review's result. */
    QaSummary reviewed(Optional<Integer> newScore, boolean failed) {
        return new QaSummary(conversationId, clientId, channel, language, languages, startedAt,
                lastAt, version, messages, flows, intents, handed, agents, outcomes, flags, ended,
                newScore, failed);
    }

    /**
     * The summary as one string, the value of its row in the day's search document: a string
     * is read back far faster than a sub-document, and a day holds thousands.
     */
    String row() {
        return String.join(String.valueOf(FIELD), Long.toString(startedAt.toEpochMilli()),
                Long.toString(lastAt.toEpochMilli()), clean(channel), list(languages),
                list(flows), list(intents), handed ? "1" : "0", list(agents), list(outcomes),
                list(flagCodes()), score.map(String::valueOf).orElse(""),
                criticalFailed ? "1" : "0", ended ? "1" : "0", Integer.toString(messages),
                Long.toString(version));
    }

    /** A summary read back from its row; flags keep their codes, not their messages. */
    static QaSummary fromRow(String conversationId, String clientId, String row) {
        String[] f = row.split(String.valueOf(FIELD), -1);
        List<String> languages = items(f[3]);
        return new QaSummary(conversationId, clientId, f[2], languages.get(0), languages,
                Instant.ofEpochMilli(Long.parseLong(f[0])),
                Instant.ofEpochMilli(Long.parseLong(f[1])), Long.parseLong(f[14]),
                Integer.parseInt(f[13]), items(f[4]), items(f[5]), f[6].equals("1"), items(f[7]),
                items(f[8]), items(f[9]).stream().map(code -> new Flags.Flag(code, 0)).toList(),
                f[12].equals("1"), f[10].isEmpty() ? Optional.empty()
                        : Optional.of(Integer.parseInt(f[10])), f[11].equals("1"));
    }

    Document document() {
        return new Document("_id", conversationId)
                .append("clientId", clientId)
                .append("channel", channel)
                .append("language", language)
                .append("languages", languages)
                .append("startedAt", Date.from(startedAt))
                .append("lastAt", Date.from(lastAt))
                .append("version", version)
                .append("messages", messages)
                .append("flows", flows)
                .append("intents", intents)
                .append("handed", handed)
                .append("agents", agents)
                .append("outcomes", outcomes)
                .append("flags", flags.stream().map(x -> new Document("code", x.code())
                        .append("seq", x.seq())).toList())
                .append("ended", ended)
                .append("score", score.orElse(null))
                .append("criticalFailed", criticalFailed);
    }

    static QaSummary read(Document d) {
        return new QaSummary(d.getString("_id"), d.getString("clientId"),
                d.getString("channel"), d.getString("language"),
                d.getList("languages", String.class, List.of()),
                d.getDate("startedAt").toInstant(), d.getDate("lastAt").toInstant(),
                d.getLong("version"), d.getInteger("messages"),
                d.getList("flows", String.class), d.getList("intents", String.class),
                d.getBoolean("handed"), d.getList("agents", String.class),
                d.getList("outcomes", String.class),
                d.getList("flags", Document.class).stream().map(x -> new Flags.Flag(
                        x.getString("code"), x.getLong("seq"))).toList(),
                d.getBoolean("ended"), Optional.ofNullable(d.getInteger("score")),
                d.getBoolean("criticalFailed"));
    }

    private static String list(List<String> values) {
        return String.join(String.valueOf(ITEM), values.stream().map(QaSummary::clean).toList());
    }

    private static List<String> items(String field) {
        return field.isEmpty() ? List.of() : Arrays.asList(field.split(String.valueOf(ITEM)));
    }

    /** Ids and names never hold the separators; if one did, it must not shift the fields. */
    private static String clean(String value) {
        return value.replace(FIELD, ' ').replace(ITEM, ' ');
    }
}
