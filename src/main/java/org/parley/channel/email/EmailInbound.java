package org.parley.channel.email;

import org.parley.NotFoundException;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Reply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One inbound email, from the webhook or IMAP, taken the whole way: read; Parley's own mail
 * coming back is dropped; a bounce marks the message it reports and the address; the message
 * finds its conversation by its threading headers, then by the signed token in the address it
 * was sent to, else opens a new one; automatic and bulk mail is attached there unanswered, as is
 * anything past the address's hourly limit; a person's mail is answered by the dialog, with its
 * attachments kept or politely refused.
 */
public final class EmailInbound {

    private static final System.Logger LOG = System.getLogger(EmailInbound.class.getName());

    /** Message keys this class says. */
    static final String REFUSED_KEY = "email.attachment_refused";
    static final String RECEIVED_KEY = "email.attachment_received";
    /** Why a conversation whose patient sent documents goes to a person. */
    static final String DOCUMENTS_REASON = "documents_received";

    private final MailParser parser = new MailParser();
    private final ClientStore clients;
    private final ClientSettings settings;
    private final AccountStore accounts;
    private final ConversationService conversations;
    private final EmailOutbox outbox;
    private final EmailThreads threads;
    private final InboundLog log;
    private final Deliverability deliverability;
    private final MailTokens tokens;
    private final Attachments attachments;
    private final EmailSender.Consent consent;
    private final Clock clock;
    private final int maxPerHour;
    private final Runnable wake;

    /** What became of a message. */
    public record Outcome(String status, Optional<String> conversationId) {

        /** Answered by the dialog. */
        static final String ANSWERED = "answered";
        /** Stored in its conversation without an answer. */
        static final String ATTACHED = "attached";
        /** A bounce, applied to the message and address it names. */
        static final String BOUNCE = "bounce";
        /** Nothing to store: Parley's own mail, or automatic mail outside any thread. */
        static final String IGNORED = "ignored";
        /** Taken before. */
        static final String DUPLICATE = "duplicate";
        /** Stored for the person who has the conversation, or will: the bot said nothing. */
        static final String WAITING = "waiting_for_person";
        /** Stored, unanswered: the address opted out of the client's email. */
        static final String OPTED_OUT = "opted_out";
        /** Nothing to store: no text, no subject, no file. */
        static final String EMPTY = "empty";
    }

    EmailInbound(Stores stores, ConversationService conversations, MailTokens tokens,
                 Attachments attachments, EmailSender.Consent consent, Clock clock,
                 int maxPerHour, Runnable wake) {
        this.clients = stores.clients();
        this.settings = stores.settings();
        this.accounts = stores.accounts();
        this.outbox = stores.outbox();
        this.threads = stores.threads();
        this.log = stores.log();
        this.deliverability = stores.deliverability();
        this.conversations = conversations;
        this.tokens = tokens;
        this.attachments = attachments;
        this.consent = consent;
        this.clock = clock;
        this.maxPerHour = maxPerHour;
        this.wake = wake;
    }

    /** The stores the inbound path reads and writes. */
    record Stores(ClientStore clients, ClientSettings settings, AccountStore accounts,
                  EmailOutbox outbox, EmailThreads threads, InboundLog log,
                  Deliverability deliverability) {
    }

    /**
     * Takes one raw RFC 5322 message.
     *
     * @throws org.parley.BadInputException when it is not a message with a sender
     * @throws NotFoundException            when it belongs to no thread and was sent to no
     *                                      client's mailbox
     */
    public Outcome receive(byte[] raw) {
        ParsedMail mail = parser.parse(raw);
        Instant now = clock.instant();

        if (ownMail(mail)) {
            LOG.log(System.Logger.Level.DEBUG, "An email of Parley's own came back: dropped");
            return new Outcome(Outcome.IGNORED, Optional.empty());
        }
        if (mail.kind() == ParsedMail.Kind.BOUNCE) {
            return bounce(mail, now);
        }

        Optional<Conversation> thread = thread(mail);
        Client client = thread.map(c -> clients.require(c.clientId()))
                .or(() -> mail.recipients().stream()
                        .map(r -> ClientMail.clientAt(clients, settings, r))
                        .flatMap(Optional::stream).findFirst())
                .orElseThrow(() -> new NotFoundException("unknown_mailbox", "The message was "
                        + "sent to no client's mailbox and answers no conversation; nothing was "
                        + "stored. Save the client's address in its email settings"));

        if (!log.claim(client.id(), mail.messageId(), mail.from(), now)) {
            return new Outcome(Outcome.DUPLICATE,
                    thread.map(Conversation::id));
        }
        try {
            Outcome outcome = mail.kind() == ParsedMail.Kind.PERSONAL
                    ? personal(client, mail, thread, now)
                    : automatic(mail, thread);
            log.done(client.id(), mail.messageId(), new InboundLog.Done(outcome.conversationId(),
                    outcome.status(), outcome.status().equals(Outcome.ANSWERED)));
            // Message-IDs are not logged: some clients build them from the sender's address.
            LOG.log(System.Logger.Level.DEBUG, "Email for conversation {0}: {1} ({2})",
                    outcome.conversationId().orElse("-"), outcome.status(), mail.kind());
            return outcome;
        } catch (RuntimeException e) {
            log.release(client.id(), mail.messageId());
            throw e;
        }
    }

