package org.parley.conversation;

import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.CardNumbers;
import org.parley.compliance.ComplianceGate;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.DialogState;
import org.parley.dialog.Reply;
import org.parley.i18n.Renderer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The conversation router: opens and resumes conversations, stores each patient message once,
 * masks card numbers before anything else sees them, asks the dialog engine for the answer and
 * stores the replies before any channel sends them. While a conversation needs a person, the
 * bot is silent: the patient's messages are stored for the agent and the {@link Handover} told.
 */
public final class ConversationService {

    private static final int MAX_RETRIES = 5;
    private static final String REGION = "US";
    /** Channels with no buttons: choices are numbered and a turn's messages go as one. */
    private static final java.util.Set<String> PLAIN_CHANNELS = java.util.Set.of("sms", "email");

    private final ConversationStore store;
    private final ComplianceGate gate;
    private final ClientStore clients;
    private final DialogEngine engine;
    private final Renderer renderer;
    private final Clock clock;
    private final SecureRandom random;
    private final ReentrantLock[] stripes = new ReentrantLock[64];
    private final Map<String, Duration> idleTimeouts;
    private final Map<String, List<Consumer<List<Message>>>> listeners =
            new ConcurrentHashMap<>();
    private final Map<String, List<Runnable>> typingListeners = new ConcurrentHashMap<>();
    private volatile Handover handover = Handover.NONE;

