package org.parley.channel.email;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpRouting;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.config.EmailConfig;
import org.parley.conversation.ConversationService;
import org.parley.i18n.Renderer;
import org.parley.store.Jobs;
import org.parley.web.SignedBody;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The email channel, wired: {@code POST /email/inbound} and IMAP polling in, the outbox sender
 * out through SMTP, the one-click unsubscribe link, and the attachments agents read. Without SMTP
 * settings every message goes to the development mailbox, shown at {@code /dev/mail}.
 */
public final class EmailChannel implements AutoCloseable {

    /** Message keys the channel renders itself. */
    public static final Set<String> MESSAGE_KEYS = Set.of("email.subject", "email.footer",
            "email.unsubscribe", "email.unsubscribe.confirm", "email.unsubscribe.button",
            "email.unsubscribe.done", "email.unsubscribe.invalid", EmailInbound.REFUSED_KEY,
            EmailInbound.RECEIVED_KEY);
    /** The job that polls IMAP, for {@link Jobs#run}. */
    public static final String IMAP_JOB = ImapPoller.JOB;

    private static final System.Logger LOG = System.getLogger(EmailChannel.class.getName());

    private final EmailConfig config;
    private final EmailInbound inbound;
    private final EmailSender sender;
    private final InboundWebhook webhook;
    private final Unsubscribe unsubscribe;
    private final Attachments attachments;
    private final String inboundSecret;
    private final Optional<DevMail> devMail;
    private final Optional<ImapPoller> imap;
    private final Deliverability deliverability;
    private final ConversationService conversations;
    private final AuditLog audit;
    private final AtomicReference<String> baseUrl = new AtomicReference<>("http://localhost");

    /** The services the channel works with. */
    public record Services(ConversationService conversations, ClientStore clients,
                           ClientSettings settings, AccountStore accounts, ConsentLedger ledger,
                           Renderer renderer, AuditLog audit) {
    }

    /**
     * @param publicBaseUrl where patients reach Parley, for the unsubscribe link; without it the
     *                      link points at the port Parley listens on, for the demo
     */
    public EmailChannel(EmailConfig config, Optional<String> publicBaseUrl, MongoDatabase db,
                        Services services, Set<String> complianceKeys, Clock clock,
                        SecureRandom random) {
        this.config = config;
        this.conversations = services.conversations();
        this.audit = services.audit();
        publicBaseUrl.map(EmailChannel::trimSlash).ifPresent(baseUrl::set);
        MailTokens tokens = new MailTokens(config.tokenKey().map(MailTokens::key)
                .orElseGet(() -> randomKey(random)));
        EmailOutbox outbox = new EmailOutbox(db);
        EmailThreads threads = new EmailThreads(db);
        this.deliverability = new Deliverability(db);
        this.attachments = new Attachments(db, config.attachmentTypes(),
                config.maxAttachmentBytes());

        DevMailbox devMailbox = config.smtp() ? null : new DevMailbox(db, clock);
        MailGateway gateway = config.smtp() ? MailGateway.smtp(config) : devMailbox;
        this.sender = new EmailSender(outbox, gateway, new EmailSender.Parts(
                services.conversations(), services.clients(), services.settings(),
                services.ledger()::optedOut, deliverability, threads, tokens,
                services.renderer(), complianceKeys, baseUrl::get), clock,
                EmailSender.Policy.defaults());
        this.inbound = new EmailInbound(new EmailInbound.Stores(services.clients(),
                services.settings(), services.accounts(), outbox, threads, new InboundLog(db),
                deliverability), services.conversations(), tokens, attachments,
                services.ledger()::optedOut, clock, config.maxPerHour(), sender::wake);
        // Without PARLEY_EMAIL_INBOUND_SECRET a demo secret is made, printed at start.
        this.inboundSecret = config.inboundSecret().orElseGet(() -> java.util.HexFormat.of()
                .formatHex(randomKey(random)));
        this.webhook = new InboundWebhook(new SignedBody(MailTokens.key(inboundSecret), clock),
                inbound, config.maxMessageBytes());
        this.unsubscribe = new Unsubscribe(tokens, services.conversations(), services.clients(),
                services.ledger(), services.renderer());
        this.devMail = Optional.ofNullable(devMailbox).map(box -> new DevMail(box,
                () -> services.clients().all().stream()
                        .sorted(java.util.Comparator.comparing(org.parley.client.Client::id))
                        .flatMap(c -> ClientMail.of(services.settings(), c.id()).stream()
                                .map(m -> new DevMail.Mailbox(c.id(), c.name(), m.address())))
                        .toList(),
                inbound, sender::drain, config.maxMessageBytes()));
        this.imap = config.imapHost().map(host -> new ImapPoller(config, inbound, sender::wake));
    }

    /**
     * Adds {@code POST /email/inbound}, the unsubscribe link, the attachment routes under
     * {@code /api}, and without SMTP settings the development mailbox at {@code /dev/mail}.
     */
    public void routes(HttpRouting.Builder routing) {
        webhook.routes(routing);
        unsubscribe.routes(routing);
        attachments.routes(routing, conversations, audit);
        devMail.ifPresent(page -> page.routes(routing));
    }

    /** The key {@code POST /email/inbound} is signed with: set, or made at this start. */
    public String inboundSecret() {
        return inboundSecret;
    }

    /** The files patients sent by email, for the agent console. */
    public org.parley.handoff.ConversationFiles files() {
        return attachments;
    }

    /** Adds the IMAP poll to the background jobs when an IMAP host is set. */
    public Jobs jobs(Jobs jobs) {
        imap.ifPresent(poller -> jobs.add(IMAP_JOB, poller::poll, config.imapEvery()));
        return jobs;
    }

    /** Tells the channel its port, for unsubscribe links when no public URL is set. */
    public void listeningOn(int port, boolean publicUrlSet) {
        if (!publicUrlSet) {
            baseUrl.set("http://localhost:" + port);
        }
    }

    /** Starts the outbox sender. */
    public void start() {
        sender.start(Duration.ofMillis(200));
        LOG.log(System.Logger.Level.INFO, config.smtp() ? "Email sends through SMTP"
                : "Email goes to the development mailbox at " + DevMail.PATH
                + ": no SMTP host (PARLEY_EMAIL_SMTP_HOST)");
        if (devMail.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "The development mailbox at " + DevMail.PATH
                    + " is on: anyone who reaches it reads Parley's mail and can write as any "
                    + "address. Listen on 127.0.0.1 only (PARLEY_HOST), or set "
                    + "PARLEY_EMAIL_SMTP_HOST to turn it off");
        }
    }

    /** Whether the development mailbox at {@code /dev/mail} is served: only without SMTP. */
    public boolean devMail() {
        return devMail.isPresent();
    }

    /** The inbound path, for tests and tools that hand it a raw message directly. */
    public EmailInbound inbound() {
        return inbound;
    }

    /** The sender, for tests and tools that drive the outbox by hand. */
    public EmailSender sender() {
        return sender;
    }

    /** Which addresses mail no longer reaches. */
    public Deliverability deliverability() {
        return deliverability;
    }

    @Override
    public void close() {
        sender.close();
    }

    private static byte[] randomKey(SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
