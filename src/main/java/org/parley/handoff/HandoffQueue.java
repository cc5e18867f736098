package org.parley.handoff;

import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.conversation.Conversation;
import org.parley.conversation.Handover;
import org.parley.conversation.Message;
import org.parley.dialog.Reply;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts conversations that need a person in the queue, once each, and says what the patient
 * waits for: roughly how long, from the conversations ahead in the same client's queue for the
 * same language, or, outside the client's hours, when people answer again.
 */
public final class HandoffQueue implements Handover {

    /** The reasons answered first, most urgent first; any other reason comes after them. */
    private static final Map<String, Integer> PRIORITY = Map.of(
            "distress", 3, "opt_out_request", 2, "opted_out_inbound", 2);

    private final HandoffStore store;
    private final HandoffEvents events;
    private final HandoffSettings settings;
    private final ClientStore clients;
    private final AgentFeed feed;
    private final Clock clock;

    public HandoffQueue(HandoffStore store, HandoffEvents events, HandoffSettings settings,
                        ClientStore clients, AgentFeed feed, Clock clock) {
        this.store = store;
        this.events = events;
        this.settings = settings;
        this.clients = clients;
        this.feed = feed;
        this.clock = clock;
    }

    /** How urgent a handoff for {@code reason} is: higher goes first. */
    public static int priority(String reason) {
        return PRIORITY.getOrDefault(reason, 1);
    }

    @Override
    public List<Reply> queue(Conversation conversation, String reason, boolean tell) {
        Instant now = clock.instant();
        Optional<Handoff> queued = store.queue(conversation.id(), conversation.clientId(),
                conversation.channel(), conversation.dialog().language(), priority(reason),
                reason, now);
        queued.ifPresent(h -> {
            events.record(h.conversationId(), h.clientId(), HandoffEvents.Type.QUEUED,
                    Optional.empty(), Map.of("reason", reason, "priority", h.priority(),
                            "round", h.round(), "language", h.language(),
                            "channel", h.channel()), now);
            feed.publish(AgentFeed.Kind.QUEUE, h.conversationId(), 0);
        });
        if (!tell) {
            return List.of();
        }
        Handoff handoff = queued.or(() -> store.find(conversation.id())).orElseThrow();
        return waitReplies(handoff, conversation.dialog().language(), now);
    }

    @Override
    public void held(Conversation conversation, Message message) {
        // A conversation marked for a person with no open handoff (marked before handoffs
        // existed, or closed by a writer that died before handing it back) is queued now.
        if (store.find(conversation.id()).filter(Handoff::open).isEmpty()) {
            queue(conversation, conversation.dialog().agentReason().orElse("patient_request"),
                    false);
        }
        feed.publish(AgentFeed.Kind.MESSAGE, conversation.id(), message.seq());
    }

    /** What a patient waiting in the queue is told, in {@code language}. */
    List<Reply> waitReplies(Handoff handoff, String language, Instant now) {
        Client client = clients.require(handoff.clientId());
        HandoffRules rules = settings.rules(client.id());
        List<Reply> replies = new ArrayList<>();
        Optional<ZonedDateTime> opens = rules.hours().nextOpening(now, client.timeZone());
        if (opens.isPresent() && opens.get().toInstant().isAfter(now)) {
            replies.add(new Reply("handoff.closed", Map.of("opens", opens.get()), List.of()));
        } else {
            long ahead = store.ahead(handoff);
            long minutes = (ahead + 1) * rules.minutesPerConversation();
            replies.add(new Reply("handoff.wait", Map.of("minutes", minutes), List.of()));
        }
        Optional.ofNullable(rules.waitMessages().get(language)).ifPresent(text ->
                replies.add(new Reply("handoff.client_message", Map.of("text", text),
                        List.of())));
        return replies;
    }
}
