package org.parley.handoff;

import org.parley.qa.EventSource;
import org.parley.qa.QaEvent;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The handoff events as the QA console reads them: claims, transfers (to an agent or a queue,
 * and back to the queue when a console went silent), returns to the bot and closes with their
 * disposition, and agents' notes (by id), each by {@code agent:<staff id>}. The handoff itself
 * QA reads from the bot's own turn notes, so the queueing is left out here.
 */
final class HandoffQaEvents implements EventSource {

    private final HandoffEvents events;

    HandoffQaEvents(HandoffEvents events) {
        this.events = events;
    }

    @Override
    public Map<String, List<QaEvent>> events(Collection<String> conversationIds) {
        Map<String, List<QaEvent>> found = new LinkedHashMap<>();
        events.of(conversationIds).forEach((id, list) -> found.put(id, list.stream()
                .filter(e -> e.type() != HandoffEvents.Type.QUEUED)
                .map(HandoffQaEvents::event).toList()));
        return found;
    }

    private static QaEvent event(HandoffEvents.Event e) {
        Map<String, String> details = new LinkedHashMap<>();
        e.details().forEach((k, v) -> details.put(k, String.valueOf(v)));
        String actor = e.agentId().map(id -> "agent:" + id).orElse("bot");
        String kind = switch (e.type()) {
            case QUEUED -> "queued";
            case CLAIMED -> QaEvent.CLAIM;
            case TRANSFERRED -> QaEvent.TRANSFER;
            case REQUEUED -> {
                // The agent's console went silent: the conversation waits in the queue again.
                details.put("toQueue", "heartbeat");
                actor = "system";
                yield QaEvent.TRANSFER;
            }
            case RETURNED -> {
                details.put("disposition", "returned_to_bot");
                yield QaEvent.CLOSE;
            }
            case CLOSED -> QaEvent.CLOSE;
            case NOTE -> {
                // QA's events carry ids, never words: the note's text stays in handoff_events.
                details.clear();
                details.put("noteId", e.id());
                yield QaEvent.AGENT_NOTE;
            }
        };
        details.remove("agentName");
        return new QaEvent(kind, e.at(), actor, details);
    }
}
