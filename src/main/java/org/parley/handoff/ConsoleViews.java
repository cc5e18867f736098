package org.parley.handoff;

import org.parley.client.ClientStore;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.staff.Role;
import org.parley.staff.StaffMember;
import org.parley.web.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What each agent console connected here is shown: its queue (the handoffs and tasks it may
 * take), the conversations its agent holds with their context, and each new message in them,
 * each sent once. The {@link AgentDesk} calls it whenever the store or the feed changed.
 */
final class ConsoleViews {

    private final HandoffStore store;
    private final ClientStore clients;
    private final AgentTasks tasks;
    private final AgentContext contexts;
    private final ConversationService conversations;
    private final Clock clock;

    ConsoleViews(HandoffStore store, ClientStore clients, AgentTasks tasks, AgentContext contexts,
                 ConversationService conversations, Clock clock) {
        this.store = store;
        this.clients = clients;
        this.tasks = tasks;
        this.contexts = contexts;
        this.conversations = conversations;
        this.clock = clock;
    }

    /** An agent serves their clients in their languages; a supervisor, their clients in all. */
    static boolean mayServe(StaffMember me, Handoff h) {
        if (!me.clients().contains(h.clientId())) {
            return false;
        }
        return me.hasAny(Role.SUPERVISOR) || me.languages().stream()
                .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                .anyMatch(h.language()::equals);
    }

    /** Sends the console its queue when it changed since the last one sent. */
    void queue(AgentSocket socket, boolean always) {
        StaffMember me = socket.member();
        Instant now = clock.instant();
        List<Map<String, Object>> items = store.queued(me.clients()).stream()
                .filter(h -> mayServe(me, h))
                .map(h -> {
                    Map<String, Object> item = AgentContext.handoff(h);
                    item.put("clientName", clients.find(h.clientId()).map(c -> c.name())
                            .orElse(h.clientId()));
                    return item;
                }).toList();
        List<Map<String, Object>> open = me.clients().stream()
                .flatMap(client -> tasks.list(client, "open").stream())
                .map(t -> Map.<String, Object>of("clientId", t.clientId(), "key", t.key(),
                        "kind", t.kind(), "accountNumber", t.accountNumber(),
                        "conversation", t.conversationId().isPresent(),
                        "createdAt", t.createdAt().toString(), "details", t.details()))
                .toList();
        String shape = Json.write(List.of(items, open));
        if (!always && shape.equals(socket.lastQueue)) {
            return;
        }
        socket.lastQueue = shape;
        socket.send(Map.of("type", "queue", "now", now.toString(), "tasks", open,
                "items", items.stream()
                .map(item -> {
                    Map<String, Object> shown = new LinkedHashMap<>(item);
                    shown.put("waitingSeconds", Duration.between(
                            Instant.parse((String) item.get("queuedAt")), now).toSeconds());
                    return shown;
                }).toList()));
    }

    /** Shows the console what its agent holds now, and takes away what they no longer hold. */
    synchronized void syncHeld(AgentSocket socket) {
        List<Handoff> held = store.assignedTo(socket.member().id());
        Set<String> ids = new HashSet<>();
        for (Handoff h : held) {
            ids.add(h.conversationId());
            if (socket.shown.containsKey(h.conversationId())) {
                newMessages(socket, h.conversationId());
            } else {
                show(socket, h);
            }
        }
        for (String id : Set.copyOf(socket.shown.keySet())) {
            if (!ids.contains(id)) {
                socket.shown.remove(id);
                socket.send(Map.of("type", "released", "conversationId", id));
            }
        }
    }

    synchronized void show(AgentSocket socket, Handoff h) {
        if (socket.shown.containsKey(h.conversationId())) {
            // A refresh showed the claim a moment before: one context (one audited view) each.
            newMessages(socket, h.conversationId());
            return;
        }
        Map<String, Object> context = contexts.of(h, socket.member().id());
        socket.shown.put(h.conversationId(), (Long) context.get("lastSeq"));
        socket.send(context);
    }

    /** Shows the context again: an agent who asks for a conversation they hold expects it. */
    synchronized void showAgain(AgentSocket socket, Handoff h) {
        socket.shown.remove(h.conversationId());
        show(socket, h);
    }

    void newMessages(AgentSocket socket, String conversationId) {
        synchronized (socket) {
            long after = socket.shown.getOrDefault(conversationId, 0L);
            for (Message m : conversations.messagesAfter(conversationId, after)) {
                Map<String, Object> frame = new LinkedHashMap<>(AgentContext.message(m));
                frame.put("type", "message");
                frame.put("conversationId", conversationId);
                socket.send(frame);
                socket.shown.put(conversationId, m.seq());
            }
        }
    }
}
