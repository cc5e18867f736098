package org.parley;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import org.parley.assistance.ApplicationMail;
import org.parley.assistance.Applications;
import org.parley.assistance.Assistance;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.billing.BalanceImport;
import org.parley.billing.BalanceRoutes;
import org.parley.billing.ShowBalanceAction;
import org.parley.channel.email.EmailChannel;
import org.parley.channel.email.EmailSettings;
import org.parley.channel.sms.OptOutSink;
import org.parley.channel.sms.SmsChannel;
import org.parley.channel.webchat.WebChat;
import org.parley.client.ClientSettings;
import org.parley.client.ClientSettingsRoutes;
import org.parley.client.ClientStore;
import org.parley.client.PlanSettings;
import org.parley.compliance.ComplianceGate;
import org.parley.compliance.ConsentLedger;
import org.parley.compliance.QuietHours;
import org.parley.config.ParleyConfig;
import org.parley.conversation.ConversationRoutes;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;
import org.parley.dialog.Action;
import org.parley.dialog.ContentCheck;
import org.parley.dialog.ContentException;
import org.parley.dialog.DialogEngine;
import org.parley.dialog.Flow;
import org.parley.dialog.FlowLoader;
import org.parley.financing.Financing;
import org.parley.handoff.AgentTasks;
import org.parley.handoff.Handoffs;
import org.parley.handoff.RequestAgentAction;
import org.parley.i18n.LocaleContent;
import org.parley.i18n.Renderer;
import org.parley.identity.ChoosePatientAction;
import org.parley.identity.IdentifyByPhoneAction;
import org.parley.identity.VerificationThrottle;
import org.parley.identity.VerifyIdentityAction;
import org.parley.nlu.IntentClassifier;
import org.parley.nlu.LanguageDetector;
import org.parley.nlu.OpenNlpIntentClassifier;
import org.parley.outreach.DetailsAction;
import org.parley.outreach.Outbox;
import org.parley.outreach.Outreach;
import org.parley.outreach.campaign.Campaigns;
import org.parley.payments.PaymentLedger;
import org.parley.payments.Payments;
import org.parley.plans.MissedPaymentSweep;
import org.parley.plans.PlanActions;
import org.parley.plans.PlanRoutes;
import org.parley.plans.PlanStore;
import org.parley.qa.Qa;
import org.parley.staff.DemoStaff;
import org.parley.staff.Staff;
import org.parley.store.JobRoutes;
import org.parley.store.Jobs;
import org.parley.store.Leases;
import org.parley.store.Store;
import org.parley.web.ApiAuth;
import org.parley.web.Problems;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One running Parley: its store, its services and its web server, wired together. {@code Main}
 * starts one; tests start one on a free port with an empty store.
 */
public final class Parley implements AutoCloseable {

    /** Message keys the Java code renders itself rather than a flow. */
    public static final Set<String> KEYS_USED_BY_CODE = keysUsedByCode();

    private static final System.Logger LOG = System.getLogger(Parley.class.getName());
    /** Failed checks of one identity, across conversations, before it is held for a person. */
    private static final int VERIFICATION_FAILURES_PER_DAY = 10;
    /** The job name of the missed-payment sweep, for {@link #jobs()}. */
    public static final String MISSED_PAYMENTS_JOB = "missed-payments";

    private static Set<String> keysUsedByCode() {
        Set<String> keys = new java.util.TreeSet<>(ComplianceGate.MESSAGE_KEYS);
        keys.addAll(WebChat.PAGE_KEYS);
        keys.addAll(Payments.MESSAGE_KEYS);
        keys.addAll(EmailChannel.MESSAGE_KEYS);
        keys.addAll(Handoffs.MESSAGE_KEYS);
        keys.addAll(Outreach.MESSAGE_KEYS);
        keys.addAll(List.of("card.masked", "language.switched", "help.chat", "menu.reprompt",
                "session.expired", "options.reply_with_number", "missed.notice",
                "missed.broken"));
        return Set.copyOf(keys);
    }

