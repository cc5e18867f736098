package org.parley.assistance;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpService;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.client.SettingsSection;
import org.parley.compliance.QuietHours;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Action;
import org.parley.handoff.AgentTasks;
import org.parley.i18n.LocaleContent;
import org.parley.i18n.Renderer;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Financial assistance, wired: the applications and their settings, the dialog actions that
 * screen patients and open applications, the notices of each change, the API, and the work of
 * a job ({@link #catchUp}) that says notices held for contact hours and finishes discounts a
 * crash interrupted.
 */
public final class Assistance {

    /** The job name of {@link #catchUp}, and how often it runs. */
    public static final String JOB = "assistance-notices";
    public static final Duration JOB_EVERY = Duration.ofMinutes(5);

    private final Applications applications;
    private final StatusNotices notices;
    private final StatusImport statusImport;
    private final ClientStore clients;

    private Assistance(Applications applications, StatusNotices notices,
                       StatusImport statusImport, ClientStore clients) {
        this.applications = applications;
        this.notices = notices;
        this.statusImport = statusImport;
        this.clients = clients;
    }

    /** The applications over {@code db}, which the dialog actions and the balance import use. */
    public static Applications applications(MongoDatabase db, ClientSettings settings,
                                            AccountStore accounts, Clock clock) {
        return new Applications(new ApplicationStore(db), new AssistanceSettingsStore(settings),
                accounts, clock);
    }

    /**
     * The dialog actions of {@code dialogs/financial-assistance.yaml} and its sibling flows.
     * Called with nulls to list the actions and their outcomes only.
     */
    public static List<Action> actions(Applications applications, MongoDatabase db,
                                       AccountStore accounts, ClientStore clients,
                                       AuditLog audit, Renderer renderer,
                                       Map<String, LocaleContent> locales, Clock clock) {
        Phrases phrases = new Phrases(locales);
        ApplicationStore store = db == null ? null : new ApplicationStore(db);
        AgentTasks tasks = db == null ? null : new AgentTasks(db, clock);
        StatusWords words = new StatusWords(renderer, clients);
        Screening screening = new Screening(PovertyGuidelines.load());
        return List.of(new ProgramAction(applications),
                new HouseholdAction(new HouseholdReader(phrases)),
                new EstimateAction(applications, store, accounts, clients,
                        new IncomeReader(phrases), screening, clock),
                new ApplyAction(applications, store, accounts, clients, tasks, words),
                new StatusAction(applications, words, audit));
    }

    /** Everything else, once the conversations exist to tell patients of changes. */
    public static Assistance create(Applications applications, MongoDatabase db,
                                    ConversationService conversations, AccountStore accounts,
                                    ClientStore clients, AuditLog audit, Renderer renderer,
                                    Clock clock) {
        StatusNotices notices = new StatusNotices(db, conversations, applications, accounts,
                new StatusWords(renderer, clients), QuietHours.standard(), audit, clock);
        return new Assistance(applications, notices,
                new StatusImport(applications, notices, clients, clock), clients);
    }

    public Applications applications() {
        return applications;
    }

    /** See {@link StatusNotices#whenUnreached}. */
    public void whenUnreached(java.util.function.BiConsumer<Application, String> unreached) {
        notices.whenUnreached(unreached);
    }

    /** See {@link Applications#collectionsPaused}. */
    public boolean collectionsPaused(String clientId, String accountNumber) {
        return applications.collectionsPaused(clientId, accountNumber);
    }

    /** The applications and report API, to register under {@code /api/clients}. */
    public HttpService routes() {
        return new AssistanceRoutes(this, clients);
    }

    /**
     * The programs as a section of the settings API.
     *
     * @param languages the languages Parley speaks, which material languages must be among
     */
    public SettingsSection settings(Supplier<Set<String>> languages) {
        return new AssistanceSettingsSection(applications.settings(), languages);
    }

    /** Moves an application and tells the patient. */
    public Applications.Moved move(String clientId, String id, StatusUpdate update) {
        Applications.Moved moved = applications.move(clientId, id, update, "api");
        if (moved.changed()) {
            notices.announce(moved.application());
        }
        return moved;
    }

    StatusImport.Result importStatusFile(String clientId, byte[] csv) {
        return statusImport.importCsv(clientId, csv);
    }

    /**
     * Says the notices held for contact hours that may be said now, and applies any approved
     * discount a crash left unapplied; what the job does every {@link #JOB_EVERY}.
     *
     * @return how many notices were said
     */
    public int catchUp() {
        applications.repair();
        return notices.flush();
    }

    StatusNotices notices() {
        return notices;
    }
}