    /** Mail from a client's own mailbox, or carrying a Message-ID Parley made: a loop. */
    private boolean ownMail(ParsedMail mail) {
        return ClientMail.clientAt(clients, settings, mail.from()).isPresent()
                || outbox.sent(mail.messageId()).isPresent();
    }

    /**
     * The conversation a message answers: one of Parley's Message-IDs among its threading
     * headers, else a valid token in the address it was sent to. Either way it must come from
     * the conversation's own address, so a forwarded thread cannot speak for the patient.
     */
    private Optional<Conversation> thread(ParsedMail mail) {
        Optional<String> id = mail.threadIds().stream().map(outbox::sent)
                .flatMap(Optional::stream).map(EmailOutbox.Sent::conversationId).findFirst()
                .or(() -> mail.recipients().stream().map(MailTokens::subaddress)
                        .flatMap(Optional::stream)
                        .map(t -> tokens.conversation(MailTokens.Purpose.REPLY, t))
                        .flatMap(Optional::stream).findFirst());
        return id.flatMap(conversations::find)
                .filter(c -> c.channel().equals(EmailOutbox.CHANNEL))
                .filter(c -> c.address().equalsIgnoreCase(mail.from()));
    }

    private Outcome bounce(ParsedMail mail, Instant now) {
        ParsedMail.Bounce bounce = mail.bounce().orElseThrow();
        if (!bounce.permanent()) {
            // A delay report: the server is still trying.
            return new Outcome(Outcome.IGNORED, Optional.empty());
        }
        Optional<String> conversationId = Optional.empty();
        for (String id : bounce.originalIds()) {
            Optional<EmailOutbox.Sent> sent = outbox.sent(id);
            if (sent.isPresent()) {
                outbox.bounced(sent.get(), bounce.status(), now);
                conversationId = Optional.of(sent.get().conversationId());
                Optional<Conversation> c = conversations.find(sent.get().conversationId());
                c.ifPresent(found -> deliverability.undeliverable(found.clientId(),
                        sent.get().to(), bounce.status(), now));
            }
        }
        if (conversationId.isEmpty()) {
            // No message of ours named: the failed addresses still are, for the client written to.
            mail.recipients().stream().map(r -> ClientMail.clientAt(clients, settings, r))
                    .flatMap(Optional::stream).findFirst()
                    .ifPresent(client -> bounce.recipients().forEach(address ->
                            deliverability.undeliverable(client.id(), address, bounce.status(),
                                    now)));
        }
        return new Outcome(Outcome.BOUNCE, conversationId);
    }

    /** An automatic reply or bulk mail: kept in its thread, never answered. */
    private Outcome automatic(ParsedMail mail, Optional<Conversation> thread) {
        if (thread.isEmpty()) {
            return new Outcome(Outcome.IGNORED, Optional.empty());
        }
        conversations.attach(thread.get().id(), mail.messageId(), shown(mail));
        return new Outcome(Outcome.ATTACHED, Optional.of(thread.get().id()));
    }