    private final Store store;
    private final WebServer server;
    private final String apiToken;
    private final Services services;
    private final SmsChannel sms;
    private final EmailChannel email;
    private final Payments payments;
    private final Jobs jobs;
    private final Staff staff;
    private final List<DemoStaff.Login> demoStaff;
    private final Campaigns campaigns;

    private Parley(Store store, WebServer server, String apiToken, Services services,
                   SmsChannel sms, EmailChannel email, Payments payments, Jobs jobs,
                   Staff staff, List<DemoStaff.Login> demoStaff, Campaigns campaigns) {
        this.store = store;
        this.server = server;
        this.apiToken = apiToken;
        this.services = services;
        this.sms = sms;
        this.email = email;
        this.payments = payments;
        this.jobs = jobs;
        this.staff = staff;
        this.demoStaff = demoStaff;
        this.campaigns = campaigns;
    }

    /** The parts a running Parley is made of, for the CLI and tests. */
    public record Services(ClientStore clients, ClientSettings settings, AccountStore accounts,
                           BalanceImport balances, ConversationService conversations,
                           AuditLog audit, ConsentLedger consent, Renderer renderer,
                           PlanStore plans, AgentTasks tasks, Payments payments,
                           Financing financing, Assistance assistance,
                           Handoffs handoffs, Outreach outreach) {
    }

    /** Content loaded and checked: Parley refuses to start on an invalid set. */
    public record Content(Map<String, Flow> flows, Map<String, LocaleContent> locales) {
    }

    /**
     * Loads and checks {@code dialogs/} and {@code locales/}.
     *
     * @throws ContentException naming every problem with its file and line
     */
    public static Content loadContent(ParleyConfig config) {
        Map<String, Flow> flows = FlowLoader.load(config.dialogsDir());
        Map<String, LocaleContent> locales = LocaleContent.loadAll(config.localesDir());
        List<ContentCheck.Problem> problems = ContentCheck.check(flows, locales,
                actionOutcomes(), KEYS_USED_BY_CODE);
        if (!problems.isEmpty()) {
            String count = problems.size() + (problems.size() == 1 ? " problem" : " problems");
            throw new ContentException(count + " in " + config.dialogsDir() + "/ and "
                    + config.localesDir() + "/:\n"
                    + problems.stream().map(Object::toString).collect(Collectors.joining("\n")));
        }
        return new Content(flows, locales);
    }

    /** Every action the engine provides, with the outcomes each may return. */
    public static Map<String, Set<String>> actionOutcomes() {
        Map<String, Set<String>> outcomes = new TreeMap<>();
        List<Action> all = new ArrayList<>(actions(null, null, null, null, Map.of(), null, 3,
                () -> null, null, null));
        all.addAll(PlanActions.all(null, null, null, null, null, null, null, Map.of(), null));
        all.addAll(Assistance.actions(null, null, null, null, null, null, Map.of(), null,
                new ApplicationMail()));
        all.add(new DetailsAction(null));
        for (Action a : all) {
            outcomes.put(a.name(), a.outcomes());
        }
        return outcomes;
    }

    private static List<Action> actions(AccountStore accounts, ClientStore clients,
                                        VerificationThrottle throttle, AuditLog audit,
                                        Map<String, LocaleContent> locales, Clock clock,
                                        int maxAttempts, Supplier<Payments> payments,
                                        Financing financing, IntentClassifier classifier) {
        var verify = new VerifyIdentityAction(accounts, throttle, maxAttempts, locales,
                classifier, clock);
        List<Action> actions = new java.util.ArrayList<>(List.of(verify,
                new IdentifyByPhoneAction(accounts),
                new ChoosePatientAction(accounts, maxAttempts, verify),
                new ShowBalanceAction(accounts, audit, clients, clock), new RequestAgentAction()));
        actions.addAll(Payments.actions(payments, accounts, audit, locales));
        actions.addAll(Financing.actions(financing, accounts, clients, audit, locales));
        return actions;
    }

