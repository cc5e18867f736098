package org.parley.qa;

import org.parley.conversation.Conversation;
import org.parley.conversation.TurnNote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Works out a conversation's summary (outcomes, flags, agents, ...) from its timeline. */
final class Summarizer {

    /** Steps that mean the patient asked for financial assistance. */
    private static final Set<String> ASSISTANCE_STEPS = Set.of("financial-assistance.hand-over",
            "assistance-apply.open");

    private Summarizer() {
    }

    /**
     * @param review the score of its review, if it has one
     * @param now    to tell whether it has ended
     */
    static QaSummary summarize(Timeline t, QaSettings settings, Optional<Review.Score> review,
                               Instant now) {
        Conversation c = t.conversation();
        Set<String> languages = new LinkedHashSet<>();
        Set<String> flows = new LinkedHashSet<>();
        Set<String> intents = new LinkedHashSet<>();
        Set<String> agents = new LinkedHashSet<>();
        Set<String> outcomes = new LinkedHashSet<>();
        boolean handed = c.dialog().needsAgent();
        boolean closed = false;
        boolean optedOut = false;

        for (Timeline.Item item : t.items()) {
            if (item instanceof Timeline.Line l) {
                l.agentId().ifPresent(agents::add);
                // A message after a close, either way, means the conversation goes on.
                closed = false;
                handed |= l.from().equals(Timeline.AGENT);
                l.note().ifPresent(n -> read(n, flows, intents, outcomes));
                l.note().ifPresent(n -> languages.add(n.language()));
                optedOut &= !QaSummary.optedBackIn(l);
                continue;
            }
            QaEvent e = ((Timeline.Event) item).event();
            e.agentId().ifPresent(agents::add);
            switch (e.kind()) {
                case QaEvent.PAYMENT -> outcomes.add(QaSummary.PAID);
                case QaEvent.PLAN_CREATED -> outcomes.add(QaSummary.PLAN_CREATED);
                case QaEvent.OPT_OUT -> optedOut = true;
                case QaEvent.OPT_IN -> optedOut = false;
                case QaEvent.HANDOFF, QaEvent.CLAIM, QaEvent.TRANSFER, QaEvent.REQUEUED ->
                        handed = true;
                case QaEvent.CLOSE -> closed = true;
                default -> {
                    // Other events say what happened but lead to no outcome of their own.
                }
            }
        }

        if (optedOut) {
            outcomes.add(QaSummary.OPTED_OUT);
        }
        Instant lastAt = t.lastAt();
        boolean ended = closed || !Duration.between(lastAt, now).minus(settings.endedAfter())
                .isNegative();
        List<String> reached = QaSummary.OUTCOMES.stream().filter(outcomes::contains).toList();
        List<Flags.Flag> flags = Flags.of(t, settings, Set.copyOf(reached), ended, now);
        List<String> all = new ArrayList<>(reached);
        if (ended && reached.isEmpty() && !handed) {
            all.add(QaSummary.ABANDONED);
        }
        return new QaSummary(c.id(), c.clientId(), c.channel(), c.dialog().language(),
                List.copyOf(languages), c.createdAt(), lastAt, c.version(), t.lines().size(),
                List.copyOf(flows),
                List.copyOf(intents), handed, List.copyOf(agents), all, flags, ended,
                review.map(Review.Score::percent), review.map(Review.Score::criticalFailed)
                        .orElse(false));
    }

    private static void read(TurnNote note, Set<String> flows, Set<String> intents,
                             Set<String> outcomes) {
        for (String step : note.reading().steps()) {
            flows.add(step.substring(0, step.indexOf('.')));
            if (ASSISTANCE_STEPS.contains(step)) {
                outcomes.add(QaSummary.ASSISTANCE_REQUESTED);
            }
        }
        note.reading().intent().ifPresent(intents::add);
    }
}
