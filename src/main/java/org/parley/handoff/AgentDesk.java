package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.BadInputException;
import org.parley.client.ClientStore;
import org.parley.compliance.CardNumbers;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.dialog.Reply;
import org.parley.staff.StaffMember;
import org.parley.staff.StaffService;
import org.parley.web.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The agents' side of handoffs on this instance: the consoles connected here, what each may see
 * (its clients' queues in its languages, the conversations it holds), and what agents do:
 * claim, reply on the patient's channel, note, transfer, hand back to the bot, close. Every
 * change goes to the store first, then to the {@link AgentFeed}, which tells the consoles on
 * every instance. A console that stops beating loses its conversations back to the queue.
 */
public final class AgentDesk implements AutoCloseable {

    /** How often a console says it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(15);
    /** A console silent this long is gone: its conversations go back to the queue. */
    public static final Duration SILENCE_LIMIT = Duration.ofSeconds(45);
    /** How an agent may close a conversation, for QA and reports. */
    public static final List<String> DISPOSITIONS = List.of("resolved", "payment_arranged",
            "plan_arranged", "assistance_referred", "callback_requested", "no_response",
            "wrong_person", "other");
    static final int MAX_TEXT = 2000;

    private static final System.Logger LOG = System.getLogger(AgentDesk.class.getName());
    private static final Duration REFRESH = Duration.ofSeconds(2);

    private final HandoffStore store;
    private final HandoffEvents events;
    private final AgentFeed feed;
    private final ConversationService conversations;
    private final StaffService staff;
    private final ConsoleViews views;
    private final AgentRoster roster;
    private final AgentContext contexts;
    private final AgentTasks tasks;
    private final AgentPresence presence;
    private final Map<String, String> returnTargets;
    private final Set<String> languages;
    private final Clock clock;
    private final Set<AgentSocket> sockets = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService refresher;
    private final AutoCloseable subscription;

    /**
     * @param returnTargets where an agent may hand a conversation back to the bot: a target as
     *                      the flows name it ({@code main.again}, {@code @check-balance}) to
     *                      the label the console shows
     */
    AgentDesk(HandoffStore store, HandoffEvents events, AgentFeed feed,
              ConversationService conversations, ClientStore clients, StaffService staff,
              AgentContext contexts, AgentTasks tasks, AgentPresence presence,
              Map<String, String> returnTargets, Set<String> languages, Clock clock) {
        this.store = store;
        this.events = events;
        this.feed = feed;
        this.conversations = conversations;
        this.staff = staff;
        this.tasks = tasks;
        this.presence = presence;
        this.returnTargets = java.util.Collections.unmodifiableMap(
                new LinkedHashMap<>(returnTargets));
        this.languages = Set.copyOf(languages);
        this.clock = clock;
        this.contexts = contexts;
        this.roster = new AgentRoster(staff, presence, clock);
        this.views = new ConsoleViews(store, clients, tasks, contexts, conversations, clock);
        this.subscription = feed.subscribe(this::heard);
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "parley-agent-desk");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        staff.watch(this::staffChanged);
    }

    // ---- connections -------------------------------------------------------------------------

    void connected(AgentSocket socket) {
        StaffMember me = socket.member();
        sockets.add(socket);
        Instant now = clock.instant();
        socket.beat(now);
        store.seen(me.id(), now);
        presence.seen(me.id(), socket.id, now);
        socket.send(hello(me));
        socket.lastAgents = Json.write(roster.agents(me));
        views.queue(socket, true);
        views.syncHeld(socket);
        feed.publish(AgentFeed.Kind.STAFF, me.id(), 0);
    }

    void disconnected(AgentSocket socket) {
        // The conversations stay with the agent until their console is silent too long: a
        // reload or a short network drop must not hand them to someone else.
        if (sockets.remove(socket)) {
            presence.left(socket.member().id(), socket.id);
            feed.publish(AgentFeed.Kind.STAFF, socket.member().id(), 0);
        }
    }

    private Map<String, Object> hello(StaffMember me) {
        Map<String, Object> hello = new LinkedHashMap<>();
        hello.put("type", "hello");
        hello.put("agent", Map.of("id", me.id(), "name", me.displayName(),
                "roles", me.roleIds(), "languages", me.languages(), "clients", me.clients()));
        hello.put("heartbeatSeconds", HEARTBEAT.toSeconds());
        hello.put("dispositions", DISPOSITIONS);
        hello.put("queues", new java.util.TreeSet<>(languages));
        hello.put("returnTargets", returnTargets.entrySet().stream()
                .map(e -> Map.of("value", e.getKey(), "label", e.getValue())).toList());
        hello.put("agents", roster.agents(me));
        return hello;
    }

    // ---- frames from consoles ----------------------------------------------------------------

    void handle(AgentSocket socket, JsonNode frame) {
        StaffMember me = socket.member();
        switch (frame.get("type").asText()) {
            case "heartbeat" -> heartbeat(socket);
            case "claim" -> claim(socket, me, AgentSocket.text(frame, "conversationId", 100));
            case "claim-task" -> claimTask(socket, me, AgentSocket.text(frame, "clientId", 100),
                    AgentSocket.text(frame, "key", 200));
            case "reply" -> reply(me, frame);
            case "note" -> note(me, AgentSocket.text(frame, "conversationId", 100),
                    AgentSocket.text(frame, "text", MAX_TEXT));
            case "typing" -> {
                String id = AgentSocket.text(frame, "conversationId", 100);
                held(me, id);
                feed.publish(AgentFeed.Kind.TYPING, id, 0);
            }
            case "transfer" -> transfer(me, frame);
            case "return" -> handBack(me, AgentSocket.text(frame, "conversationId", 100),
                    AgentSocket.text(frame, "flow", 100));
            case "close" -> close(me, AgentSocket.text(frame, "conversationId", 100),
                    AgentSocket.text(frame, "disposition", 40));
            default -> throw new BadInputException("unknown_type", "Unknown frame type '"
                    + frame.get("type").asText() + "'; use heartbeat, claim, reply, note, "
                    + "claim-task, typing, transfer, return or close");
        }
    }

    private void heartbeat(AgentSocket socket) {
        Instant now = clock.instant();
        socket.beat(now);
        store.seen(socket.member().id(), now);
        presence.seen(socket.member().id(), socket.id, now);
        socket.send(Map.of("type", "heartbeat", "at", now.toString()));
    }

    private void claim(AgentSocket socket, StaffMember me, String conversationId) {
        Handoff queued = store.find(conversationId).orElseThrow(() -> new HandoffRefused(
                "unknown_handoff", "No conversation " + conversationId + " was handed to "
                        + "people; pick one from the queue"));
        if (!ConsoleViews.mayServe(me, queued)) {
            throw new HandoffRefused("not_your_queue", "Conversation " + conversationId
                    + " is in the " + queued.clientId() + " queue for language '"
                    + queued.language() + "', which you do not serve; ask a supervisor to "
                    + "transfer it to you");
        }
        if (holds(me, queued)) {
            // A second tab, or a click on a stale queue: the agent has it already.
            views.showAgain(socket, queued);
            return;
        }
        Optional<Handoff> claimed = store.claim(conversationId, me.id(), clock.instant());
        if (claimed.isEmpty()) {
            Optional<Handoff> now = store.find(conversationId).filter(h -> holds(me, h));
            if (now.isPresent()) {
                views.showAgain(socket, now.get());
                return;
            }
            socket.send(Map.of("type", "taken", "conversationId", conversationId,
                    "message", "Another agent has taken this conversation, or it left the "
                            + "queue; pick another one"));
            return;
        }
        events.record(conversationId, queued.clientId(), HandoffEvents.Type.CLAIMED,
                Optional.of(me.id()), Map.of("round", claimed.get().round()), clock.instant());
        feed.publish(AgentFeed.Kind.QUEUE, conversationId, 0);
        views.show(socket, claimed.get());
    }

    /**
     * Takes up a task for a person, such as a missed plan payment. A task about a conversation
     * hands that conversation to the agent (the bot falls silent; the agent writes first);
     * one without is the agent's to do by phone.
     */
    private void claimTask(AgentSocket socket, StaffMember me, String clientId, String key) {
        if (!me.clients().contains(clientId)) {
            throw new HandoffRefused("not_your_queue", "You do not serve client " + clientId
                    + "; ask an administrator to add it to your clients");
        }
        Optional<AgentTasks.Task> task = tasks.claim(clientId, key, me.id());
        if (task.isEmpty()) {
            socket.send(Map.of("type", "taken", "key", key, "message", "Another agent has taken "
                    + "this task, or it is done; pick another one"));
            return;
        }
        feed.publish(AgentFeed.Kind.QUEUE, "", 0);
        if (task.get().conversationId().isEmpty()) {
            socket.send(Map.of("type", "task", "key", key, "clientId", clientId,
                    "accountNumber", task.get().accountNumber(), "kind", task.get().kind(),
                    "details", task.get().details()));
            return;
        }
        String conversationId = task.get().conversationId().get();
        conversations.needsPerson(conversationId, task.get().kind());
        Optional<Handoff> claimed = store.claim(conversationId, me.id(), clock.instant());
        if (claimed.isEmpty()) {
            socket.send(Map.of("type", "taken", "conversationId", conversationId,
                    "message", "Another agent already holds this patient's conversation"));
            return;
        }
        events.record(conversationId, clientId, HandoffEvents.Type.CLAIMED, Optional.of(me.id()),
                Map.of("round", claimed.get().round(), "task", key), clock.instant());
        feed.publish(AgentFeed.Kind.QUEUE, conversationId, 0);
        views.show(socket, claimed.get());
    }

    private void reply(StaffMember me, JsonNode frame) {
        String conversationId = AgentSocket.text(frame, "conversationId", 100);
        String id = AgentSocket.text(frame, "id", 100);
        String text = AgentSocket.text(frame, "text", MAX_TEXT);
        held(me, conversationId);
        conversations.find(conversationId).filter(contexts::optedOut).ifPresent(c -> {
            throw new HandoffRefused("opted_out", "The patient opted out of " + c.channel()
                    + " messages, so nothing was sent; only the patient can opt back in, so "
                    + "reach them another way, such as a phone call");
        });
        Message said = conversations.agentSays(conversationId, me.id(), id, text);
        for (AgentSocket socket : socketsOf(me.id())) {
            socket.send(Map.of("type", "sent", "conversationId", conversationId, "id", id,
                    "seq", said.seq()));
        }
        feed.publish(AgentFeed.Kind.MESSAGE, conversationId, said.seq());
    }

    private void note(StaffMember me, String conversationId, String text) {
        Handoff h = held(me, conversationId);
        Instant now = clock.instant();
        String masked = CardNumbers.mask(text).text();
        events.record(conversationId, h.clientId(), HandoffEvents.Type.NOTE,
                Optional.of(me.id()), Map.of("text", masked, "agentName", me.displayName()),
                now);
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("type", "note");
        note.put("conversationId", conversationId);
        note.put("agentId", me.id());
        note.put("agentName", me.displayName());
        note.put("text", masked);
        note.put("at", now.toString());
        socketsOf(me.id()).forEach(s -> s.send(note));
    }

    private void transfer(StaffMember me, JsonNode frame) {
        String conversationId = AgentSocket.text(frame, "conversationId", 100);
        Handoff h = held(me, conversationId);
        Instant now = clock.instant();
        if (frame.hasNonNull("agentId")) {
            String to = AgentSocket.text(frame, "agentId", 100);
            if (to.equals(me.id())) {
                throw new HandoffRefused("self_transfer", "You already hold conversation "
                        + conversationId + "; pick another agent, or a queue");
            }
            StaffMember target = staff.list().stream().filter(m -> m.id().equals(to))
                    .findFirst().filter(m -> m.active() && m.hasAny(AgentSocket.ROLES)
                            && m.clients().contains(h.clientId()))
                    .orElseThrow(() -> new BadInputException("unknown_agent", "No active agent "
                            + to + " serves " + h.clientId() + "; pick one from the list"));
            if (!ConsoleViews.mayServe(target, h)) {
                throw new HandoffRefused("not_their_queue", target.displayName() + " does not "
                        + "serve the " + h.clientId() + " queue for language '" + h.language()
                        + "'; pick an agent who speaks it, or send it to that queue");
            }
            if (!presence.online(now.minus(SILENCE_LIMIT)).contains(target.id())) {
                throw new HandoffRefused("agent_offline", target.displayName() + " has no "
                        + "console open now; pick an agent who is online, or send it to the "
                        + "queue");
            }
            store.transfer(conversationId, me.id(), target.id(), now).orElseThrow(() ->
                    notHeld(conversationId));
            events.record(conversationId, h.clientId(), HandoffEvents.Type.TRANSFERRED,
                    Optional.of(me.id()), Map.of("toAgentId", target.id()), now);
        } else {
            String language = frame.hasNonNull("queue") ? AgentSocket.text(frame, "queue", 10)
                    : h.language();
            if (!languages.contains(language)) {
                throw new BadInputException("unknown_queue", "There is no queue for language '"
                        + language + "'; use one of " + new java.util.TreeSet<>(languages));
            }
            store.requeue(conversationId, me.id(), language).orElseThrow(() ->
                    notHeld(conversationId));
            events.record(conversationId, h.clientId(), HandoffEvents.Type.TRANSFERRED,
                    Optional.of(me.id()), Map.of("toQueue", language), now);
        }
        feed.publish(AgentFeed.Kind.QUEUE, conversationId, 0);
    }

    /** Hands the conversation back to the bot at {@code target}, which speaks at once. */
    private void handBack(StaffMember me, String conversationId, String target) {
        if (!returnTargets.containsKey(target)) {
            throw new BadInputException("unknown_flow", "The bot cannot resume at '" + target
                    + "'; use one of " + new java.util.TreeSet<>(returnTargets.keySet()));
        }
        Handoff h = held(me, conversationId);
        // The bot takes the conversation before the handoff closes: a patient message in
        // between is answered by the bot, never left waiting for a person who has left.
        List<Message> said = conversations.handBack(conversationId,
                "return:" + h.round(), target, true);
        store.close(conversationId, me.id(), "returned");
        events.record(conversationId, h.clientId(), HandoffEvents.Type.RETURNED,
                Optional.of(me.id()), Map.of("flow", target, "round", h.round()),
                clock.instant());
        if (!said.isEmpty()) {
            feed.publish(AgentFeed.Kind.MESSAGE, conversationId, said.get(0).seq());
        }
        feed.publish(AgentFeed.Kind.QUEUE, conversationId, 0);
    }

    /**
     * Closes the conversation with a disposition. The bot says nothing now; the patient's next
     * message is answered by the bot from the menu, never silently held for this agent.
     */
    private void close(StaffMember me, String conversationId, String disposition) {
        if (!DISPOSITIONS.contains(disposition)) {
            throw new BadInputException("unknown_disposition", "Disposition '" + disposition
                    + "' is not one Parley records; use one of " + DISPOSITIONS);
        }
        Handoff h = held(me, conversationId);
        conversations.handBack(conversationId, "close:" + h.round(), "main.again", false);
        store.close(conversationId, me.id(), disposition);
        events.record(conversationId, h.clientId(), HandoffEvents.Type.CLOSED,
                Optional.of(me.id()), Map.of("disposition", disposition, "round", h.round()),
                clock.instant());
        feed.publish(AgentFeed.Kind.QUEUE, conversationId, 0);
    }

    // ---- what consoles are told --------------------------------------------------------------

    private void heard(AgentFeed.Event event) {
        switch (event.kind()) {
            case MESSAGE -> {
                for (AgentSocket socket : sockets) {
                    if (socket.shown.containsKey(event.conversationId())) {
                        views.newMessages(socket, event.conversationId());
                    }
                }
                // A reply stored by another instance reaches the web chats open here; what this
                // instance stored, it pushed itself.
                if (feed.fromElsewhere(event)) {
                    conversations.deliverStored(event.conversationId(), event.seq() - 1);
                }
            }
            case QUEUE -> sockets.forEach(s -> {
                views.queue(s, false);
                views.syncHeld(s);
            });
            case TYPING -> conversations.typing(event.conversationId());
            case STAFF -> {
                for (AgentSocket socket : socketsOf(event.conversationId())) {
                    socket.allowed(false);
                }
                sockets.forEach(roster::send);
            }
        }
    }

    /**
     * A member was created or changed on this instance. One who may no longer use the console
     * (deactivated, signed out by a new password, without the agent and supervisor roles) gives
     * their conversations back to the queue at once; every instance then closes their consoles.
     */
    private void staffChanged(StaffMember member, boolean signedOut) {
        if (signedOut || !member.active() || !member.hasAny(AgentSocket.ROLES)) {
            Instant now = clock.instant();
            for (Handoff h : store.assignedTo(member.id())) {
                giveBack(h, member.id(), "access_ended", now);
            }
        }
        feed.publish(AgentFeed.Kind.STAFF, member.id(), 0);
    }

    private void refresh() {
        try {
            for (AgentSocket socket : sockets) {
                views.queue(socket, false);
                views.syncHeld(socket);
                roster.send(socket);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Refreshing agent consoles failed", e);
        }
    }

    // ---- heartbeat ---------------------------------------------------------------------------

    /**
     * Gives the conversations of every agent whose console has been silent for
     * {@link #SILENCE_LIMIT} back to the queue, telling each patient once; closes the silent
     * consoles connected here. Run by a lease-held job, so one instance does it at a time.
     */
    public void sweep() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(SILENCE_LIMIT);
        for (AgentSocket socket : Set.copyOf(sockets)) {
            if (socket.lastBeat().isBefore(cutoff)) {
                socket.close(1001, "No heartbeat for " + SILENCE_LIMIT.toSeconds() + " s");
            }
        }
        for (Handoff h : store.silentSince(cutoff)) {
            giveBack(h, h.agentId().orElseThrow(), "heartbeat", now);
        }
    }

    /** Puts a conversation {@code agent} held back in the queue and tells the patient, once. */
    private void giveBack(Handoff h, String agent, String why, Instant now) {
        Optional<Handoff> requeued = store.requeue(h.conversationId(), agent, h.language());
        if (requeued.isEmpty()) {
            return;
        }
        events.record(h.conversationId(), h.clientId(), HandoffEvents.Type.REQUEUED,
                Optional.of(agent), Map.of("why", why, "round", h.round()), now);
        List<Message> told = conversations.notify(h.conversationId(),
                new ConversationService.Notice("requeued:" + requeued.get().version(),
                        List.of(new Reply("handoff.requeued", Map.of(), List.of())),
                        Optional.empty()));
        if (!told.isEmpty()) {
            feed.publish(AgentFeed.Kind.MESSAGE, h.conversationId(), told.get(0).seq());
        }
        feed.publish(AgentFeed.Kind.QUEUE, h.conversationId(), 0);
        LOG.log(System.Logger.Level.INFO, "Conversation " + h.conversationId()
                + " went back to the queue from agent " + agent + ": " + why);
    }

    // ---- rules -------------------------------------------------------------------------------

    /** The handoff {@code me} holds now, or a refusal saying they do not hold it. */
    private Handoff held(StaffMember me, String conversationId) {
        return store.find(conversationId)
                .filter(h -> h.status() == Handoff.Status.ASSIGNED
                        && h.agentId().filter(me.id()::equals).isPresent())
                .orElseThrow(() -> notHeld(conversationId));
    }

    private static boolean holds(StaffMember me, Handoff h) {
        return h.status() == Handoff.Status.ASSIGNED
                && h.agentId().filter(me.id()::equals).isPresent();
    }

    private static HandoffRefused notHeld(String conversationId) {
        return new HandoffRefused("not_held", "You do not hold conversation " + conversationId
                + " (it was returned, closed, transferred or given back to the queue); claim "
                + "it from the queue first");
    }

    private List<AgentSocket> socketsOf(String agentId) {
        return sockets.stream().filter(s -> s.member().id().equals(agentId)).toList();
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "Unsubscribing the desk failed", e);
        }
    }
}