    /** Opens the store named by the configuration: MongoDB when a URI is set, else embedded. */
    public static Store openStore(ParleyConfig config) {
        return config.mongoUri()
                .map(uri -> Store.connect(uri, config.database()))
                .orElseGet(() -> Store.embedded(config.dataDir(), config.database()));
    }

    /** Builds the services over an open store; seeds the demo client when configured. */
    public static Services services(ParleyConfig config, Store store, Content content,
                                    Clock clock, SecureRandom random) {
        var db = store.database();
        ClientStore clients = new ClientStore(db);
        ClientSettings settings = new ClientSettings(db);
        AccountStore accounts = new AccountStore(db);
        AuditLog audit = new AuditLog(db, clock);
        PlanStore plans = new PlanStore(db, clock);
        Applications applications = Assistance.applications(db, settings, accounts, clock);
        BalanceImport balances = new BalanceImport(accounts, clients, clock,
                config.importMaxRows(), applications.adjustments());
        if (config.seedDemo()) {
            Demo.seed(clients, settings, balances);
        }
        Financing financing = Financing.create(db, settings, content.locales(), clock);
        // Payments send receipts through the conversations, whose dialog runs the pay actions:
        // those look the payments up when a turn runs.
        AtomicReference<Payments> paymentsHolder = new AtomicReference<>();

        var classifier = new OpenNlpIntentClassifier(content.locales());
        var throttle = new VerificationThrottle(db, clock, VERIFICATION_FAILURES_PER_DAY,
                java.time.Duration.ofDays(1));
        var conversationStore = new ConversationStore(db);
        List<Action> actions = new ArrayList<>(actions(accounts, clients, throttle, audit,
                content.locales(), clock, config.verificationMaxAttempts(), paymentsHolder::get,
                financing, classifier));
        actions.addAll(PlanActions.all(plans, settings, accounts, clients, audit,
                conversationStore, db, content.locales(), clock));
        var renderer = new Renderer(content.locales(), "en");
        Outbox outbox = new Outbox(db, clock);
        actions.add(new DetailsAction(outbox, renderer, clients, accounts, audit));
        // Applications go by email through the conversations, built below with these actions.
        ApplicationMail applicationMail = new ApplicationMail();
        actions.addAll(Assistance.actions(applications, db, accounts, clients, audit, renderer,
                content.locales(), clock, applicationMail));
        var engine = new DialogEngine(content.flows(), actions, classifier,
                new LanguageDetector(content.locales()), content.locales());
        var ledger = new ConsentLedger(db, clock);
        var gate = new ComplianceGate(content.locales(), ledger);
        var conversations = new ConversationService(conversationStore, clients, engine,
                gate, renderer, clock, random, Map.of("sms", config.smsSessionTimeout(),
                "email", config.email().sessionTimeout()));
        Handoffs handoffs = Handoffs.create(config, db, store.isEmbedded(), clients, settings,
                renderer.languages(), clock);
        conversations.handOverTo(handoffs.handover());
        EmailSettings mailboxes = new EmailSettings(settings, clients);
        applicationMail.bind(conversations, ledger, clientId -> clients.find(clientId)
                .flatMap(mailboxes::show).isPresent());
        Payments payments = Payments.create(config, db, clients, settings, accounts,
                conversations, audit, clock, random);
        paymentsHolder.set(payments);
        Assistance assistance = Assistance.create(applications, db, conversations, accounts,
                clients, audit, renderer, clock);
        Outreach outreach = Outreach.create(db, outbox, new Outreach.Parts(clients, settings,
                accounts, ledger, conversations, plans, assistance::collectionsPaused, audit,
                renderer.languages(), gate), clock);
        outreach.listen(balances, payments.ledger(), plans);
        assistance.whenUnreached((app, noticeId) -> outreach.unreachedAssistance(app.clientId(),
                app.accountNumber(), noticeId));
        applications.whenDecided(outreach::assistanceDecided);
        return new Services(clients, settings, accounts, balances, conversations, audit, ledger,
                renderer, plans, new AgentTasks(db, clock), payments, financing, assistance,
                handoffs, outreach);
    }

