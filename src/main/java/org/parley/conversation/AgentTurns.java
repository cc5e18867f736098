package org.parley.conversation;

import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.CardNumbers;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.DialogState;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What people do to a conversation beside the bot: mark it for a person, write to the patient
 * while they hold it, and hand it back to the bot at a step of a flow.
 */
final class AgentTurns {

    private final ConversationStore store;
    private final ClientStore clients;
    private final DialogEngine engine;
    private final Clock clock;
    private final ConversationWrites writes;
    private final BotMessages messages;
    private final LiveChats chats;
    private final Supplier<Handover> handover;

    AgentTurns(ConversationStore store, ClientStore clients, DialogEngine engine, Clock clock,
               ConversationWrites writes, BotMessages messages, LiveChats chats,
               Supplier<Handover> handover) {
        this.store = store;
        this.clients = clients;
        this.engine = engine;
        this.clock = clock;
        this.writes = writes;
        this.messages = messages;
        this.chats = chats;
        this.handover = handover;
    }

    /** See {@link ConversationService#needsPerson(String, String)}. */
    void needsPerson(String conversationId, String reason) {
        Conversation marked = writes.locked(conversationId, Optional::empty, () -> {
            Conversation c = writes.require(conversationId);
            if (c.dialog().needsAgent()) {
                return c;
            }
            return writes.advance(c, c.dialog().needingAgent(reason), c.nextSeq(),
                    clock.instant());
        });
        handover.get().queue(marked, marked.dialog().agentReason().orElse(reason), false);
    }

    /** See {@link ConversationService#agentSays(String, String, String, String)}. */
    Message agentSays(String conversationId, String agentId, String messageId, String text) {
        String dedupe = "agent:" + agentId + ":" + messageId;
        // A retry is answered with the message as stored, and not pushed again.
        Optional<Message> seen = store.findByDedupe(conversationId, dedupe);
        if (seen.isPresent()) {
            return seen.get();
        }
        Message said = writes.locked(conversationId, () -> store.findByDedupe(conversationId,
                dedupe), () -> agentSaysOnce(conversationId, agentId, dedupe, text));
        chats.push(conversationId, List.of(said));
        return said;
    }

    private Message agentSaysOnce(String conversationId, String agentId, String dedupe,
                                  String text) {
        Conversation c = writes.require(conversationId);
        Instant now = clock.instant();
        long seq = writes.nextSeq(c);
        Message said = new Message(conversationId, seq, "agent", CardNumbers.mask(text).text(),
                List.of(), Optional.empty(), Optional.empty(), now);
        store.insert(List.of(said), List.of(dedupe), c.channel(), c.address());
        store.attribute(conversationId, seq, agentId);
        writes.advance(c, c.dialog(), seq + 1, now);
        return said;
    }

    /** See {@link ConversationService#handBack(String, String, String, boolean)}. */
    List<Message> handBack(String conversationId, String id, String target, boolean speak) {
        String dedupe = "handback:" + id;
        List<Message> out = writes.once(conversationId, dedupe, m -> List.of(),
                () -> handBackOnce(conversationId, dedupe, target, speak));
        chats.push(conversationId, out);
        return out;
    }

    private List<Message> handBackOnce(String conversationId, String dedupe, String target,
                                       boolean speak) {
        Conversation c = writes.require(conversationId);
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        int dot = target.indexOf('.');
        DialogState back = speak || dot < 0
                ? c.dialog().handedBack(c.dialog().flow(), c.dialog().step())
                : c.dialog().handedBack(target.substring(0, dot), target.substring(dot + 1));
        List<Message> out = List.of();
        if (speak) {
            DialogEngine.Result result = engine.resumeAt(BotMessages.context(client,
                    conversationId, c.channel(), c.address()), back, target);
            back = result.state();
            long seq = writes.nextSeq(c);
            out = messages.render(client, conversationId, c.channel(), back.language(),
                    result.replies(), seq, now);
            List<String> keys = new ArrayList<>(BotMessages.dedupeKeys(out));
            if (!keys.isEmpty()) {
                keys.set(0, dedupe);
            }
            store.insert(out, keys, c.channel(), c.address());
        }
        long nextSeq = out.isEmpty() ? c.nextSeq() : out.get(out.size() - 1).seq() + 1;
        writes.advance(c, back, nextSeq, now);
        return out;
    }
}