    private Outcome personal(Client client, ParsedMail mail, Optional<Conversation> thread,
                             Instant now) {
        if (mail.text().isBlank() && mail.attachments().isEmpty()) {
            // No words, no subject, no file: nothing a person or the bot could answer.
            return new Outcome(Outcome.EMPTY, thread.map(Conversation::id));
        }
        deliverability.works(client.id(), mail.from());
        String conversationId = thread.map(Conversation::id).orElseGet(() -> conversations.open(
                client.id(), EmailOutbox.CHANNEL, mail.from(), language(client, mail.from())));
        threads.inbound(conversationId, mail.subject(), mail.messageId(), mail.threadIds());

        long answered = log.answeredSince(client.id(), mail.from(), now.minus(Duration.ofHours(1)));
        if (answered >= maxPerHour) {
            // However it looks, this many messages in an hour is a loop or a flood.
            LOG.log(System.Logger.Level.INFO, "Email conversation {0}: more than {1} messages "
                    + "in an hour from its address; kept unanswered", conversationId,
                    Integer.toString(maxPerHour));
            conversations.attach(conversationId, mail.messageId(), shown(mail));
            return new Outcome(Outcome.ATTACHED, Optional.of(conversationId));
        }

        List<ParsedMail.Attachment> accepted = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        for (ParsedMail.Attachment file : mail.attachments()) {
            Optional<String> kind = attachments.accept(file);
            if (kind.isPresent()) {
                accepted.add(file);
                kinds.add(kind.get());
            } else {
                refused.add(file.fileName());
            }
        }
        if (!accepted.isEmpty()) {
            // Documents are for a person to review: the bot falls silent before it reads the
            // text, which then waits for that person (opt-outs are still honoured first).
            conversations.needsPerson(conversationId, DOCUMENTS_REASON);
        }

        ConversationService.Received received = mail.text().isBlank()
                ? conversations.attach(conversationId, mail.messageId(), shown(mail))
                : conversations.receive(conversationId, mail.messageId(), mail.text());
        if (!received.duplicate()) {
            for (int i = 0; i < accepted.size(); i++) {
                attachments.store(client.id(), conversationId, received.seq(), mail.messageId(),
                        accepted.get(i), kinds.get(i), now);
            }
        }
        List<Reply> notices = new ArrayList<>();
        if (!accepted.isEmpty()) {
            notices.add(new Reply(RECEIVED_KEY, Map.of("files", String.join(", ", accepted
                    .stream().map(ParsedMail.Attachment::fileName).toList())), List.of()));
        }
        if (!refused.isEmpty()) {
            notices.add(new Reply(REFUSED_KEY, Map.of("files", String.join(", ", refused),
                    "types", attachments.kinds(), "maxMb", attachments.maxMegabytes()),
                    List.of()));
        }
        boolean optedOut = consent.optedOut(client.id(), EmailOutbox.CHANNEL, mail.from());
        if (!notices.isEmpty() && !optedOut) {
            conversations.notify(conversationId, new ConversationService.Notice(
                    "attachments:" + mail.messageId(), notices, Optional.empty()));
        }
        wake.run();
        return new Outcome(status(conversationId, received, !notices.isEmpty(), optedOut),
                Optional.of(conversationId));
    }

    /** What the webhook says became of a person's message: answered only when something was. */
    private String status(String conversationId, ConversationService.Received received,
                          boolean noticed, boolean optedOut) {
        boolean answered = noticed || received.messages().stream()
                .anyMatch(m -> m.from().equals("bot"));
        if (answered) {
            return Outcome.ANSWERED;
        }
        if (optedOut) {
            return Outcome.OPTED_OUT;
        }
        boolean waiting = conversations.find(conversationId)
                .filter(c -> c.dialog().needsAgent()).isPresent();
        return waiting ? Outcome.WAITING : Outcome.ATTACHED;
    }

    /** The text stored for a message: its visible reply, else the names of its files. */
    private static String shown(ParsedMail mail) {
        if (!mail.text().isBlank()) {
            return mail.text();
        }
        List<String> names = mail.attachments().stream().map(a -> "[" + a.fileName() + "]")
                .toList();
        return names.isEmpty() ? "(" + mail.kind().name().toLowerCase(Locale.ROOT) + ")"
                : String.join(" ", names);
    }

    /**
     * The language to open a conversation in: the preferred language on the accounts that give
     * this address, when the client offers it, else the client's first language.
     */
    private String language(Client client, String address) {
        String fallback = client.languages().isEmpty() ? "en" : client.languages().get(0);
        return accounts.findByEmail(client.id(), address).stream()
                .map(Account::preferredLanguage).flatMap(Optional::stream)
                .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                .filter(language -> client.languages().stream().anyMatch(offered ->
                        Locale.forLanguageTag(offered).getLanguage().equals(language)))
                .findFirst().orElse(fallback);
    }
}