    /** Starts everything and listens on the configured port (0 picks a free one). */
    public static Parley start(ParleyConfig config, Clock clock) {
        Content content = loadContent(config);
        SecureRandom random = new SecureRandom();
        String token = config.apiToken().orElseGet(() -> Demo.token(random));
        Store store = openStore(config);
        try {
            Services services = services(config, store, content, clock, random);
            WebChat chat = new WebChat(services.conversations(), services.renderer(),
                    Demo.CLIENT_ID, config.chatMaxFrameBytes(), config.chatMaxTextLength());
            ConsentLedger ledger = services.consent();
            SmsChannel sms = new SmsChannel(SmsChannel.Settings.from(config,
                    ComplianceGate.EXEMPT_KEYS), store.database(), services.conversations(),
                    services.clients(), services.accounts(),
                    OptOutSink.of(ledger::optOut, ledger::optedOut), clock, store::flush);
            EmailChannel email = new EmailChannel(config.email(), config.publicBaseUrl(),
                    store.database(), new EmailChannel.Services(services.conversations(),
                    services.clients(), services.settings(), services.accounts(), ledger,
                    services.renderer(), services.audit()), ComplianceGate.EXEMPT_KEYS, clock,
                    random);
            Payments payments = services.payments();
            payPlans(payments.ledger(), services.plans());
            Staff staff = Staff.create(config, store.database(), services.clients(), clock,
                    random);
            List<DemoStaff.Login> demoStaff = config.seedDemo() && store.isEmbedded()
                    ? staff.seedDemo(Demo.CLIENT_ID, config.staff().demoPassword(), random)
                    : List.of();
            Qa qa = Qa.create(store.database(), services.conversations(), services.settings(),
                    services.clients(), services.audit(), staff.auth(),
                    content.locales().keySet(), clock, random);
            Handoffs handoffs = services.handoffs();
            handoffs.files(email.files(), staff.auth());
            Campaigns campaigns = Campaigns.create(store.database(), new Campaigns.Parts(
                    services.clients(), services.accounts(), services.plans(), ledger,
                    payments.ledger()),
                    content.locales(), content.flows(), clock, random);
            services.outreach().campaignGate(campaigns::gate);
            sms.sender().onLapse(services.outreach().lapses());
            handoffs.openDesk(services.conversations(), services.clients(), services.accounts(),
                    services.plans(), services.assistance().applications(), services.tasks(),
                    services.audit(), staff.service(), content.flows(), services.consent());
            Jobs jobs = email.jobs(jobs(services, store, clock));
            qa.schedule(jobs);
            jobs.add(Campaigns.JOB, campaigns::run, Campaigns.JOB_EVERY);
            DeadClaims.release(store, services.outreach().outbox(), clock);
            WebServer server = WebServer.builder()
                    .host(config.host())
                    .port(config.port())
                    .routing(routing -> {
                        routing(routing, services, chat, token, staff);
                        sms.routes(routing);
                        email.routes(routing);
                        payments.routes(routing);
                        qa.routes(routing);
                        handoffs.routes(routing);
                        routing.register("/api/clients", campaigns.routes());
                        campaigns.consoleRoutes(routing, staff.auth());
                        routing.register("/api/jobs", new JobRoutes(() -> jobs, clock));
                    })
                    .addRouting(wsRouting(chat, handoffs, staff))
                    .build()
                    .start();
            if (!server.isRunning() || server.port() < 0) {
                // Helidon logs the bind failure and carries on; Parley must not.
                server.stop();
                throw new PortUnavailableException(config.port());
            }
            payments.listeningOn(server.port());
            sms.start();
            email.listeningOn(server.port(), config.publicBaseUrl().isPresent());
            email.start();
            handoffs.start();
            jobs.start();
            LOG.log(System.Logger.Level.INFO, "Parley listening on port " + server.port());
            return new Parley(store, server, token, services, sms, email, payments, jobs, staff,
                    demoStaff, campaigns);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * The background jobs: the missed-payment sweep every hour (it tells patients only in
     * contact hours, so an hourly pass reaches them at the first allowed hour), silent for an
     * account while its assistance application is pending; and the assistance notices held for
     * contact hours.
     */
    private static Jobs jobs(Services services, Store store, Clock clock) {
        var db = store.database();
        MissedPaymentSweep sweep = new MissedPaymentSweep(services.plans(), services.clients(),
                services.conversations(), services.tasks(), QuietHours.standard(),
                services.assistance()::collectionsPaused, db, clock)
                .whenUnreached(services.outreach().unreachedMissed());
        return services.outreach().jobs(services.handoffs().jobs(new Jobs(new Leases(db, clock),
                clock)
                .add(MISSED_PAYMENTS_JOB, sweep::run, Duration.ofHours(1))
                .add(Assistance.JOB, services.assistance()::catchUp, Assistance.JOB_EVERY)));
    }

    /**
     * Every payment recorded, by webhook, file or the sandbox page, also pays the account's plan
     * installments, oldest first; a replay is applied once there too.
     */
    public static void payPlans(PaymentLedger ledger, PlanStore plans) {
        ledger.listen(recorded -> plans.applyPayment(recorded.payment().clientId(),
                recorded.payment().accountNumber(), recorded.payment().paymentId(),
                recorded.payment().amount(), recorded.paidOn()));
    }

    static void routing(HttpRouting.Builder routing, Services services, WebChat chat,
                        String token, Staff staff) {
        Problems.register(routing);
        ApiAuth auth = new ApiAuth(token);
        // Before the token check: /api/staff also takes a signed-in admin's session.
        staff.routes(routing, auth);
        routing.any("/api", auth::handle)
                .any("/api/*", auth::handle)
                .register("/api/clients", new BalanceRoutes(services.balances()),
                        new ClientSettingsRoutes(services.clients(), java.util.stream.Stream.concat(
                                java.util.stream.Stream.of(new PlanSettings(services.settings()),
                                        services.payments().pages(),
                                        services.financing().partners(),
                                        services.assistance().settings(() -> services.renderer()
                                                .languages()),
                                        Qa.settingsSection(services.settings()),
                                        new EmailSettings(services.settings(),
                                                services.clients()),
                                        services.outreach().settingsSection()),
                                services.handoffs().settingsSections().stream()).toList()))
                .register("/api/clients", new PlanRoutes(services.plans(), services.clients(),
                        services.payments().ledger(), services.accounts()))
                .register("/api/clients", services.assistance().routes())
                .register("/api/clients", services.outreach().routes())
                .register("/api/conversations", new ConversationRoutes(services.conversations(),
                        services.audit()))
                .register("/api/audit", new org.parley.audit.AuditRoutes(services.audit()))
                .get("/", (req, res) -> {
                    res.status(io.helidon.http.Status.SEE_OTHER_303);
                    res.header(io.helidon.http.HeaderNames.LOCATION, "/chat");
                    res.send();
                });
        chat.routes(routing);
    }

    private static WsRouting.Builder wsRouting(WebChat chat, Handoffs handoffs, Staff staff) {
        WsRouting.Builder ws = WsRouting.builder();
        chat.sockets(ws);
        handoffs.sockets(ws, staff.auth());
        return ws;
    }

    public int port() {
        return server.port();
    }

    public String apiToken() {
        return apiToken;
    }

    public Services services() {
        return services;
    }

    public Store store() {
        return store;
    }

    public SmsChannel sms() {
        return sms;
    }

    public EmailChannel email() {
        return email;
    }

    public Payments payments() {
        return payments;
    }

    /** The background jobs, for an operator's command or a test to run one now. */
    public Jobs jobs() {
        return jobs;
    }

    public Staff staff() {
        return staff;
    }

    /** The clients' campaigns, as the API and the campaign job move them. */
    public Campaigns campaigns() {
        return campaigns;
    }

    /** The embedded demo's staff accounts and passwords, to print once; empty otherwise. */
    public List<DemoStaff.Login> demoStaff() {
        return demoStaff;
    }

    @Override
    public void close() {
        jobs.close();
        services.handoffs().close();
        sms.close();
        email.close();
        server.stop();
        store.close();
    }
}
