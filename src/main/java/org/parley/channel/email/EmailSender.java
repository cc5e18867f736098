package org.parley.channel.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.i18n.Renderer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Works the email outbox: claims each due message under a lease, checks consent and whether the
 * address still takes mail, composes the message in the thread and hands it to the gateway, and
 * records the outcome with the Message-ID. A transient failure is retried with exponential
 * backoff, up to a limit; a refusal fails the message at once.
 */
public final class EmailSender implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EmailSender.class.getName());
    private static final String REGION = "US";

    /**
     * How long a claim holds and how often to try.
     *
     * @param firstBackoff the wait after the first failure, doubled after each further one
     */
    record Policy(Duration lease, int maxAttempts, Duration firstBackoff, Duration maxBackoff) {

        static Policy defaults() {
            return new Policy(Duration.ofSeconds(60), 8, Duration.ofSeconds(5),
                    Duration.ofMinutes(30));
        }

        Duration backoff(int attempts) {
            Duration wait = firstBackoff.multipliedBy(1L << Math.min(Math.max(attempts - 1, 0),
                    20));
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }

    /** What the sender reads besides the outbox. */
    record Parts(ConversationService conversations, ClientStore clients,
                 ClientSettings settings, Consent consent, Deliverability deliverability,
                 EmailThreads threads, MailTokens tokens, Renderer renderer,
                 Set<String> complianceKeys, Supplier<String> baseUrl) {
    }

    /** The consent ledger's check, as the sender needs it. */
    @FunctionalInterface
    interface Consent {
        boolean optedOut(String clientId, String channel, String address);
    }

    private final EmailOutbox outbox;
    private final MailGateway gateway;
    private final Parts parts;
    private final Clock clock;
    private final Policy policy;
    private final AtomicBoolean wakePending = new AtomicBoolean();
    private volatile boolean stopping;
    private ScheduledExecutorService poller;

    EmailSender(EmailOutbox outbox, MailGateway gateway, Parts parts, Clock clock,
                Policy policy) {
        this.outbox = outbox;
        this.gateway = gateway;
        this.parts = parts;
        this.clock = clock;
        this.policy = policy;
    }

    /** Sends every message due now; returns how many were handled. */
    public synchronized int drain() {
        int handled = 0;
        while (!stopping) {
            Instant now = clock.instant();
            Optional<EmailOutbox.Claim> claim = outbox.claim(now, policy.lease());
            if (claim.isEmpty()) {
                break;
            }
            handle(claim.get(), now);
            handled++;
        }
        return handled;
    }

    /** Repairs the outbox, then polls it every {@code interval} on a virtual thread. */
    synchronized void start(Duration interval) {
        if (poller != null) {
            return;
        }
        int queued = outbox.repair();
        if (queued > 0) {
            LOG.log(System.Logger.Level.WARNING, "Email outbox: {0} stored messages had not been "
                    + "queued; queued them now", Integer.toString(queued));
        }
        poller = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("email-sender-", 1).factory());
        poller.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks at the outbox now rather than at the next poll. */
    void wake() {
        ScheduledExecutorService p = poller;
        if (p != null && !stopping && wakePending.compareAndSet(false, true)) {
            p.execute(() -> {
                wakePending.set(false);
                poll();
            });
        }
    }

    @Override
    public void close() {
        stopping = true;
        ScheduledExecutorService p = poller;
        if (p == null) {
            return;
        }
        p.shutdown();
        try {
            if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                p.shutdownNow();
            }
        } catch (InterruptedException e) {
            p.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void poll() {
        try {
            drain();
        } catch (RuntimeException e) {
            // The claimed message keeps its lease and is claimed again once it runs out.
            LOG.log(System.Logger.Level.WARNING, "Email outbox pass failed; retrying on the "
                    + "next poll", e);
        }
    }

    private void handle(EmailOutbox.Claim claim, Instant now) {
        Optional<Conversation> conversation = parts.conversations().find(claim.conversationId());
        Optional<Client> client = conversation.map(Conversation::clientId)
                .flatMap(parts.clients()::find);
        Optional<ClientMail> mail = client.flatMap(c -> ClientMail.of(parts.settings(), c.id()));
        if (client.isEmpty() || mail.isEmpty()) {
            finish(claim, "failed", Optional.empty(), Optional.of("no_email_address"), now);
            LOG.log(System.Logger.Level.WARNING, "Email for conversation {0} seq {1} failed: its "
                    + "client has no email address; save one in its email settings",
                    claim.conversationId(), Long.toString(claim.seq()));
            return;
        }
        String clientId = client.get().id();

        boolean compliance = claim.key().filter(parts.complianceKeys()::contains).isPresent();
        if (!compliance && parts.consent().optedOut(clientId, EmailOutbox.CHANNEL, claim.to())) {
            finish(claim, "suppressed", Optional.empty(), Optional.of("opted_out"), now);
            return;
        }
        if (parts.deliverability().undeliverable(clientId, claim.to())) {
            finish(claim, "suppressed", Optional.empty(), Optional.of("undeliverable"), now);
            return;
        }

        // The same for every try of one message: a try repeated after a crash cut off the SMTP
        // hand-over carries the Message-ID of the first, which mail systems use to show it once.
        String messageId = "parley." + claim.id().toHexString() + "@" + mail.get().domain();
        MimeMessage message;
        try {
            message = MailComposer.compose(gateway.session(), outgoing(claim,
                    conversation.get(), client.get(), mail.get(), messageId, now));
        } catch (MessagingException e) {
            finish(claim, "failed", Optional.empty(), Optional.of("compose failed"), now);
            LOG.log(System.Logger.Level.WARNING, "Email for conversation " + claim.conversationId()
                    + " could not be composed", e);
            return;
        }

        MailGateway.Outcome outcome = gateway.send(message, claim.conversationId(), claim.seq());
        Instant done = clock.instant();
        boolean recorded = switch (outcome) {
            case MailGateway.Accepted a -> finish(claim, "sent", Optional.of(messageId),
                    Optional.empty(), done);
            case MailGateway.Delivered d -> finish(claim, "delivered", Optional.of(messageId),
                    Optional.empty(), done);
            case MailGateway.Transient t -> claim.attempts() >= policy.maxAttempts()
                    ? finish(claim, "failed", Optional.empty(), Optional.of(t.reason()), done)
                    : outbox.finish(claim, "queued", Optional.empty(), Optional.of(t.reason()),
                    Optional.of(done.plus(policy.backoff(claim.attempts()))), done);
            case MailGateway.Rejected r -> finish(claim, "failed", Optional.empty(),
                    Optional.of(r.reason()), done);
        };
        if (recorded && (outcome instanceof MailGateway.Accepted
                || outcome instanceof MailGateway.Delivered)) {
            parts.threads().outbound(claim.conversationId(), subjectOf(message), messageId);
        }
        LOG.log(System.Logger.Level.DEBUG, "Email for conversation {0} seq {1}: {2}{3}",
                claim.conversationId(), Long.toString(claim.seq()),
                outcome.getClass().getSimpleName(), recorded ? "" : " (lease lost)");
    }

    private boolean finish(EmailOutbox.Claim claim, String status, Optional<String> messageId,
                           Optional<String> error, Instant now) {
        return outbox.finish(claim, status, messageId, error, Optional.empty(), now);
    }

    private MailComposer.Outgoing outgoing(EmailOutbox.Claim claim, Conversation conversation,
                                           Client client, ClientMail mail, String messageId,
                                           Instant now) {
        String language = conversation.dialog().language();
        Map<String, Object> args = Map.of("client", client.name(), "phone",
                client.supportPhone());
        EmailThreads.Thread thread = parts.threads().find(conversation.id());
        String subject = thread.subject()
                .map(s -> "Re: " + Subjects.bare(s))
                .orElseGet(() -> render(language, "email.subject", args, client));
        Optional<String> inReplyTo = thread.lastInbound().or(thread::lastOutbound);
        // The opt-out confirmation itself carries no opt-out link.
        Optional<String> unsubscribe = claim.key().filter(parts.complianceKeys()::contains)
                .isPresent() ? Optional.empty()
                : Optional.of(parts.baseUrl().get() + Unsubscribe.PATH + "/"
                        + parts.tokens().token(MailTokens.Purpose.UNSUBSCRIBE, conversation.id()));
        return new MailComposer.Outgoing(client.name(), mail,
                parts.tokens().replyAddress(mail.address(), conversation.id()), claim.to(),
                language, subject, claim.text(), render(language, "email.footer", args, client),
                unsubscribe, render(language, "email.unsubscribe", args, client), messageId,
                inReplyTo, thread.references(),
                outbox.fromPerson(claim) ? "" : outbox.isReply(claim) ? "auto-replied"
                        : "auto-generated", now);
    }

    private String render(String language, String key, Map<String, Object> args, Client client) {
        return parts.renderer().render(language, REGION, EmailOutbox.CHANNEL, key, args,
                client.currency());
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return Optional.ofNullable(message.getSubject()).orElse("");
        } catch (MessagingException e) {
            return "";
        }
    }
}
