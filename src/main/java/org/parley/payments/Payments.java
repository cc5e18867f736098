package org.parley.payments;

import io.helidon.webserver.http.HttpRouting;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.config.ParleyConfig;
import org.parley.dialog.Action;
import org.parley.i18n.LocaleContent;

import com.mongodb.client.MongoDatabase;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Payment links and, in the demo, the sandbox page they point to, wired from the configuration.
 * The sandbox is on only when {@link ParleyConfig.Payments#sandbox()} says so, which a
 * production configuration cannot.
 */
public final class Payments {

    private static final System.Logger LOG = System.getLogger(Payments.class.getName());

    private final PaymentLinks links;
    private final PaymentPages pages;
    private final PaymentRequests requests;
    private final Optional<SandboxPayPage> sandbox;
    private final AtomicReference<String> base;

    private Payments(PaymentLinks links, PaymentPages pages, PaymentRequests requests,
                     Optional<SandboxPayPage> sandbox, AtomicReference<String> base) {
        this.links = links;
        this.pages = pages;
        this.requests = requests;
        this.sandbox = sandbox;
        this.base = base;
    }

    /**
     * Builds the links with the configured key, or, without one, a random key made now and
     * kept only in memory: links then stop working when Parley restarts.
     */
    public static Payments create(ParleyConfig config, MongoDatabase db, ClientStore clients,
                                  ClientSettings clientSettings, AuditLog audit, Clock clock,
                                  SecureRandom random) {
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
        Optional<SandboxPayPage> page = settings.sandbox()
                ? Optional.of(new SandboxPayPage(links, new PaymentRecords(db, clock), clients,
                        audit))
                : Optional.empty();
        if (page.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, "Payments sandbox is on: /pay/{token} takes "
                    + "test card numbers only and moves no money");
        }
        return new Payments(links, pages, new PaymentRequests(db, clock), page, base);
    }

    /**
     * The dialog actions of paying now: remembering the request, then the link. With a null
     * {@code payments} they serve only to list their names and outcomes.
     */
    public static List<Action> actions(Payments payments, AccountStore accounts, AuditLog audit,
                                       Map<String, LocaleContent> locales) {
        PaymentLinks links = payments == null ? null : payments.links;
        PaymentRequests requests = payments == null ? null : payments.requests;
        PaymentRequestReader reader = new PaymentRequestReader(locales);
        List<Action> actions = new ArrayList<>();
        actions.add(new PayRequestAction(requests, reader));
        for (PayNowAction.Mode mode : PayNowAction.Mode.values()) {
            actions.add(new PayNowAction(mode, links, requests, reader, accounts, audit));
        }
        return List.copyOf(actions);
    }

    public PaymentLinks links() {
        return links;
    }

    /** Each client's payment page template, also a section of the settings API. */
    public PaymentPages pages() {
        return pages;
    }

    public boolean sandbox() {
        return sandbox.isPresent();
    }

    /** Adds {@code /pay/{token}} when the sandbox is on; nothing otherwise. */
    public void routes(HttpRouting.Builder routing) {
        sandbox.ifPresent(page -> page.routes(routing));
    }

    /** Tells the links the port Parley listens on, for a demo without a public base URL. */
    public void listeningOn(int port) {
        base.compareAndSet(null, "http://localhost:" + port);
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
