package org.parley.qa;

import org.parley.conversation.Conversation;
import org.parley.conversation.TurnNote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything that happened in one conversation, in order: its messages by sequence number,
 * and each other event (a verification, an opt-out, a balance disclosed, a plan, a payment, a
 * handoff) right after the message it followed.
 */
record Timeline(Conversation conversation, List<Item> items) {

    Timeline {
        items = List.copyOf(items);
    }

    /** One thing in the timeline. */
    sealed interface Item permits Line, Event {

        /** The message's own seq, or for an event the seq of the message it followed. */
        long seq();

        Instant at();
    }

    /**
     * One message.
     *
     * @param from     {@code patient}, {@code bot} or {@code agent}
     * @param keys     for a bot message, the message keys it was rendered from
     * @param agentId  for an agent's message, who wrote it, when the store says
     * @param note     for the first bot message of a turn, what the bot read and decided
     * @param delivery the delivery status on SMS or email ({@code sent}, {@code suppressed}, ...)
     */
    record Line(long seq, String from, String text, Instant at, List<String> keys,
                Optional<String> agentId, Optional<TurnNote> note, Optional<String> delivery)
            implements Item {

        Line {
            keys = List.copyOf(keys);
        }

        boolean outbound() {
            return !from.equals(PATIENT);
        }
    }

    /** Something that happened beside the messages, after the message {@code seq}. */
    record Event(QaEvent event, long seq) implements Item {

        @Override
        public Instant at() {
            return event.at();
        }

        String kind() {
            return event.kind();
        }
    }

    static final String PATIENT = "patient";
    static final String BOT = "bot";
    static final String AGENT = "agent";

    /**
     * Puts messages and events in one order. An event comes after every message stored before
     * it and after a patient message of the same instant (the turn that message started), but
     * before the answers of that instant: a verification or a disclosure happens inside a turn.
     *
     */
    static Timeline of(Conversation conversation, List<Line> lines, List<QaEvent> events) {
        List<Line> sorted = lines.stream().sorted(Comparator.comparingLong(Line::seq)).toList();
        List<Event> placed = new ArrayList<>();
        for (QaEvent e : events) {
            long after = 0;
            for (Line l : sorted) {
                if (l.at().isBefore(e.at()) || (l.at().equals(e.at()) && !l.outbound())) {
                    after = l.seq();
                }
            }
            placed.add(new Event(e, after));
        }
        placed.sort(Comparator.comparingLong(Event::seq).thenComparing(Event::at));

        List<Item> items = new ArrayList<>();
        int next = 0;
        for (Line l : sorted) {
            while (next < placed.size() && placed.get(next).seq() < l.seq()) {
                items.add(placed.get(next++));
            }
            items.add(l);
        }
        items.addAll(placed.subList(next, placed.size()));
        return new Timeline(conversation, items);
    }

    List<Line> lines() {
        return items.stream().filter(Line.class::isInstance).map(Line.class::cast).toList();
    }

    List<Event> events() {
        return items.stream().filter(Event.class::isInstance).map(Event.class::cast).toList();
    }

    /** The time of the last message, or when the conversation was opened. */
    Instant lastAt() {
        return lines().stream().map(Line::at).max(Comparator.naturalOrder())
                .orElse(conversation.createdAt());
    }
}
