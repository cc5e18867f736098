package org.parley.qa;

import org.parley.NotFoundException;
import org.parley.conversation.TurnNote;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A timeline as the QA console shows and exports it, with the same masking everywhere: what a
 * patient or an agent typed is cut into plain text and masked details (a date of birth, a phone
 * number, an address), each with a reference that {@link #reveal} answers; the patient's own
 * phone number or email address is masked the same way. Card numbers were masked before they
 * were stored and stay so.
 */
final class Transcripts {

    /** The reference of the conversation's own address (the patient's phone or email). */
    static final String ADDRESS_REF = "address";
    /** The token of a payment link: whoever has it can open the payment page. */
    private static final java.util.regex.Pattern PAY_LINK = java.util.regex.Pattern.compile(
            "(/pay/)[A-Za-z0-9._~%+=-]+");

    private final Redactor redactor;

    Transcripts(Redactor redactor) {
        this.redactor = redactor;
    }

    /** A piece of a message: plain text, or a masked detail with its reference. */
    record Segment(String text, String masked, String ref) {

        static Segment plain(String text) {
            return new Segment(text, null, null);
        }
    }

    /**
     * The message's text in segments. Bot messages have no personal details to mask, but the
     * secret part of a payment link, which would still open the payment page, is hidden in
     * every message: {@code /pay/[link]}.
     */
    List<Segment> segments(Timeline t, Timeline.Line line) {
        if (line.from().equals(Timeline.BOT)) {
            return List.of(Segment.plain(withoutLinks(line.text())));
        }
        List<Segment> out = new ArrayList<>();
        int at = 0;
        int index = 0;
        for (Redactor.Span s : redactor.find(line.text(), zipRead(t, line))) {
            if (s.start() > at) {
                out.add(Segment.plain(withoutLinks(line.text().substring(at, s.start()))));
            }
            out.add(new Segment(null, s.kind(), line.seq() + ":" + index++));
            at = s.end();
        }
        if (at < line.text().length()) {
            out.add(Segment.plain(withoutLinks(line.text().substring(at))));
        }
        return out;
    }

    /** {@code text} with the token of each payment link replaced by {@code [link]}. */
    static String withoutLinks(String text) {
        return PAY_LINK.matcher(text).replaceAll("$1[link]");
    }

    /** The message's text with each masked detail replaced by its placeholder. */
    String maskedText(Timeline t, Timeline.Line line) {
        StringBuilder text = new StringBuilder();
        for (Segment s : segments(t, line)) {
            text.append(s.text() != null ? s.text() : Redactor.placeholder(s.masked()));
        }
        return text.toString();
    }

    /** The kind of detail {@code ref} names, for the audit. */
    String kind(Timeline t, String ref) {
        return find(t, ref).masked();
    }

    /**
     * The original text behind a masked reference.
     *
     * @throws NotFoundException when {@code ref} names nothing masked in this conversation
     */
    String reveal(Timeline t, String ref) {
        if (ref.equals(ADDRESS_REF) && !t.conversation().address().isEmpty()) {
            return t.conversation().address();
        }
        Redactor.Span span = spans(t, ref);
        Timeline.Line line = line(t, ref);
        return line.text().substring(span.start(), span.end());
    }

    /** The patient's address, masked: its kind. */
    static String addressKind(Timeline t) {
        return t.conversation().channel().equals("email") ? Redactor.EMAIL : Redactor.PHONE;
    }

    /** Every item as the console's JSON: messages with segments and notes, and events. */
    List<Map<String, Object>> items(Timeline t) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Timeline.Item item : t.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (item instanceof Timeline.Line l) {
                m.put("type", "message");
                m.put("seq", l.seq());
                m.put("from", l.from());
                l.agentId().ifPresent(id -> m.put("agentId", id));
                m.put("at", l.at());
                m.put("segments", segments(t, l).stream().map(Transcripts::segment).toList());
                if (!l.keys().isEmpty()) {
                    m.put("keys", l.keys());
                }
                l.delivery().ifPresent(d -> m.put("delivery", d));
                l.note().ifPresent(n -> m.put("note", note(n)));
            } else {
                m.putAll(event((Timeline.Event) item));
            }
            out.add(m);
        }
        return out;
    }

    /**
     * An event as the console and the exports show it; an agent's note has its dates of
     * birth, phone numbers and addresses masked, with no reveal.
     */
    Map<String, Object> event(Timeline.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "event");
        m.put("kind", e.kind());
        m.put("afterSeq", e.seq());
        m.put("at", e.at());
        m.put("actor", e.event().actor());
        Map<String, String> details = new LinkedHashMap<>(e.event().details());
        details.computeIfPresent("text", (k, text) -> masked(text));
        m.put("details", details);
        return m;
    }

    /** {@code text} with each detail found replaced by its placeholder. */
    String masked(String text) {
        return withoutLinks(redactor.masked(text, false));
    }

    static Map<String, Object> note(TurnNote n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", n.language());
        n.reading().intent().ifPresent(i -> m.put("intent", i));
        n.reading().confidence().ifPresent(c -> m.put("confidence",
                Math.round(c * 100) / 100.0));
        n.reading().outcome().ifPresent(o -> m.put("outcome", o));
        m.put("flow", n.flow());
        m.put("step", n.step());
        m.put("steps", n.reading().steps());
        m.put("entities", n.reading().entities());
        m.put("understood", n.understood());
        m.put("verified", n.verified());
        m.put("needsAgent", n.needsAgent());
        n.gate().ifPresent(g -> m.put("gate", g));
        if (n.cardMasked()) {
            m.put("cardMasked", true);
        }
        return m;
    }

    private static Map<String, Object> segment(Segment s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.text() != null) {
            m.put("text", s.text());
        } else {
            m.put("masked", s.masked());
            m.put("ref", s.ref());
        }
        return m;
    }

    /** Whether the bot read a ZIP code from this patient message (the next note says so). */
    private static boolean zipRead(Timeline t, Timeline.Line patient) {
        if (!patient.from().equals(Timeline.PATIENT)) {
            return false;
        }
        for (Timeline.Line l : t.lines()) {
            if (l.seq() > patient.seq() && l.note().isPresent()) {
                return l.note().get().reading().entities().contains("zip");
            }
        }
        return false;
    }

    private Segment find(Timeline t, String ref) {
        if (ref.equals(ADDRESS_REF)) {
            return new Segment(null, addressKind(t), ref);
        }
        Timeline.Line line = line(t, ref);
        return segments(t, line).stream().filter(s -> ref.equals(s.ref())).findFirst()
                .orElseThrow(() -> unknown(t, ref));
    }

    private Redactor.Span spans(Timeline t, String ref) {
        Timeline.Line line = line(t, ref);
        int index = Integer.parseInt(ref.substring(ref.indexOf(':') + 1));
        List<Redactor.Span> spans = redactor.find(line.text(), zipRead(t, line));
        if (line.from().equals(Timeline.BOT) || index >= spans.size()) {
            throw unknown(t, ref);
        }
        return spans.get(index);
    }

    private Timeline.Line line(Timeline t, String ref) {
        Map<Long, Timeline.Line> bySeq = new HashMap<>();
        t.lines().forEach(l -> bySeq.put(l.seq(), l));
        try {
            int colon = ref.indexOf(':');
            long seq = Long.parseLong(ref.substring(0, colon));
            Integer.parseInt(ref.substring(colon + 1));
            return Optional.ofNullable(bySeq.get(seq)).orElseThrow(() -> unknown(t, ref));
        } catch (RuntimeException e) {
            if (e instanceof NotFoundException nf) {
                throw nf;
            }
            throw unknown(t, ref);
        }
    }

    private NotFoundException unknown(Timeline t, String ref) {
        List<String> refs = new ArrayList<>();
        for (Timeline.Line l : t.lines()) {
            if (!l.from().equals(Timeline.BOT)) {
                segments(t, l).stream().map(Segment::ref).filter(r -> r != null)
                        .forEach(refs::add);
            }
        }
        if (!t.conversation().address().isEmpty()) {
            refs.add(ADDRESS_REF);
        }
        return new NotFoundException("unknown_masked_detail", "Conversation "
                + t.conversation().id() + " has no masked detail '" + ref + "'; "
                + (refs.isEmpty() ? "nothing in it is masked"
                : "use a 'ref' from its transcript: " + String.join(", ", refs)));
    }
}
