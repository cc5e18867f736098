package org.parley.plans;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Payment plans in MongoDB, collection {@code plans}: one document per plan holding its
 * versions, installment states, payments and status history. The embedded store has no
 * transactions, so every write replaces the one document on a version check, and a unique index
 * on {@code activeSlot} keeps one active plan per account.
 *
 * <p>Methods that take a {@link Plan} write over exactly the version that was read and throw
 * {@link PlanConflict} when it changed since; read it again and decide again.
 */
public final class PlanStore {

    private static final int MAX_RETRIES = 5;

    private final MongoCollection<Document> plans;
    private final Clock clock;
    private final List<java.util.function.Consumer<Plan>> agreed =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public PlanStore(MongoDatabase db, Clock clock) {
        this.plans = db.getCollection("plans");
        this.clock = clock;
        plans.createIndex(Indexes.ascending("activeSlot"), new IndexOptions().unique(true));
        plans.createIndex(Indexes.ascending("clientId", "account"));
        plans.createIndex(Indexes.ascending("status", "nextDue"));
        plans.createIndex(Indexes.ascending("clientId", "payments.paymentId"));
    }

    /** Tells {@code listener} of every plan agreed or changed from now on (outreach alerts). */
    public void listenAgreed(java.util.function.Consumer<Plan> listener) {
        agreed.add(listener);
    }

    private Plan told(Plan plan) {
        for (var listener : agreed) {
            try {
                listener.accept(plan);
            } catch (RuntimeException e) {
                System.getLogger(PlanStore.class.getName()).log(System.Logger.Level.WARNING,
                        "A listener of plan " + plan.id() + " failed; the plan stands", e);
            }
        }
        return plan;
    }

    /** The account's active plan, if it has one. */
    public Optional<Plan> active(String clientId, String account) {
        return Optional.ofNullable(plans.find(Filters.eq("activeSlot",
                PlanDocuments.activeSlot(clientId, account))).first()).map(PlanDocuments::read);
    }

