package org.parley.conversation;

import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
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
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The conversation router: opens and resumes conversations, stores each patient message once,
 * masks card numbers before anything else sees them, asks the dialog engine for the answer and
 * stores the replies before any channel sends them. While a conversation needs a person, the
 * bot is silent: the patient's messages are stored for the agent and the {@link Handover} told.
 */
public final class ConversationService {

    private final ConversationStore store;
    private final ClientStore clients;
    private final DialogEngine engine;
    private final Renderer renderer;
    private final Clock clock;
    private final SecureRandom random;
    private final BotMessages messages;
    private final LiveChats chats;
    private final PatientTurns patients;
    private final AgentTurns agents;
    private final Notices notices;
    private volatile Handover handover = Handover.NONE;

    /**
     * @param idleTimeouts per channel, how long a conversation may sit idle before a late reply
     *                     is no longer applied to the question it seems to answer
     */
    public ConversationService(ConversationStore store, ClientStore clients, DialogEngine engine,
                               ComplianceGate gate, Renderer renderer, Clock clock,
                               SecureRandom random, Map<String, Duration> idleTimeouts) {
        this.store = store;
        this.clients = clients;
        this.engine = engine;
        this.renderer = renderer;
        this.clock = clock;
        this.random = random;
        this.messages = new BotMessages(renderer);
        this.chats = new LiveChats(store);
        ConversationWrites writes = new ConversationWrites(store);
        Supplier<Handover> people = () -> handover;
        this.patients = new PatientTurns(store, gate, clients, engine, clock, idleTimeouts,
                writes, messages, people);
        this.agents = new AgentTurns(store, clients, engine, clock, writes, messages, chats,
                people);
        this.notices = new Notices(store, clients, clock, writes, messages, chats);
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

        DialogEngine.Result result = engine.start(BotMessages.context(client, id, channel, ""),
                DialogState.initial(language));
        List<Message> replies = messages.render(client, id, channel, result.state().language(),
                result.replies(), 1, now);
        Conversation conversation = new Conversation(id, clientId, channel, "", result.state(),
                hash(token), 1 + replies.size(), 1, now, now);
        store.create(conversation);
        store.insert(replies, BotMessages.dedupeKeys(replies), channel, "",
                Optional.of(TurnNote.of(result.state(), result.reading(), true, Optional.empty(),
                        false)));
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
        return patients.attach(conversationId, clientMessageId, text);
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
        return patients.receive(conversationId, clientMessageId, text);
    }

    /**
     * Something said to the patient outside a turn: a receipt, a reminder, a notice.
     *
     * @param id      unique per notice and conversation; a notice already said is not said again
     * @param replies what is said, rendered in the conversation's language for its channel
     * @param goTo    where the dialog continues when the patient answers, as {@code flow.step};
     *                empty to leave the dialog where it is
     * @param place   where its texts stand under the sending number's throughput; empty to
     *                send at once, unpaced
     */
    public record Notice(String id, List<Reply> replies, Optional<String> goTo,
                         Optional<Place> place) {
        public Notice {
            replies = List.copyOf(replies);
        }

        /** A notice its channel sends as soon as it can. */
        public Notice(String id, List<Reply> replies, Optional<String> goTo) {
            this(id, replies, goTo, Optional.empty());
        }
    }

    /**
     * A paced text's place under its sending number's throughput: its channel hands it over no
     * earlier than {@code at}, and no closer to that number's other paced texts than one
     * {@code perSecond}th of a second; and before {@code goBy}, when the patient's contact hours
     * end, or not at all (the sender of a text that could not go by then says it again later).
     * {@code number}, the sending number, is stored on the text's outbox entry so that the
     * texts waiting for one number can be counted; blank when not known.
     */
    public record Place(Instant at, int perSecond, String number, Optional<Instant> goBy) {
        public Place {
            if (perSecond < 1) {
                throw new IllegalArgumentException("perSecond must be at least 1, not "
                        + perSecond);
            }
        }

        /** A place whose sending number is not recorded, with no end. */
        public Place(Instant at, int perSecond) {
            this(at, perSecond, "", Optional.empty());
        }
    }

    /**
     * Says a notice on an existing conversation, stored like any bot message before its
     * channel sends it (queued for SMS, pushed to an open web chat, kept for a resume).
     *
     * @return the messages stored, empty when this notice was said before
     */
    public List<Message> notify(String conversationId, Notice notice) {
        return notices.notify(conversationId, notice);
    }

    /**
     * Marks the conversation for a person outside a patient's turn, as when an agent takes up a
     * task about the patient: the bot falls silent and the conversation is queued, without a
     * word to the patient (the person writes first).
     */
    public void needsPerson(String conversationId, String reason) {
        agents.needsPerson(conversationId, reason);
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
        return agents.agentSays(conversationId, agentId, messageId, text);
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
        return agents.handBack(conversationId, id, target, speak);
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
        return chats.listen(conversationId, sink);
    }

    /**
     * Tells the open web chats of {@code conversationId} that a person is typing, while the
     * returned handle of each is open.
     */
    public AutoCloseable listenTyping(String conversationId, Runnable sink) {
        return chats.listenTyping(conversationId, sink);
    }

    /** A person is typing a message to the patient of {@code conversationId}. */
    public void typing(String conversationId) {
        chats.typing(conversationId);
    }

    /**
     * Hands the messages stored after {@code afterSeq}, perhaps by another instance, to the
     * open web chats of this instance; a page skips what it has shown already.
     */
    public void deliverStored(String conversationId, long afterSeq) {
        chats.deliverStored(conversationId, afterSeq);
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
