package org.parley.assistance;

import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.ParleyException;
import org.parley.assistance.Application.Change;
import org.parley.assistance.Application.Discount;
import org.parley.assistance.Application.ScreeningRecord;
import org.parley.assistance.Application.VisitDiscount;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.billing.VisitAdjustments;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * Financial assistance applications: opened from the chat, moved through their states by the
 * client, with an approval's discount applied to the account balance. Also answers whether
 * collection messages for an account must wait, for every job that sends them.
 */
public final class Applications {

    private static final System.Logger LOG = System.getLogger(Applications.class.getName());

    private final ApplicationStore store;
    private final AssistanceSettingsStore settings;
    private final AccountStore accounts;
    private final Clock clock;
    private final List<BiConsumer<String, String>> decided = new CopyOnWriteArrayList<>();

    public Applications(ApplicationStore store, AssistanceSettingsStore settings,
                        AccountStore accounts, Clock clock) {
        this.store = store;
        this.settings = settings;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Tells {@code listener} the client and account of each application that stops pending
     * (decided or withdrawn), once it is stored; call when wiring.
     */
    public void whenDecided(BiConsumer<String, String> listener) {
        decided.add(listener);
    }

    /**
     * Whether collection-type messages (missed-payment notices, reminders) for the account must
     * wait: while one of its applications is pending, unless the client turned the pause off.
     */
    public boolean collectionsPaused(String clientId, String accountNumber) {
        return settings.get(clientId).pauseCollections()
                && store.pending(clientId, accountNumber).isPresent();
    }

    public Optional<Application> find(String clientId, String id) {
        return store.find(clientId, id);
    }

    /** The application, or a not-found failure naming it. */
    public Application require(String clientId, String id) {
        return find(clientId, id).orElseThrow(() -> new NotFoundException("unknown_application",
                "No application '" + id + "' at client '" + clientId + "'; check the reference, "
                        + "such as FA-1001"));
    }

    public Optional<Application> pending(String clientId, String accountNumber) {
        return store.pending(clientId, accountNumber);
    }

    public Optional<Application> latest(String clientId, String accountNumber) {
        return store.latest(clientId, accountNumber);
    }

    /** The client's applications, oldest first. */
    public List<Application> all(String clientId) {
        return store.all(clientId);
    }

    public AssistanceSettingsStore settings() {
        return settings;
    }

    /** Visits approvals lowered, for the balance import (see {@link VisitAdjustments}). */
    public VisitAdjustments adjustments() {
        return store::discountedVisits;
    }

    /** What a patient's new application starts with. */
    record Opening(String clientId, String accountNumber, Program program, String language,
                   String channel, String conversationId, String materialLanguage,
                   boolean emailOnFile, Optional<ScreeningRecord> screening) {
    }

    /**
     * Opens an application, sent to the patient at once unless a person must send it.
     *
     * @return the new application, or the account's pending one when it has one already
     */
    Application open(Opening o) {
        Optional<Application> existing = store.pending(o.clientId(), o.accountNumber());
        if (existing.isPresent()) {
            return existing.get();
        }
        String id = store.nextId(o.clientId());
        Instant now = clock.instant();
        boolean bySomeone = o.program().apply().method() == Program.Method.POST;
        ApplicationStatus status = bySomeone ? ApplicationStatus.REQUESTED : ApplicationStatus.SENT;
        Application app = new Application(o.clientId(), id, o.accountNumber(), o.program(),
                status, o.language(), o.channel(), o.conversationId(),
                o.program().apply().urlFor(id, o.materialLanguage()), o.materialLanguage(),
                o.emailOnFile(), o.screening(), List.of(), Optional.empty(), Optional.empty(),
                List.of(new Change(status, now, "chat", List.of(), Optional.empty(),
                        Optional.empty())), now, now, 1);
        try {
            store.insert(app);
        } catch (ApplicationStore.AlreadyOpen e) {
            return store.pending(o.clientId(), o.accountNumber()).orElseThrow(() -> e);
        }
        LOG.log(System.Logger.Level.INFO, "Assistance application {0} opened at client {1} as {2}",
                id, o.clientId(), status.code());
        return app;
    }

    /** What a status update did: moved the application, or found it there already. */
    public record Moved(Application application, boolean changed) {
    }

    /**
     * Checks an update against the application without changing anything.
     *
     * @return the update's problems with its fields; empty when it may be applied
     * @throws MoveRefused when the application's status does not allow the move
     */
    List<StatusUpdate.Issue> check(Application app, StatusUpdate update) {
        List<StatusUpdate.Issue> issues = update.issues(app.program());
        if (!issues.isEmpty() || update.sameAs(app)) {
            return issues;
        }
        if (!app.status().canMoveTo(update.status())) {
            throw new MoveRefused(app.id(), app.status(), update.status());
        }
        return issues;
    }

    /**
     * Moves an application, when its status allows; an approval takes its discount off the
     * account. An update to where the application stands already changes nothing.
     *
     * @param source {@code api}, or {@code file:<sha-256>:<line>} for a status file's row
     * @throws BadInputException naming the field, when the update does not fit the status
     * @throws MoveRefused       when the current status does not allow the move
     */
    public Moved move(String clientId, String id, StatusUpdate update, String source) {
        Application app = require(clientId, id);
        List<StatusUpdate.Issue> issues = check(app, update);
        if (!issues.isEmpty()) {
            StatusUpdate.Issue first = issues.get(0);
            throw new BadInputException("invalid_status_update", "Application " + id
                    + " was not changed: " + first.field() + (first.value().isEmpty()
                    ? " is missing; expected " + first.expected()
                    : " '" + first.value() + "' is not " + first.expected()) + ".");
        }
        if (update.sameAs(app)) {
            return new Moved(app, false);
        }

        Instant now = clock.instant();
        Optional<Discount> discount = Optional.empty();
        if (update.status() == ApplicationStatus.APPROVED) {
            Account account = accounts.find(clientId, app.accountNumber()).orElseThrow(() ->
                    new Conflict("Application " + id + " is for account " + app.accountNumber()
                            + ", which is no longer on file; import the account before approving"));
            discount = Optional.of(Discounts.of(account, update.discountPercent().orElseThrow()));
        }
        Change change = new Change(update.status(), now, source, update.missing(),
                update.reason(), update.discountPercent());
        Application next = app.moved(change, discount, now);
        if (!store.update(next)) {
            throw new Conflict("Application " + id + " changed while this update was applied; "
                    + "read it again and send the update once more");
        }
        LOG.log(System.Logger.Level.INFO, "Assistance application {0} at client {1}: {2} -> {3}",
                id, clientId, app.status().code(), next.status().code());
        Application moved = discount.isPresent() ? applyDiscount(next) : next;
        if (app.status().pending() && !next.status().pending()) {
            tellDecided(next);
        }
        return new Moved(moved, true);
    }

    private void tellDecided(Application app) {
        for (BiConsumer<String, String> listener : decided) {
            try {
                listener.accept(app.clientId(), app.accountNumber());
            } catch (RuntimeException e) {
                // The decision is stored; what follows from it must not undo it.
                LOG.log(System.Logger.Level.WARNING, "A listener of application " + app.id()
                        + " at client " + app.clientId() + " failed", e);
            }
        }
    }

    /**
     * Takes an approval's discount off the account's visits and marks it applied. Safe to run
     * again: a visit already lowered, or changed by an import meanwhile, is left alone.
     */
    Application applyDiscount(Application app) {
        Discount discount = app.discount().orElseThrow();
        for (VisitDiscount visit : discount.visits()) {
            boolean changed = accounts.adjustVisit(app.clientId(), app.accountNumber(),
                    visit.before(), visit.amount());
            if (!changed) {
                LOG.log(System.Logger.Level.WARNING, "Discount of application {0} at client {1}"
                        + " left visit {2} alone: its figures changed since approval, or the "
                        + "discount was applied before", app.id(), app.clientId(),
                        visit.before().encounterId());
            }
        }
        Application applied = app.discountApplied();
        return store.update(applied) ? applied : store.find(app.clientId(), app.id())
                .orElse(applied);
    }

    /** Applies the discounts of approvals a crash left unapplied; run by a job. */
    void repair() {
        store.unappliedDiscounts().forEach(this::applyDiscount);
    }

    /** Two writers changed the same application; the caller reads it again. */
    static final class Conflict extends ParleyException {
        Conflict(String message) {
            super(Kind.CONFLICT, "application_conflict", message);
        }
    }
}