    /** Every plan of the account, whatever its status, the newest first, each with its history. */
    public List<Plan> plans(String clientId, String account) {
        return plans.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("account", account)))
                .sort(Sorts.descending("createdAt"))
                .map(PlanDocuments::read).into(new ArrayList<>());
    }

    /** Every plan of the client, the newest first. */
    public List<Plan> plans(String clientId) {
        return plans.find(Filters.eq("clientId", clientId)).sort(Sorts.descending("createdAt"))
                .map(PlanDocuments::read).into(new ArrayList<>());
    }

    public Optional<Plan> find(String planId) {
        return Optional.ofNullable(plans.find(Filters.eq("_id", planId)).first())
                .map(PlanDocuments::read);
    }

    /**
     * Active plans, of every client, whose earliest installment still due falls before
     * {@code day}: the candidates for a missed-payment sweep, which holds each to its own rules'
     * grace days.
     */
    public List<Plan> activeDueBefore(LocalDate day) {
        return plans.find(Filters.and(Filters.eq("status", Plan.Status.ACTIVE.code()),
                        Filters.lt("nextDue", day.toString())))
                .map(PlanDocuments::read).into(new ArrayList<>());
    }

    /**
     * Stores a plan the patient agreed to. The same agreement stored again (a retried turn)
     * returns the plan it made.
     *
     * @param agreedOn the day of the agreement in the client's zone: a down payment is due then
     * @throws PlanConflict when the account already has another active plan
     */
    public Plan create(String clientId, String account, Schedule schedule, PlanRules rules,
                       ShownTerms terms, Agreement agreement, LocalDate agreedOn) {
        Optional<Plan> same = sameAgreement(clientId, account, agreement);
        if (same.isPresent()) {
            return same.get();
        }
        Instant now = clock.instant();
        PlanVersion first = PlanVersion.of(1, Optional.empty(), schedule, rules, terms, agreement,
                agreedOn);
        Plan plan = new Plan(UUID.randomUUID().toString(), clientId, account, Plan.Status.ACTIVE,
                1, List.of(first), List.of(), 0, List.of(new Plan.StatusChange(
                Plan.Status.ACTIVE, now, "agreed", Optional.of(agreement))), now, now);
        try {
            plans.insertOne(PlanDocuments.write(plan));
            return told(plan);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return sameAgreement(clientId, account, agreement).orElseThrow(() -> new PlanConflict(
                    "plan_exists", "Account " + account + " of client " + clientId + " already "
                    + "has an active plan; change or cancel it instead of adding another"));
        }
    }

    /**
     * Adds a version to an active plan: {@code next} replaces the schedule in force from now on.
     * A skip marks the installment it defers as skipped in the version it replaces.
     *
     * @param today the day of the change in the client's zone
     * @throws PlanConflict when the plan is not active or changed since it was read
     */
    public Plan change(Plan plan, PlanChange change, Schedule next, PlanRules rules,
                       ShownTerms terms, Agreement agreement, LocalDate today) {
        if (plan.current().agreement().equals(agreement)) {
            return plan;
        }
        requireActive(plan, "change");
        List<PlanVersion> versions = new ArrayList<>(plan.versions());
        if (change instanceof PlanChange.Skip) {
            versions.set(versions.size() - 1, skipNext(plan.current(), today));
        }
        versions.add(PlanVersion.of(plan.current().number() + 1, Optional.of(change), next, rules,
                terms, agreement, today));
        Instant now = clock.instant();
        return told(replace(plan, new Plan(plan.id(), plan.clientId(), plan.account(),
                plan.status(), plan.version(), versions, plan.payments(), plan.misses(),
                plan.statusChanges(), plan.createdAt(), now)));
    }

    /**
     * Cancels an active plan at the patient's request, keeping their yes.
     *
     * @throws PlanConflict when the plan is not active or changed since it was read
     */
    public Plan cancel(Plan plan, Agreement agreement) {
        requireActive(plan, "cancel");
        return replace(plan, withStatus(plan, Plan.Status.CANCELLED, "patient_cancelled",
                Optional.of(agreement)));
    }

    /**
     * Moves an active plan to {@code status} for {@code reason} (a stable code such as
     * {@code missed_payments} or {@code agent_cancelled}), when its stored version is still
     * {@code expectedVersion}.
     *
     * @throws PlanConflict when the plan is not active or its version is not the one expected
     */
    public Plan changeStatus(String planId, long expectedVersion, Plan.Status status,
                             String reason) {
        if (status == Plan.Status.ACTIVE) {
            throw new IllegalArgumentException("A plan becomes active only when agreed; pass "
                    + "completed, broken or cancelled");
        }
        Plan plan = expected(planId, expectedVersion);
        requireActive(plan, "mark " + status.code());
        return replace(plan, withStatus(plan, status, reason, Optional.empty()));
    }

    /**
     * Marks installment {@code number} of the version in force missed, when the stored plan is
     * still at {@code expectedVersion}; the plan breaks once its misses reach the
     * {@code missesToBreak} of the rules it was agreed under. An installment that is not due
     * (already missed, paid or skipped) is left as it is and the plan returned unchanged.
     *
     * @throws PlanConflict when the plan is not active or its version is not the one expected
     */
    public Plan markMissed(String planId, long expectedVersion, int number) {
        Plan plan = expected(planId, expectedVersion);
        requireActive(plan, "mark an installment missed on");
        PlanInstallment target = plan.installments().stream().filter(i -> i.number() == number)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("Plan " + planId
                        + " has no installment " + number + " in force; use one of "
                        + plan.installments().stream().map(PlanInstallment::number).toList()));
        if (target.state() != PlanInstallment.State.DUE) {
            return plan;
        }

        List<PlanInstallment> installments = plan.installments().stream()
                .map(i -> i.number() == number ? i.with(PlanInstallment.State.MISSED) : i)
                .toList();
        int misses = plan.misses() + 1;
        Plan missed = withCurrent(plan, installments, plan.payments(), misses);
        if (plan.rules().breaks(misses)) {
            missed = withStatus(missed, Plan.Status.BROKEN, "missed_payments", Optional.empty());
        }
        return replace(plan, missed);
    }

    /**
     * Applies a payment to the account's active plan: the oldest installments not paid in full
     * first (a missed one included), to the cent. A plan left with nothing to pay is completed.
     * The same payment id applied again changes nothing and returns the plan it went to.
     *
     * @return the plan the payment went to; empty when the account has no active plan
     */
    public Optional<Plan> applyPayment(String clientId, String account, String paymentId,
                                       BigDecimal amount, LocalDate date) {
        BigDecimal paid = Cents.positive("amount", amount);
        if (paymentId == null || paymentId.isBlank()) {
            throw new IllegalArgumentException("paymentId is missing; pass the payment's own id "
                    + "so that a replay is recognised");
        }
        for (int attempt = 1; ; attempt++) {
            Optional<Plan> applied = Optional.ofNullable(plans.find(Filters.and(
                    Filters.eq("clientId", clientId), Filters.eq("account", account),
                    Filters.eq("payments.paymentId", paymentId))).first())
                    .map(PlanDocuments::read);
            if (applied.isPresent()) {
                return applied;
            }
            Optional<Plan> active = active(clientId, account);
            if (active.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(replace(active.get(), pay(active.get(), paymentId, paid,
                        date)));
            } catch (PlanConflict e) {
                if (attempt == MAX_RETRIES) {
                    throw e;
                }
            }
        }
    }

    private Plan pay(Plan plan, String paymentId, BigDecimal amount, LocalDate date) {
        BigDecimal left = amount;
        List<PlanInstallment> installments = new ArrayList<>();
        for (PlanInstallment i : plan.installments()) {
            if (left.signum() > 0 && i.open()) {
                BigDecimal share = left.min(i.unpaid());
                installments.add(i.pay(share, paymentId));
                left = left.subtract(share);
            } else {
                installments.add(i);
            }
        }
        List<PlanPayment> payments = new ArrayList<>(plan.payments());
        payments.add(new PlanPayment(paymentId, amount, date, amount.subtract(left),
                plan.current().number(), clock.instant()));

        Plan paid = withCurrent(plan, installments, payments, plan.misses());
        return paid.current().paidInFull()
                ? withStatus(paid, Plan.Status.COMPLETED, "paid_in_full", Optional.empty())
                : paid;
    }

    /** The version with the first installment still due on or after {@code today} skipped. */
    private static PlanVersion skipNext(PlanVersion current, LocalDate today) {
        List<PlanInstallment> installments = new ArrayList<>(current.installments());
        for (int i = 0; i < installments.size(); i++) {
            PlanInstallment installment = installments.get(i);
            if (installment.number() > 0 && installment.state() == PlanInstallment.State.DUE
                    && !installment.due().isBefore(today)) {
                installments.set(i, installment.with(PlanInstallment.State.SKIPPED));
                break;
            }
        }
        return current.withInstallments(installments);
    }

    private Plan withCurrent(Plan plan, List<PlanInstallment> installments,
                             List<PlanPayment> payments, int misses) {
        List<PlanVersion> versions = new ArrayList<>(plan.versions());
        versions.set(versions.size() - 1, plan.current().withInstallments(installments));
        return new Plan(plan.id(), plan.clientId(), plan.account(), plan.status(),
                plan.version(), versions, payments, misses, plan.statusChanges(),
                plan.createdAt(), clock.instant());
    }

    private Plan withStatus(Plan plan, Plan.Status status, String reason,
                            Optional<Agreement> agreement) {
        Instant now = clock.instant();
        List<Plan.StatusChange> changes = new ArrayList<>(plan.statusChanges());
        changes.add(new Plan.StatusChange(status, now, reason, agreement));
        return new Plan(plan.id(), plan.clientId(), plan.account(), status, plan.version(),
                plan.versions(), plan.payments(), plan.misses(), changes, plan.createdAt(), now);
    }

    /**
     * Writes {@code next} over {@code read} only if the stored plan is still at the version read;
     * the plan written is one version higher.
     */
    private Plan replace(Plan read, Plan next) {
        Plan written = new Plan(next.id(), next.clientId(), next.account(), next.status(),
                read.version() + 1, next.versions(), next.payments(), next.misses(),
                next.statusChanges(), next.createdAt(), next.updatedAt());
        long matched = plans.replaceOne(Filters.and(Filters.eq("_id", read.id()),
                Filters.eq("version", read.version())), PlanDocuments.write(written))
                .getMatchedCount();
        if (matched == 0) {
            throw new PlanConflict("plan_changed", "Plan " + read.id() + " changed since version "
                    + read.version() + " was read; read it again and retry");
        }
        return written;
    }

    private Plan expected(String planId, long expectedVersion) {
        Plan plan = find(planId).orElseThrow(() -> new org.parley.NotFoundException(
                "unknown_plan", "No plan " + planId + "; list the account's plans for their ids"));
        if (plan.version() != expectedVersion) {
            throw new PlanConflict("plan_changed", "Plan " + planId + " is at version "
                    + plan.version() + ", not " + expectedVersion + "; read it again and retry");
        }
        return plan;
    }

    private static void requireActive(Plan plan, String what) {
        if (!plan.active()) {
            throw new PlanConflict("plan_not_active", "Plan " + plan.id() + " is "
                    + plan.status().code() + ", so there is nothing to " + what + "; only an "
                    + "active plan changes");
        }
    }

    private Optional<Plan> sameAgreement(String clientId, String account, Agreement agreement) {
        return active(clientId, account)
                .filter(p -> p.versions().getFirst().agreement().equals(agreement));
    }
}
