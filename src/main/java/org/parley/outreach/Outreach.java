package org.parley.outreach;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpService;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.billing.BalanceImport;
import org.parley.channel.sms.SmsSender;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.client.SettingsSection;
import org.parley.compliance.ComplianceGate;
import org.parley.compliance.ConsentLedger;
import org.parley.compliance.QuietHours;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;
import org.parley.payments.PaymentLedger;
import org.parley.plans.MissedPaymentSweep;
import org.parley.plans.PlanStore;
import org.parley.store.Jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Proactive outreach: the {@link Outbox} every alert and campaign step is scheduled in, the
 * sending job that checks and sends them, the alerts triggered by events, the follow-up of what
 * became of each send, the settings section and the API. {@code Parley} builds one and wires
 * the events to it.
 */
public final class Outreach {

    /** The job that sends what is due; short, so throughput-spaced texts go out on time. */
    public static final String SEND_JOB = "outreach-send";
    /** The job that schedules installment reminders and follows sends after they went out. */
    public static final String FOLLOW_JOB = "outreach-follow";
    /** The alerts' templates, each with its generic first message: said by the sender. */
    public static final Set<String> MESSAGE_KEYS = messageKeys();
    static final Duration SEND_EVERY = Duration.ofSeconds(5);
    static final Duration FOLLOW_EVERY = Duration.ofMinutes(1);

    private final Outbox outbox;
    private final OutreachSettingsSection settings;
    private final Sender sender;
    private final Alerts alerts;
    private final Tracker tracker;
    private final Releases releases;
    private final ClientStore clients;

    private final TakenBack takenBack;

    private Outreach(Outbox outbox, OutreachSettingsSection settings, Sender sender,
                     Alerts alerts, Tracker tracker, Releases releases, ClientStore clients,
                     TakenBack takenBack) {
        this.takenBack = takenBack;
        this.outbox = outbox;
        this.settings = settings;
        this.sender = sender;
        this.alerts = alerts;
        this.tracker = tracker;
        this.releases = releases;
        this.clients = clients;
    }

    private static Set<String> messageKeys() {
        Set<String> keys = new java.util.TreeSet<>();
        for (String t : java.util.List.of("outreach.balance", "outreach.installment_due",
                "outreach.missed", "outreach.plan", "outreach.payment", "outreach.assistance")) {
            keys.add(t);
            keys.add(t + ".generic");
        }
        return Set.copyOf(keys);
    }

    /** What outreach reads and writes through. */
    public record Parts(ClientStore clients, ClientSettings settings, AccountStore accounts,
                        ConsentLedger consent, ConversationService conversations,
                        PlanStore plans, MissedPaymentSweep.CollectionPause pause,
                        AuditLog audit, Set<String> languages, ComplianceGate gate) {
    }

    /** Builds outreach over {@code outbox}, the one the dialog's details action reads too. */
    public static Outreach create(MongoDatabase db, Outbox outbox, Parts p, Clock clock) {
        OutreachSettingsSection settings = new OutreachSettingsSection(p.settings());
        Sender sender = new Sender(outbox, new Sender.Parts(p.clients(), p.accounts(),
                p.consent(), p.conversations(), new ConversationStore(db), settings, p.pause(),
                p.audit(), p.languages()), Zones.load(), new ContactWindow(QuietHours.standard()),
                new Throughput(db), clock).backlog(SmsBacklog.of(db));
        Alerts alerts = new Alerts(outbox, settings, p.clients(), p.plans(),
                (clientId, account) -> p.conversations().latestVerified(clientId, account)
                        .isPresent(), clock);
        TakenBack takenBack = new TakenBack(outbox, new ConversationStore(db));
        return new Outreach(outbox, settings, sender, alerts,
                new Tracker(outbox, db.getCollection("messages"), p.conversations(), p.consent(),
                        p.gate()::asksToStop, takenBack, clock),
                new Releases(outbox, p.pause(), clock), p.clients(), takenBack);
    }

    /**
     * Listens to the events that trigger alerts, and to balance files that lift an account's
     * hold (its held sends become due at once); call once when wiring.
     */
    public void listen(BalanceImport balances, PaymentLedger payments, PlanStore plans) {
        balances.listen(alerts::balanceImported);
        balances.listen(imported -> imported.holdsLifted().forEach(account ->
                releases.holdLifted(imported.clientId(), account)));
        payments.listen(alerts::payment);
        plans.listenAgreed(alerts::planChanged);
    }

    /** Where a missed-payment notice no verified conversation can carry goes. */
    public MissedPaymentSweep.Unreached unreachedMissed() {
        return alerts::missed;
    }

    /** Schedules the alert of an assistance change no verified conversation could carry. */
    public void unreachedAssistance(String clientId, String account, String noticeId) {
        alerts.assistance(clientId, account, noticeId);
    }

    /**
     * An assistance application of the account was decided: its sends held while it was pending
     * become due at once, unless another application still pauses collection messages.
     */
    public void assistanceDecided(String clientId, String account) {
        releases.assistanceDecided(clientId, account);
    }

    /** Adds the sending and follow-up jobs. */
    public Jobs jobs(Jobs jobs) {
        return jobs.add(SEND_JOB, sender::run, SEND_EVERY)
                .add(FOLLOW_JOB, this::follow, FOLLOW_EVERY);
    }

    private void follow() {
        alerts.installmentsDue();
        tracker.run();
    }

    public Outbox outbox() {
        return outbox;
    }

    /** The {@code outreach} section of the settings API. */
    public SettingsSection settingsSection() {
        return settings;
    }

    /** The outreach API, to register under {@code /api/clients}. */
    public HttpService routes() {
        return new OutreachRoutes(outbox, settings, clients);
    }

    /**
     * What the SMS sender tells of a text it could not hand over before its patient's contact
     * hours ended: the send it was said for is due again, to be said in the next hours.
     */
    public SmsSender.Lapses lapses() {
        return takenBack::lapsed;
    }

    /** Campaign sends are asked of {@code gate} as the sender takes them up. */
    public void campaignGate(CampaignGate gate) {
        sender.campaigns(gate);
    }
}