    /**
     * @param idleTimeouts per channel, how long a conversation may sit idle before a late reply
     *                     is no longer applied to the question it seems to answer
     */
    public ConversationService(ConversationStore store, ClientStore clients, DialogEngine engine,
                               ComplianceGate gate, Renderer renderer, Clock clock,
                               SecureRandom random, Map<String, Duration> idleTimeouts) {
        this.gate = gate;
        this.idleTimeouts = Map.copyOf(idleTimeouts);
        this.store = store;
        this.clients = clients;
        this.engine = engine;
        this.renderer = renderer;
        this.clock = clock;
        this.random = random;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Hands conversations that need a person to {@code handover}; call once, when wiring. */
    public void handOverTo(Handover handover) {
        this.handover = handover;
    }

    /** A new conversation, its resume token (given out once) and the bot's opening messages. */
    public record Started(Conversation conversation, String resumeToken, List<Message> messages) {
    }

    /**
     * The seq given to the patient's message, the messages stored after it, and the language
     * the conversation is in now (empty for a duplicate, which changed nothing).
     */
    public record Received(long seq, boolean duplicate, List<Message> messages,
                           Optional<String> language) {
    }

    /** Opens a conversation for {@code clientId} in {@code locale} and says the greeting. */
    public Started start(String clientId, String channel, String locale) {
        Client client = clients.require(clientId);
        String language = language(locale);
        String id = UUID.randomUUID().toString();
        byte[] tokenBytes = new byte[32];
        random.nextBytes(tokenBytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
        Instant now = clock.instant();

        DialogEngine.Result result = engine.start(context(client, id, channel, ""),
                DialogState.initial(language));
        List<Message> replies = render(client, id, channel, result.state().language(),
                result.replies(), 1, now);
        Conversation conversation = new Conversation(id, clientId, channel, "", result.state(),
                hash(token), 1 + replies.size(), 1, now, now);
        store.create(conversation);
        store.insert(replies, dedupeKeys(replies), channel, "", Optional.of(TurnNote.of(
                result.state(), result.reading(), true, Optional.empty(), false)));
        return new Started(conversation, token, replies);
    }

    /**
     * A message from a patient known by an address (a phone number, an email address): it
     * continues their latest conversation on that channel, or opens one that greets them and
     * answers the message at once.
     *
     * @param language   the language to open a new conversation in, asked for only when one
     *                   is opened: an existing conversation keeps the language it is in
     * @param providerId the channel's own id for the message, used to drop retries
     */
    public Received receiveFrom(String clientId, String channel, String address,
                                Supplier<String> language, String providerId, String text) {
        clients.require(clientId);
        String id = store.findLatest(clientId, channel, address).map(Conversation::id)
                .orElseGet(() -> {
                    Instant now = clock.instant();
                    return store.open(new Conversation(UUID.randomUUID().toString(), clientId,
                            channel, address, DialogState.initial(language(language.get())), "",
                            1, 1, now, now));
                });
        return receive(id, providerId, text);
    }

    /**
     * Opens a new conversation with a patient known by an address, the latest there from now
     * on, without saying anything yet: the first message {@link #receive}d in it is greeted and
     * answered at once. Email opens one for a message that belongs to no earlier thread.
     */
    public String open(String clientId, String channel, String address, String language) {
        clients.require(clientId);
        Instant now = clock.instant();
        Conversation c = new Conversation(UUID.randomUUID().toString(), clientId, channel,
                address, DialogState.initial(language(language)), "", 1, 1, now, now);
        store.create(c);
        return c.id();
    }

    /**
     * Stores a message from the patient's side that must not be answered, such as an
     * automatic reply or a message past the channel's limit: card numbers are masked, the
     * dialog does not see it and nothing is queued. A message id seen before stores nothing.
     */
    public Received attach(String conversationId, String clientMessageId, String text) {
        String dedupe = "patient:" + clientMessageId;
        ReentrantLock lock = stripe(conversationId);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                Optional<Message> seen = store.findByDedupe(conversationId, dedupe);
                if (seen.isPresent()) {
                    return new Received(seen.get().seq(), true, List.of(), Optional.empty());
                }
                try {
                    return attachOnce(conversationId, clientMessageId, dedupe, text);
                } catch (ConversationStore.Conflict e) {
                    if (attempt == MAX_RETRIES) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Received attachOnce(String conversationId, String clientMessageId, String dedupe,
                                String text) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId));
        Instant now = clock.instant();
        long seq = store.seqTaken(conversationId, c.nextSeq())
                ? Math.max(c.nextSeq(), store.lastSeq(conversationId) + 1) : c.nextSeq();
        Message patient = new Message(conversationId, seq, "patient",
                CardNumbers.mask(text).text(), List.of(), Optional.empty(),
                Optional.of(clientMessageId), now);
        store.insert(List.of(patient), List.of(dedupe), c.channel(), c.address());
        // Not a turn: the conversation's idle time runs on, as an out-of-office is no answer.
        store.update(new Conversation(c.id(), c.clientId(), c.channel(), c.address(), c.dialog(),
                c.resumeTokenHash(), seq + 1, c.version() + 1, c.createdAt(), c.updatedAt()),
                c.version());
        return new Received(seq, false, List.of(patient), Optional.of(c.dialog().language()));
    }

    /** Messages after {@code lastSeq} for a patient holding the conversation's resume token. */
    public List<Message> resume(String conversationId, String resumeToken, long lastSeq) {
        byte[] given = hash(resumeToken).getBytes(StandardCharsets.UTF_8);
        Conversation c = store.find(conversationId).filter(found -> MessageDigest.isEqual(
                        found.resumeTokenHash().getBytes(StandardCharsets.UTF_8), given))
                .orElseThrow(() -> new NotFoundException("resume_failed", "No conversation matches "
                        + "that id and resume token; start a new conversation"));
        return store.messagesAfter(c.id(), Math.max(0, lastSeq));
    }

    public Optional<Conversation> find(String conversationId) {
        return store.find(conversationId);
    }

    /** The highest seq stored in the conversation, 0 when it has none. */
    public long lastSeq(String conversationId) {
        return store.lastSeq(conversationId);
    }

    /** Delivery details of each outbound message, by seq (see the store). */
    public Map<Long, Map<String, Object>> deliveries(String conversationId) {
        return store.deliveries(conversationId);
    }

    /** The messages stored after {@code afterSeq}, in order. */
    public List<Message> messagesAfter(String conversationId, long afterSeq) {
        return store.messagesAfter(conversationId, afterSeq);
    }

    public List<Message> messages(String conversationId) {
        return store.messagesAfter(conversationId, 0);
    }

    /**
     * Stores the patient's message and the bot's answer. A message id seen before is answered
     * with its original seq and nothing new is stored.
     */
    public Received receive(String conversationId, String clientMessageId, String text) {
        String dedupe = "patient:" + clientMessageId;
        Optional<Message> seen = store.findByDedupe(conversationId, dedupe);
        if (seen.isPresent()) {
            return new Received(seen.get().seq(), true, List.of(), Optional.empty());
        }

        return locked(conversationId, () -> store.findByDedupe(conversationId, dedupe)
                        .map(m -> new Received(m.seq(), true, List.of(), Optional.empty())),
                () -> receiveOnce(conversationId, clientMessageId, dedupe, text));
    }

    /**
     * Runs one write of the conversation under its lock, and again after a write lost to
     * another writer, until it is done or {@code already} finds it done by someone else.
     */
    private <T> T locked(String conversationId, Supplier<Optional<T>> already, Supplier<T> once) {
        ReentrantLock lock = stripe(conversationId);
        lock.lock();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return once.get();
                } catch (ConversationStore.Conflict e) {
                    Optional<T> done = already.get();
                    if (done.isPresent()) {
                        return done.get();
                    }
                    if (attempt == MAX_RETRIES) {
                        throw e;
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** The seq the conversation's next message takes. */
    private long nextSeq(Conversation c) {
        // A writer that died between storing its messages and the conversation left nextSeq
        // taken; only then is the highest stored seq looked for.
        return store.seqTaken(c.id(), c.nextSeq())
                ? Math.max(c.nextSeq(), store.lastSeq(c.id()) + 1) : c.nextSeq();
    }

    private Received receiveOnce(String conversationId, String clientMessageId, String dedupe,
                                 String text) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId + "; start a new one"));
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        long seq = nextSeq(c);
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
            DialogEngine.Context ctx = context(client, conversationId, c.channel(), c.address());
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
            verdict.replyKey().ifPresent(key -> replies.add(new Reply(key, baseArgs(client),
                    List.of())));
        }
        Conversation next = new Conversation(c.id(), c.clientId(), c.channel(), c.address(),
                result.state(), c.resumeTokenHash(), seq + 1, c.version() + 1, c.createdAt(), now);
        if (!c.dialog().needsAgent() && result.state().needsAgent()) {
            List<Reply> told = handover.queue(next,
                    result.state().agentReason().orElse("patient_request"),
                    verdict.kind() == ComplianceGate.Kind.PASS).stream()
                    .map(r -> withBaseArgs(client, r)).toList();
            if (told.stream().anyMatch(r -> r.key().equals(Handover.AWAY_KEY))) {
                // Out of hours, "someone will reach out shortly" would be untrue.
                replies.removeIf(r -> Handover.SOON_KEYS.contains(r.key()));
            }
            replies.addAll(told);
        }
        List<Message> out = render(client, conversationId, c.channel(), language, replies,
                seq + 1, now);
        // What the bot read and decided rides on its answer, for the QA console.
        store.insert(out, dedupeKeys(out), c.channel(), c.address(), Optional.of(TurnNote.of(
                result.state(), result.reading(), result.understood(),
                Optional.of(verdict.kind().name().toLowerCase(Locale.ROOT)), masked.changed())));
        store.update(new Conversation(c.id(), c.clientId(), c.channel(), c.address(),
                result.state(), c.resumeTokenHash(), seq + 1 + out.size(), c.version() + 1,
                c.createdAt(), now), c.version());
        if (held) {
            handover.held(next, patient);
        }

