package org.parley.qa;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.parley.web.WebResources;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transcripts taken out of the console, masked as the console masks them: one conversation as
 * JSON, a set as CSV with one row per message (each labelled with its own language), and a
 * page for the browser to print or save as PDF. Masked details show as their placeholders
 * ({@code [date of birth]}, {@code [phone]}, {@code [address]}); revealing is only possible in
 * the console, one detail at a time.
 */
final class Exports {

    /** The CSV's columns, in order. */
    static final List<String> CSV_COLUMNS = List.of("conversationId", "clientId", "channel",
            "language", "startedAt", "seq", "at", "from", "agentId", "text", "intent",
            "confidence", "flow", "step", "entities", "flags", "outcomes", "score");

    private static final CsvMapper CSV = new CsvMapper();
    private static final DateTimeFormatter PRINTED = DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Transcripts transcripts;

    Exports(Transcripts transcripts) {
        this.transcripts = transcripts;
    }

    /** One conversation as a JSON document. */
    Map<String, Object> json(Timeline t, QaSummary summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversation", conversation(t, summary));
        List<Map<String, Object>> items = new ArrayList<>();
        for (Timeline.Item item : t.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (item instanceof Timeline.Line l) {
                m.put("type", "message");
                m.put("seq", l.seq());
                m.put("at", l.at());
                m.put("from", l.from());
                l.agentId().ifPresent(id -> m.put("agentId", id));
                m.put("text", transcripts.maskedText(t, l));
                l.note().ifPresent(n -> m.put("note", Transcripts.note(n)));
            } else {
                m.putAll(transcripts.event((Timeline.Event) item));
            }
            items.add(m);
        }
        out.put("timeline", items);
        return out;
    }

