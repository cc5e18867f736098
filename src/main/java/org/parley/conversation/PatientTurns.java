package org.parley.conversation;

import org.parley.NotFoundException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.CardNumbers;
import org.parley.compliance.ComplianceGate;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.DialogState;
import org.parley.dialog.Reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A patient's message in an existing conversation, stored once with card numbers masked: the
 * compliance gate first, then the dialog's answer, or silence while a person has the
 * conversation, with the replies stored before any channel sends them.
 */
final class PatientTurns {

    private final ConversationStore store;
    private final ComplianceGate gate;
    private final ClientStore clients;
    private final DialogEngine engine;
    private final Clock clock;
    private final Map<String, Duration> idleTimeouts;
    private final ConversationWrites writes;
    private final BotMessages messages;
    private final Supplier<Handover> handover;

    PatientTurns(ConversationStore store, ComplianceGate gate, ClientStore clients,
                 DialogEngine engine, Clock clock, Map<String, Duration> idleTimeouts,
                 ConversationWrites writes, BotMessages messages, Supplier<Handover> handover) {
        this.store = store;
        this.gate = gate;
        this.clients = clients;
        this.engine = engine;
        this.clock = clock;
        this.idleTimeouts = Map.copyOf(idleTimeouts);
        this.writes = writes;
        this.messages = messages;
        this.handover = handover;
    }

    /** See {@link ConversationService#attach(String, String, String)}. */
    ConversationService.Received attach(String conversationId, String clientMessageId,
                                        String text) {
        String dedupe = "patient:" + clientMessageId;
        return writes.onceLookingFirst(conversationId, dedupe, PatientTurns::duplicate,
                () -> attachOnce(conversationId, clientMessageId, dedupe, text));
    }

    private ConversationService.Received attachOnce(String conversationId,
                                                    String clientMessageId, String dedupe,
                                                    String text) {
        Conversation c = writes.require(conversationId);
        Instant now = clock.instant();
        long seq = writes.nextSeq(c);
        Message patient = new Message(conversationId, seq, "patient",
                CardNumbers.mask(text).text(), List.of(), Optional.empty(),
                Optional.of(clientMessageId), now);
        store.insert(List.of(patient), List.of(dedupe), c.channel(), c.address());
        // Not a turn: the conversation's idle time runs on, as an out-of-office is no answer.
        writes.advance(c, c.dialog(), seq + 1, c.updatedAt());
        return new ConversationService.Received(seq, false, List.of(patient),
                Optional.of(c.dialog().language()));
    }

    /** See {@link ConversationService#receive(String, String, String)}. */
    ConversationService.Received receive(String conversationId, String clientMessageId,
                                         String text) {
        String dedupe = "patient:" + clientMessageId;
        return writes.once(conversationId, dedupe, PatientTurns::duplicate,
                () -> receiveOnce(conversationId, clientMessageId, dedupe, text));
    }

    private static ConversationService.Received duplicate(Message seen) {
        return new ConversationService.Received(seen.seq(), true, List.of(), Optional.empty());
    }

    private ConversationService.Received receiveOnce(String conversationId,
                                                     String clientMessageId, String dedupe,
                                                     String text) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId + "; start a new one"));
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        long seq = writes.nextSeq(c);
        boolean first = seq == 1;
        boolean idle = !first && Optional.ofNullable(idleTimeouts.get(c.channel()))
                .filter(limit -> c.updatedAt().plus(limit).isBefore(now)).isPresent();

        CardNumbers.Masked masked = CardNumbers.mask(text);
        Message patient = new Message(conversationId, seq, "patient", masked.text(), List.of(),
                Optional.empty(), Optional.of(clientMessageId), now);
        store.insert(List.of(patient), List.of(dedupe), c.channel(), c.address());

        // Opt-out, opt-in and help are honoured before the dialog sees anything.
        ComplianceGate.Verdict verdict = gate.inspect(c.clientId(), c.channel(), c.address(),
                c.dialog().language(), conversationId, masked.text());
        DialogEngine.Result result;
        String language;
        List<Reply> replies = new ArrayList<>();
        boolean held = verdict.kind() == ComplianceGate.Kind.PASS && c.dialog().needsAgent();
        if (held) {
            // A person has the conversation, or will: the message waits for them, unanswered.
            result = new DialogEngine.Result(c.dialog(), List.of(), true);
            language = c.dialog().language();
        } else if (verdict.kind() == ComplianceGate.Kind.PASS) {
            DialogEngine.Context ctx = BotMessages.context(client, conversationId, c.channel(),
                    c.address());
            // A message that carried a card number is not an answer to anything: the patient is
            // told why it was hidden and asked the same question again.
            result = masked.changed() ? engine.repeat(ctx, c.dialog())
                    : first ? engine.open(ctx, c.dialog(), masked.text())
                    : idle ? engine.expire(ctx, c.dialog(), masked.text())
                    : engine.handle(ctx, c.dialog(), masked.text());
            language = result.state().language();
            if (masked.changed()) {
                replies.add(new Reply("card.masked", Map.of(), List.of()));
            }
            replies.addAll(result.replies());
        } else {
            // A person is asked for once; a later message keeps the first reason.
            DialogState state = switch (verdict.kind()) {
                case STOP_REQUESTED_IN_WORDS, SUPPRESSED -> c.dialog().needsAgent() ? c.dialog()
                        : c.dialog().needingAgent(verdict.kind() == ComplianceGate.Kind.SUPPRESSED
                                ? "opted_out_inbound" : "opt_out_request")
                        // Asked in words of a language: a person who reads it takes it.
                        .speaking(verdict.language());
                default -> c.dialog();
            };
            result = new DialogEngine.Result(state, List.of(), true);
            language = verdict.language();
            verdict.replyKey().ifPresent(key -> replies.add(new Reply(key,
                    BotMessages.baseArgs(client), List.of())));
        }
        Conversation next = new Conversation(c.id(), c.clientId(), c.channel(), c.address(),
                result.state(), c.resumeTokenHash(), seq + 1, c.version() + 1, c.createdAt(), now);
        if (!c.dialog().needsAgent() && result.state().needsAgent()) {
            List<Reply> told = handover.get().queue(next,
                    result.state().agentReason().orElse("patient_request"),
                    verdict.kind() == ComplianceGate.Kind.PASS).stream()
                    .map(r -> BotMessages.withBaseArgs(client, r)).toList();
            if (told.stream().anyMatch(r -> r.key().equals(Handover.AWAY_KEY))) {
                // Out of hours, "someone will reach out shortly" would be untrue.
                replies.removeIf(r -> Handover.SOON_KEYS.contains(r.key()));
            }
            replies.addAll(told);
        }
        List<Message> out = messages.render(client, conversationId, c.channel(), language,
                replies, seq + 1, now);
        // What the bot read and decided rides on its answer, for the QA console.
        store.insert(out, BotMessages.dedupeKeys(out), c.channel(), c.address(),
                Optional.of(TurnNote.of(result.state(), result.reading(), result.understood(),
                        Optional.of(verdict.kind().name().toLowerCase(Locale.ROOT)),
                        masked.changed())));
        writes.advance(c, result.state(), seq + 1 + out.size(), now);
        if (held) {
            handover.get().held(next, patient);
        }

        List<Message> all = new ArrayList<>();
        all.add(patient);
        all.addAll(out);
        return new ConversationService.Received(seq, false, all,
                Optional.of(result.state().language()));
    }
}
