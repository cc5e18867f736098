package org.parley.payments;

import io.helidon.webserver.http.HttpRouting;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.config.ParleyConfig;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Action;
import org.parley.i18n.LocaleContent;

import com.mongodb.client.MongoDatabase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Payments, wired from the configuration: the links patients pay with, the ledger of payments
 * received and, in the demo, the sandbox page the links point to. The sandbox is on only when
 * {@link ParleyConfig.Payments#sandbox()} says so, which a production configuration cannot.
 */
public final class Payments {

    /** Message keys the payments code renders itself. */
    public static final Set<String> MESSAGE_KEYS = Set.of(Receipts.KEY);

    private static final System.Logger LOG = System.getLogger(Payments.class.getName());

    private final PaymentLinks links;
    private final PaymentPages pages;
    private final PaymentRequests requests;
    private final PaymentLedger ledger;
    private final Optional<SandboxPayPage> sandbox;
    private final PaymentWebhook webhook;
    private final String webhookSecret;
    private final PaymentImport imports;
    private final PaymentRoutes api;
    private final AtomicReference<String> base;

    private Payments(PaymentLinks links, PaymentPages pages, PaymentRequests requests,
                     PaymentLedger ledger, Optional<SandboxPayPage> sandbox,
                     PaymentWebhook webhook, String webhookSecret, PaymentImport imports,
                     PaymentRoutes api, AtomicReference<String> base) {
        this.links = links;
        this.pages = pages;
        this.requests = requests;
        this.ledger = ledger;
        this.sandbox = sandbox;
        this.webhook = webhook;
        this.webhookSecret = webhookSecret;
        this.imports = imports;
        this.api = api;
        this.base = base;
    }

    /**
     * Builds the links and the webhook with the configured keys, or, without them, random keys
     * made now and kept only in memory: links and webhook signatures then stop working when
     * Parley restarts.
     */
    public static Payments create(ParleyConfig config, MongoDatabase db, ClientStore clients,
                                  ClientSettings clientSettings, AccountStore accounts,
                                  ConversationService conversations, AuditLog audit,
                                  Clock clock, SecureRandom random) {
        ParleyConfig.Payments settings = config.payments();
        byte[] key = settings.linkKey().map(k -> k.getBytes(StandardCharsets.UTF_8))
                .orElseGet(() -> {
                    byte[] k = new byte[ParleyConfig.Payments.MIN_KEY_BYTES];
                    random.nextBytes(k);
                    return k;
                });
        if (settings.linkKey().isEmpty() && !settings.sandbox()) {
            LOG.log(System.Logger.Level.WARNING, "PARLEY_PAYMENT_LINK_KEY is not set: payment "
                    + "links are signed with a key made at start and stop working on restart");
        }

        AtomicReference<String> base = new AtomicReference<>(
                config.publicBaseUrl().map(Payments::trimSlash).orElse(null));
        // A client's own page first; in the demo, the sandbox for a client without one.
        PaymentPages pages = new PaymentPages(clientSettings);
        PaymentLinks.UrlTemplates templates = clientId -> pages.template(clientId)
                .or(() -> settings.sandbox()
                        ? Optional.ofNullable(base.get()).map(b -> b + SandboxPayPage.PATH)
                        : Optional.empty());
        PaymentLinks links = new PaymentLinks(db, clock, random, key, settings.linkTtl(),
                templates);
        PaymentLedger ledger = PaymentLedger.create(db, accounts, clients, conversations, audit,
                clock);
        Optional<SandboxPayPage> page = settings.sandbox()
                ? Optional.of(new SandboxPayPage(links, ledger, clients, audit, clock))
                : Optional.empty();
        if (page.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "Payments sandbox is on: /pay/{token} takes "
                    + "test card numbers only and moves no money");
        }

        String secret = settings.webhookSecret().orElseGet(() -> {
            byte[] made = new byte[ParleyConfig.Payments.MIN_KEY_BYTES];
            random.nextBytes(made);
            return HexFormat.of().formatHex(made);
        });
        if (settings.webhookSecret().isEmpty() && !settings.sandbox()) {
            LOG.log(System.Logger.Level.WARNING, "PARLEY_PAYMENTS_WEBHOOK_SECRET is not set: "
                    + "payment webhooks must be signed with a secret made at start, which "
                    + "changes on restart");
        }
        PaymentWebhook webhook = new PaymentWebhook(new WebhookSignature(
                secret.getBytes(StandardCharsets.UTF_8), clock), clients, ledger, clock);
        PaymentImport imports = new PaymentImport(ledger, clients, clock, config.importMaxRows());
        PaymentRoutes api = new PaymentRoutes(imports, ledger, clients, accounts, audit);
        return new Payments(links, pages, new PaymentRequests(db, clock), ledger, page, webhook,
                secret, imports, api, base);
    }

    /**
     * The dialog actions of paying now: remembering the request, then the link.
     *
     * @param payments looked up when a turn runs: the payments are built after the dialog,
     *                 since their receipts are said in its conversations
     */
    public static List<Action> actions(Supplier<Payments> payments, AccountStore accounts,
                                       AuditLog audit, Map<String, LocaleContent> locales) {
        PaymentRequestReader reader = new PaymentRequestReader(locales);
        List<Action> actions = new ArrayList<>();
        actions.add(new PayRequestAction(() -> payments.get().requests, reader));
        for (PayNowAction.Mode mode : PayNowAction.Mode.values()) {
            actions.add(new PayNowAction(mode, payments, reader, accounts, audit));
        }
        return List.copyOf(actions);
    }

    public PaymentLinks links() {
        return links;
    }

    /** What patients asked to pay before they were verified. */
    PaymentRequests requests() {
        return requests;
    }

    /** Each client's payment page template, also a section of the settings API. */
    public PaymentPages pages() {
        return pages;
    }

    /** The payments received; add a {@link PaymentListener} here to learn of each new one. */
    public PaymentLedger ledger() {
        return ledger;
    }

    public boolean sandbox() {
        return sandbox.isPresent();
    }

    /**
     * The secret payment webhooks are signed with: the configured one, or the one made at start,
     * which the demo prints.
     */
    public String webhookSecret() {
        return webhookSecret;
    }

    /** The payment file import, for the command line. */
    public PaymentImport imports() {
        return imports;
    }

    /**
     * Adds the payment webhook, {@value PaymentWebhook#PATH}, {@code /pay/{token}} when the
     * sandbox is on, and the payments API under {@code /api/clients}. Call it after the API's
     * bearer token check is routed: that check guards only what is routed after it.
     */
    public void routes(HttpRouting.Builder routing) {
        webhook.routes(routing);
        sandbox.ifPresent(page -> page.routes(routing));
        routing.register("/api/clients", api);
    }

    /** Tells the links the port Parley listens on, for a demo without a public base URL. */
    public void listeningOn(int port) {
        base.compareAndSet(null, "http://localhost:" + port);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