        List<Message> all = new ArrayList<>();
        all.add(patient);
        all.addAll(out);
        return new Received(seq, false, all, Optional.of(result.state().language()));
    }

    /**
     * Something said to the patient outside a turn: a receipt, a reminder, a notice.
     *
     * @param id      unique per notice and conversation; a notice already said is not said again
     * @param replies what is said, rendered in the conversation's language for its channel
     * @param goTo    where the dialog continues when the patient answers, as {@code flow.step};
     *                empty to leave the dialog where it is
     */
    public record Notice(String id, List<Reply> replies, Optional<String> goTo) {
        public Notice {
            replies = List.copyOf(replies);
        }
    }

    /**
     * Says a notice on an existing conversation, stored like any bot message before its
     * channel sends it (queued for SMS, pushed to an open web chat, kept for a resume).
     *
     * @return the messages stored, empty when this notice was said before
     */
    public List<Message> notify(String conversationId, Notice notice) {
        String dedupe = "notice:" + notice.id();
        if (store.findByDedupe(conversationId, dedupe).isPresent()) {
            return List.of();
        }
        List<Message> out = locked(conversationId, () -> store.findByDedupe(conversationId,
                dedupe).map(m -> List.<Message>of()), () -> notifyOnce(conversationId, dedupe,
                notice));
        push(conversationId, out);
        return out;
    }

    private List<Message> notifyOnce(String conversationId, String dedupe, Notice notice) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId));
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        long seq = nextSeq(c);
        List<Reply> replies = notice.replies().stream().map(r -> withBaseArgs(client, r)).toList();
        List<Message> out = render(client, conversationId, c.channel(), c.dialog().language(),
                replies, seq, now);
        List<String> keys = new ArrayList<>(dedupeKeys(out));
        keys.set(0, dedupe);
        store.insert(out, keys, c.channel(), c.address());
        DialogState dialog = notice.goTo().map(target -> {
            int dot = target.indexOf('.');
            DialogState d = c.dialog();
            return new DialogState(target.substring(0, dot), target.substring(dot + 1),
                    d.language(), d.slots(), d.returns(), d.verifiedAccount(),
                    d.failedAttempts(), d.locked(), d.needsAgent(), d.agentReason(), d.history());
        }).orElse(c.dialog());
        store.update(new Conversation(c.id(), c.clientId(), c.channel(), c.address(), dialog,
                c.resumeTokenHash(), seq + out.size(), c.version() + 1, c.createdAt(), now),
                c.version());
        return out;
    }

    /**
     * Marks the conversation for a person outside a patient's turn, as when an agent takes up a
     * task about the patient: the bot falls silent and the conversation is queued, without a
     * word to the patient (the person writes first).
     */
    public void needsPerson(String conversationId, String reason) {
        Conversation marked = locked(conversationId, () -> Optional.empty(), () -> {
            Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                    "unknown_conversation", "No conversation " + conversationId));
            if (c.dialog().needsAgent()) {
                return c;
            }
            Conversation next = new Conversation(c.id(), c.clientId(), c.channel(), c.address(),
                    c.dialog().needingAgent(reason), c.resumeTokenHash(), c.nextSeq(),
                    c.version() + 1, c.createdAt(), clock.instant());
            store.update(next, c.version());
            return next;
        });
        handover.queue(marked, marked.dialog().agentReason().orElse(reason), false);
    }

    /**
     * A person's message to the patient, stored as from {@code agent} with card numbers masked,
     * then sent on the conversation's channel: queued for SMS, pushed to an open web chat.
     *
     * @param agentId   the staff member writing, kept on the message for QA
     * @param messageId the agent console's id for the message; a retry with it is stored once
     * @return the message as stored
     */
    public Message agentSays(String conversationId, String agentId, String messageId,
                             String text) {
        String dedupe = "agent:" + agentId + ":" + messageId;
        Optional<Message> seen = store.findByDedupe(conversationId, dedupe);
        if (seen.isPresent()) {
            return seen.get();
        }
        Message said = locked(conversationId, () -> store.findByDedupe(conversationId, dedupe),
                () -> agentSaysOnce(conversationId, agentId, dedupe, text));
        push(conversationId, List.of(said));
        return said;
    }

    private Message agentSaysOnce(String conversationId, String agentId, String dedupe,
                                  String text) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId));
        Instant now = clock.instant();
        long seq = nextSeq(c);
        Message said = new Message(conversationId, seq, "agent", CardNumbers.mask(text).text(),
                List.of(), Optional.empty(), Optional.empty(), now);
        store.insert(List.of(said), List.of(dedupe), c.channel(), c.address());
        store.attribute(conversationId, seq, agentId);
        store.update(new Conversation(c.id(), c.clientId(), c.channel(), c.address(), c.dialog(),
                c.resumeTokenHash(), seq + 1, c.version() + 1, c.createdAt(), now), c.version());
        return said;
    }

    /**
     * Gives a conversation a person held back to the bot at {@code target}, named as flows name
     * it: {@code main.again}, {@code @check-balance}. A flow that requires verification asks
     * for it first, as it would from any step.
     *
     * @param id    unique per hand-back of the conversation; one already done is not done again
     * @param speak true to enter the target and say it now; false to wait silently at it (a
     *              {@code flow.step}) for the patient's next message
     * @return the messages the bot said, empty when silent or when this was done before
     */
    public List<Message> handBack(String conversationId, String id, String target,
                                  boolean speak) {
        String dedupe = "handback:" + id;
        if (store.findByDedupe(conversationId, dedupe).isPresent()) {
            return List.of();
        }
        List<Message> out = locked(conversationId, () -> store.findByDedupe(conversationId,
                dedupe).map(m -> List.<Message>of()), () -> handBackOnce(conversationId, dedupe,
                target, speak));
        push(conversationId, out);
        return out;
    }

    private List<Message> handBackOnce(String conversationId, String dedupe, String target,
                                       boolean speak) {
        Conversation c = store.find(conversationId).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation " + conversationId));
        Client client = clients.require(c.clientId());
        Instant now = clock.instant();
        int dot = target.indexOf('.');
        DialogState back = speak || dot < 0
                ? c.dialog().handedBack(c.dialog().flow(), c.dialog().step())
                : c.dialog().handedBack(target.substring(0, dot), target.substring(dot + 1));
        List<Message> out = List.of();
        if (speak) {
            DialogEngine.Result result = engine.resumeAt(context(client, conversationId,
                    c.channel(), c.address()), back, target);
            back = result.state();
            long seq = nextSeq(c);
            out = render(client, conversationId, c.channel(), back.language(),
                    result.replies(), seq, now);
            List<String> keys = new ArrayList<>(dedupeKeys(out));
            if (!keys.isEmpty()) {
                keys.set(0, dedupe);
            }
            store.insert(out, keys, c.channel(), c.address());
        }
        long nextSeq = out.isEmpty() ? c.nextSeq() : out.get(out.size() - 1).seq() + 1;
        store.update(new Conversation(c.id(), c.clientId(), c.channel(), c.address(), back,
                c.resumeTokenHash(), nextSeq, c.version() + 1, c.createdAt(), now), c.version());
        return out;
    }

    /**
     * The conversation to tell the patient of {@code accountNumber} something about their
     * account: the latest one in which they proved who they are, on any channel.
     */
    public Optional<Conversation> latestVerified(String clientId, String accountNumber) {
        return store.latestVerified(clientId, accountNumber);
    }

    /**
     * Hands every message stored on {@code conversationId} outside a patient's turn (notices,
     * and later agents' replies) to {@code sink} while the returned handle is open. Used by
     * open web chats; what a closed page missed it gets on resume.
     */
    public AutoCloseable listen(String conversationId, Consumer<List<Message>> sink) {
        listeners.computeIfAbsent(conversationId, k -> new CopyOnWriteArrayList<>()).add(sink);
        return () -> listeners.computeIfPresent(conversationId, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }

    /**
     * Tells the open web chats of {@code conversationId} that a person is typing, while the
     * returned handle of each is open.
     */
    public AutoCloseable listenTyping(String conversationId, Runnable sink) {
        typingListeners.computeIfAbsent(conversationId, k -> new CopyOnWriteArrayList<>())
                .add(sink);
        return () -> typingListeners.computeIfPresent(conversationId, (k, sinks) -> {
            sinks.remove(sink);
            return sinks.isEmpty() ? null : sinks;
        });
    }

    /** A person is typing a message to the patient of {@code conversationId}. */
    public void typing(String conversationId) {
        for (Runnable sink : typingListeners.getOrDefault(conversationId, List.of())) {
            try {
                sink.run();
            } catch (RuntimeException e) {
                System.getLogger(ConversationService.class.getName()).log(
                        System.Logger.Level.DEBUG, "Typing signal to a listener failed", e);
            }
        }
    }

    /**
     * Hands the messages stored after {@code afterSeq}, perhaps by another instance, to the
     * open web chats of this instance; a page skips what it has shown already.
     */
    public void deliverStored(String conversationId, long afterSeq) {
        if (listeners.containsKey(conversationId)) {
            // The patient's own messages reach their page with its acknowledgement.
            push(conversationId, store.messagesAfter(conversationId, afterSeq).stream()
                    .filter(m -> !m.from().equals("patient")).toList());
        }
    }

    private void push(String conversationId, List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        for (Consumer<List<Message>> sink : listeners.getOrDefault(conversationId, List.of())) {
            try {
                sink.accept(messages);
            } catch (RuntimeException e) {
                // A page that went away is the page's problem; the messages are stored.
                System.getLogger(ConversationService.class.getName()).log(
                        System.Logger.Level.DEBUG, "Push to a listener failed", e);
            }
        }
    }

    private List<Message> render(Client client, String conversationId, String channel,
                                 String language, List<Reply> replies, long firstSeq,
                                 Instant now) {
        List<Message> messages = new ArrayList<>();
        long seq = firstSeq;
        for (Reply reply : replies) {
            String text = renderer.render(language, REGION, channel, reply.key(), reply.args(),
                    client.currency());
            List<Message.Option> options = reply.options().stream().map(intent -> {
                String label = renderer.render(language, REGION, channel, "option." + intent,
                        Map.of(), client.currency());
                return new Message.Option(label, label);
            }).toList();
            if (!options.isEmpty() && PLAIN_CHANNELS.contains(channel)) {
                // A text message has no buttons: the choices are numbered lines, and the
                // dialog already understands a number as the option it names.
                StringBuilder numbered = new StringBuilder(text);
                for (int i = 0; i < options.size(); i++) {
                    numbered.append('\n').append(i + 1).append(' ').append(options.get(i).label());
                }
                numbered.append('\n').append(renderer.render(language, REGION, channel,
                        "options.reply_with_number", Map.of("last", options.size()),
                        client.currency()));
                text = numbered.toString();
                options = List.of();
            }
            messages.add(new Message(conversationId, seq++, "bot", text, options,
                    Optional.of(reply.key()), Optional.empty(), now));
        }
        return PLAIN_CHANNELS.contains(channel) ? joined(messages, channel) : messages;
    }

    /**
     * One text message per turn on SMS: a patient's phone shows several short texts out of
     * order as often as in order, and each costs a segment of its own. One email per turn too:
     * a reply that arrives as five emails is five notifications.
     */
    private static List<Message> joined(List<Message> messages, String channel) {
        if (messages.size() < 2) {
            return messages;
        }
        Message first = messages.get(0);
        StringBuilder text = new StringBuilder(first.text());
        for (int i = 1; i < messages.size(); i++) {
            // An email's paragraphs are its messages; a run of one key (visits, offers) is a
            // list, one line each.
            boolean paragraph = channel.equals("email")
                    && !messages.get(i).key().equals(messages.get(i - 1).key());
            text.append(paragraph ? "\n\n" : "\n").append(messages.get(i).text());
        }
        String keys = String.join(",", messages.stream().map(m -> m.key().orElse("")).toList());
        return List.of(new Message(first.conversationId(), first.seq(), "bot", text.toString(),
                List.of(), Optional.of(keys), Optional.empty(), first.at()));
    }

    private DialogEngine.Context context(Client client, String conversationId, String channel,
                                         String address) {
        return new DialogEngine.Context(client.id(), conversationId, channel, address,
                baseArgs(client));
    }

    private static Reply withBaseArgs(Client client, Reply reply) {
        Map<String, Object> args = new java.util.HashMap<>(baseArgs(client));
        args.putAll(reply.args());
        return new Reply(reply.key(), args, reply.options());
    }

    /** What every message may name: the client and how to reach a person there. */
    private static Map<String, Object> baseArgs(Client client) {
        return Map.of("client", client.name(), "phone", client.supportPhone());
    }

    private ReentrantLock stripe(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }

    /** The language Parley speaks for a BCP 47 tag such as {@code es-US}. */
    String language(String locale) {
        String language = Locale.forLanguageTag(locale == null ? "" : locale).getLanguage();
        if (!renderer.languages().contains(language)) {
            throw new BadInputException("unsupported_locale", "Locale '" + locale
                    + "' is not one Parley speaks; use one of " + renderer.languages());
        }
        return language;
    }

    private static List<String> dedupeKeys(List<Message> messages) {
        return messages.stream().map(m -> m.from() + ":seq:" + m.seq()).toList();
    }

    private static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