    /** Conversations as CSV: a header, then one row per message, conversations in order. */
    String csv(List<Timeline> timelines, Map<String, QaSummary> summaries) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        CSV_COLUMNS.forEach(schema::addColumn);
        StringWriter out = new StringWriter();
        try (SequenceWriter writer = CSV.writerFor(Map.class).with(schema.build())
                .with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).writeValues(out)) {
            for (Timeline t : timelines) {
                QaSummary s = summaries.get(t.conversation().id());
                Map<Long, String> languages = languages(t, s.language());
                for (Timeline.Line l : t.lines()) {
                    writer.write(row(t, s, l, languages.get(l.seq())));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing CSV to memory", e);
        }
        return out.toString();
    }

    /**
     * The language of each message by seq: a bot's or an agent's, that of the last turn the bot
     * noted; a patient's, that of the turn it started (the next note), as the bot read it.
     */
    static Map<Long, String> languages(Timeline t, String now) {
        Map<Long, String> bySeq = new java.util.HashMap<>();
        List<Long> waiting = new ArrayList<>();
        String current = t.lines().stream().flatMap(l -> l.note().stream()).findFirst()
                .map(org.parley.conversation.TurnNote::language).orElse(now);
        for (Timeline.Line l : t.lines()) {
            if (l.note().isPresent()) {
                current = l.note().get().language();
                for (long seq : waiting) {
                    bySeq.put(seq, current);
                }
                waiting.clear();
            }
            if (l.from().equals(Timeline.PATIENT)) {
                waiting.add(l.seq());
            } else {
                bySeq.put(l.seq(), current);
            }
        }
        for (long seq : waiting) {
            bySeq.put(seq, current);
        }
        return bySeq;
    }

    private Map<String, String> row(Timeline t, QaSummary s, Timeline.Line l, String language) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("conversationId", t.conversation().id());
        row.put("clientId", t.conversation().clientId());
        row.put("channel", t.conversation().channel());
        row.put("language", language);
        row.put("startedAt", t.conversation().createdAt().toString());
        row.put("seq", Long.toString(l.seq()));
        row.put("at", l.at().toString());
        row.put("from", l.from());
        row.put("agentId", l.agentId().orElse(""));
        row.put("text", cell(transcripts.maskedText(t, l)));
        row.put("intent", l.note().flatMap(n -> n.reading().intent()).orElse(""));
        row.put("confidence", l.note().flatMap(n -> n.reading().confidence())
                .map(c -> String.format(java.util.Locale.ROOT, "%.2f", c)).orElse(""));
        row.put("flow", l.note().map(n -> n.flow()).orElse(""));
        row.put("step", l.note().map(n -> n.step()).orElse(""));
        row.put("entities", l.note().map(n -> String.join(" ", n.reading().entities()))
                .orElse(""));
        row.put("flags", String.join(" ", s.flagCodes()));
        row.put("outcomes", String.join(" ", s.outcomes()));
        row.put("score", s.score().map(String::valueOf).orElse(""));
        return row;
    }

    /**
     * Text a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}
     * first) is kept as text with a leading apostrophe, so opening the export runs nothing.
     */
    static String cell(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    /**
     * A page the browser prints or saves as PDF. Every value is escaped; the page runs no
     * script but its own print button's.
     */
    String printable(Timeline t, QaSummary summary) {
        StringBuilder body = new StringBuilder();
        for (Timeline.Item item : t.items()) {
            if (item instanceof Timeline.Line l) {
                body.append("<li class=\"message from-").append(escape(l.from())).append("\">")
                        .append("<span class=\"meta\">#").append(l.seq()).append(' ')
                        .append(escape(who(l))).append(" · ").append(PRINTED.format(l.at()))
                        .append("</span><p>").append(escape(transcripts.maskedText(t, l)))
                        .append("</p>");
                l.note().ifPresent(n -> body.append("<p class=\"note\">")
                        .append(escape(noteLine(n))).append("</p>"));
                body.append("</li>\n");
            } else {
                Timeline.Event e = (Timeline.Event) item;
                body.append("<li class=\"event\"><span class=\"meta\">")
                        .append(escape(PRINTED.format(e.at()))).append("</span> ")
                        .append(escape(e.kind())).append(" · ")
                        .append(escape(e.event().actor()));
                e.event().details().forEach((k, v) -> body.append(" · ").append(escape(k))
                        .append(": ").append(escape(k.equals("text") ? transcripts.masked(v)
                                : v)));
                body.append("</li>\n");
            }
        }
        Map<String, String> c = conversationText(t, summary);
        String page = WebResources.text("qa-print.html");
        for (Map.Entry<String, String> e : c.entrySet()) {
            page = page.replace("<!--" + e.getKey() + "-->", escape(e.getValue()));
        }
        return page.replace("<!--TIMELINE-->", body.toString());
    }

    private static String who(Timeline.Line l) {
        return l.agentId().map(id -> l.from() + " " + id).orElse(l.from());
    }

    private static String noteLine(org.parley.conversation.TurnNote n) {
        StringBuilder s = new StringBuilder("bot read: ");
        s.append(n.reading().intent().orElse("no intent"));
        n.reading().confidence().ifPresent(c -> s.append(String.format(java.util.Locale.ROOT,
                " (%.2f)", c)));
        n.reading().outcome().ifPresent(o -> s.append(" · outcome ").append(o));
        if (!n.reading().entities().isEmpty()) {
            s.append(" · entities ").append(String.join(", ", n.reading().entities()));
        }
        s.append(" · ").append(n.flow()).append('.').append(n.step());
        s.append(" · ").append(n.language());
        s.append(n.verified() ? " · verified" : " · not verified");
        if (!n.understood()) {
            s.append(" · not understood");
        }
        return s.toString();
    }

    private Map<String, Object> conversation(Timeline t, QaSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.conversation().id());
        m.put("clientId", t.conversation().clientId());
        m.put("channel", t.conversation().channel());
        m.put("address", t.conversation().address().isEmpty() ? ""
                : Redactor.placeholder(Transcripts.addressKind(t)));
        m.put("language", s.language());
        m.put("startedAt", s.startedAt());
        m.put("lastAt", s.lastAt());
        m.put("handed", s.handed());
        m.put("agents", s.agents());
        m.put("flows", s.flows());
        m.put("outcomes", s.outcomes());
        m.put("flags", s.flags().stream().map(Qa::flag).toList());
        s.score().ifPresent(score -> m.put("score", score));
        m.put("criticalFailed", s.criticalFailed());
        return m;
    }

    private static Map<String, String> conversationText(Timeline t, QaSummary s) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("ID", t.conversation().id());
        m.put("CLIENT", t.conversation().clientId());
        m.put("CHANNEL", t.conversation().channel());
        m.put("LANGUAGE", s.language());
        m.put("STARTED", PRINTED.format(s.startedAt()));
        m.put("OUTCOMES", s.outcomes().isEmpty() ? "none" : String.join(", ", s.outcomes()));
        m.put("FLAGS", s.flagCodes().isEmpty() ? "none" : String.join(", ", s.flagCodes()));
        m.put("SCORE", s.score().map(x -> x + (s.criticalFailed() ? " (critical item failed)"
                : "")).orElse("not reviewed"));
        return m;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }
}
