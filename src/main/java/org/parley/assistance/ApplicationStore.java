package org.parley.assistance;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.assistance.Application.Change;
import org.parley.assistance.Application.Discount;
import org.parley.assistance.Application.ScreeningRecord;
import org.parley.assistance.Application.VisitDiscount;
import org.parley.billing.AccountStore;
import org.parley.billing.Encounter;
import org.parley.billing.VisitAdjustments;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applications in {@code assistance_applications}, one document each. An account has at most
 * one pending application: a unique {@code openKey} is set while it is pending and removed when
 * it is decided. Changes replace the document only at the version that was read.
 */
public final class ApplicationStore {

    /** The first application number of every client. */
    static final int FIRST_NUMBER = 1001;

    private final MongoCollection<Document> applications;
    private final MongoCollection<Document> counters;
    private final MongoCollection<Document> estimates;

    public ApplicationStore(MongoDatabase db) {
        this.applications = db.getCollection("assistance_applications");
        this.counters = db.getCollection("assistance_counters");
        this.estimates = db.getCollection("assistance_estimates");
        applications.createIndex(Indexes.ascending("clientId", "accountNumber", "createdAt"));
        applications.createIndex(Indexes.ascending("clientId", "createdAt"));
        applications.createIndex(Indexes.ascending("openKey"),
                new IndexOptions().unique(true).sparse(true));
    }

    /** Another application of the account is pending. */
    static final class AlreadyOpen extends RuntimeException {
        AlreadyOpen() {
            super("The account has a pending application", null, false, false);
        }
    }

    /**
     * The next application reference of the client: FA-1001, FA-1002, ... Worked out from the
     * counter as it was before the increment: the embedded store answers an update with the
     * very document it keeps, which an application made at the same moment changes before the
     * answer is sent, so both would read the same number.
     */
    String nextId(String clientId) {
        Document before = counters.findOneAndUpdate(Filters.eq("_id", clientId),
                Updates.inc("n", 1), new FindOneAndUpdateOptions().upsert(true)
                        .returnDocument(ReturnDocument.BEFORE));
        // None before (or an empty one, as some stores answer): this upsert made the counter.
        int n = (before == null ? 0 : before.getInteger("n", 0)) + 1;
        return "FA-" + (FIRST_NUMBER - 1 + n);
    }

    /**
     * Stores a new application.
     *
     * @throws AlreadyOpen when the account has a pending application already
     */
    void insert(Application a) {
        try {
            applications.insertOne(write(a));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new AlreadyOpen();
            }
            throw e;
        }
    }

    /** Replaces the stored application if it is still at {@code next.version() - 1}. */
    boolean update(Application next) {
        return applications.replaceOne(Filters.and(Filters.eq("_id", key(next.clientId(),
                        next.id())), Filters.eq("version", next.version() - 1)), write(next))
                .getMatchedCount() == 1;
    }

    public Optional<Application> find(String clientId, String id) {
        return Optional.ofNullable(applications.find(Filters.eq("_id", key(clientId, id))).first())
                .map(ApplicationStore::read);
    }

    /** The account's pending application, if it has one. */
    public Optional<Application> pending(String clientId, String accountNumber) {
        return Optional.ofNullable(applications.find(Filters.eq("openKey",
                openKey(clientId, accountNumber))).first()).map(ApplicationStore::read);
    }

    /** The account's most recent application, pending or not. */
    public Optional<Application> latest(String clientId, String accountNumber) {
        return Optional.ofNullable(applications.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("accountNumber", accountNumber)))
                .sort(Sorts.descending("createdAt", "_id")).first())
                .map(ApplicationStore::read);
    }

    /** The client's applications, oldest first. */
    public List<Application> all(String clientId) {
        return applications.find(Filters.eq("clientId", clientId))
                .sort(Sorts.ascending("createdAt", "_id"))
                .map(ApplicationStore::read).into(new ArrayList<>());
    }

    /** Approved applications whose discount is not yet in the account store, any client. */
    List<Application> unappliedDiscounts() {
        return applications.find(Filters.and(Filters.eq("status", "approved"),
                        Filters.eq("discount.applied", false)))
                .map(ApplicationStore::read).into(new ArrayList<>());
    }

    /**
     * The client's visits lowered by approved discounts, each with the figures it had before
     * and the amount taken off, by account number and visit id, oldest approval first.
     */
    Map<String, Map<String, List<VisitAdjustments.Adjustment>>> discountedVisits(
            String clientId) {
        Map<String, Map<String, List<VisitAdjustments.Adjustment>>> visits = new HashMap<>();
        applications.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("status", "approved")))
                .sort(Sorts.ascending("createdAt", "_id")).forEach(d -> {
                    Document discount = d.get("discount", Document.class);
                    if (discount == null) {
                        return;
                    }
                    for (Document v : discount.getList("visits", Document.class)) {
                        Encounter before = AccountStore.readVisit(v.get("before", Document.class));
                        visits.computeIfAbsent(d.getString("accountNumber"), k -> new HashMap<>())
                                .computeIfAbsent(before.encounterId(), k -> new ArrayList<>())
                                .add(new VisitAdjustments.Adjustment(before, money(v, "amount")));
                    }
                });
        return visits;
    }

    /** An estimate a patient made in a conversation, and the program it pointed to. */
    record Estimate(ScreeningRecord screening, String programId) {
    }

    /** Keeps the conversation's latest estimate, for an application the patient starts next. */
    void saveEstimate(String conversationId, Estimate estimate) {
        estimates.replaceOne(Filters.eq("_id", conversationId), new Document("_id", conversationId)
                        .append("screening", write(estimate.screening()))
                        .append("programId", estimate.programId()),
                new com.mongodb.client.model.ReplaceOptions().upsert(true));
    }

    /** Forgets the conversation's estimate: a new talk about assistance starts afresh. */
    void forgetEstimate(String conversationId) {
        estimates.deleteOne(Filters.eq("_id", conversationId));
    }

    Optional<Estimate> estimate(String conversationId) {
        return Optional.ofNullable(estimates.find(Filters.eq("_id", conversationId)).first())
                .map(d -> new Estimate(readScreening(d.get("screening", Document.class)),
                        d.getString("programId")));
    }

    private static String key(String clientId, String id) {
        return clientId + ":" + id;
    }

    private static String openKey(String clientId, String accountNumber) {
        return clientId + ":" + accountNumber;
    }

    // ---- codec ----

    static Document write(Application a) {
        Document doc = new Document("_id", key(a.clientId(), a.id()))
                .append("clientId", a.clientId())
                .append("id", a.id())
                .append("accountNumber", a.accountNumber())
                .append("program", SettingsCodec.write(a.program()))
                .append("status", a.status().code())
                .append("language", a.language())
                .append("channel", a.channel())
                .append("conversationId", a.conversationId())
                .append("link", a.link().orElse(null))
                .append("materialLanguage", a.materialLanguage())
                .append("emailOnFile", a.emailOnFile())
                .append("screening", a.screening().map(ApplicationStore::write).orElse(null))
                .append("missing", a.missing())
                .append("reason", a.reason().orElse(null))
                .append("discount", a.discount().map(ApplicationStore::write).orElse(null))
                .append("history", a.history().stream().map(ApplicationStore::write).toList())
                .append("createdAt", Date.from(a.createdAt()))
                .append("updatedAt", Date.from(a.updatedAt()))
                .append("version", a.version());
        if (a.status().pending()) {
            doc.append("openKey", openKey(a.clientId(), a.accountNumber()));
        }
        return doc;
    }

    static Application read(Document d) {
        return new Application(d.getString("clientId"), d.getString("id"),
                d.getString("accountNumber"),
                SettingsCodec.readProgram(d.get("program", Document.class)),
                status(d.getString("status")), d.getString("language"), d.getString("channel"),
                d.getString("conversationId"), Optional.ofNullable(d.getString("link")),
                d.getString("materialLanguage"), d.getBoolean("emailOnFile", false),
                Optional.ofNullable(d.get("screening", Document.class))
                        .map(ApplicationStore::readScreening),
                d.getList("missing", String.class), Optional.ofNullable(d.getString("reason")),
                Optional.ofNullable(d.get("discount", Document.class))
                        .map(ApplicationStore::readDiscount),
                d.getList("history", Document.class).stream().map(ApplicationStore::readChange)
                        .toList(),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                d.getLong("version"));
    }

    private static ApplicationStatus status(String code) {
        return ApplicationStatus.of(code).orElseThrow(() -> new IllegalStateException(
                "Stored application has unknown status '" + code + "'"));
    }

    private static Document write(Change c) {
        return new Document("status", c.status().code())
                .append("at", Date.from(c.at()))
                .append("source", c.source())
                .append("missing", c.missing())
                .append("reason", c.reason().orElse(null))
                .append("discountPercent", c.discountPercent().map(Decimal128::new).orElse(null));
    }

    private static Change readChange(Document d) {
        return new Change(status(d.getString("status")), d.getDate("at").toInstant(),
                d.getString("source"), d.getList("missing", String.class),
                Optional.ofNullable(d.getString("reason")), optionalMoney(d, "discountPercent"));
    }

    private static Document write(ScreeningRecord s) {
        return new Document("household", s.household())
                .append("yearlyIncome", new Decimal128(s.yearlyIncome()))
                .append("percentOfPoverty", new Decimal128(s.percentOfPoverty()))
                .append("region", s.region().code())
                .append("year", s.year())
                .append("estimatedDiscount",
                        s.estimatedDiscount().map(Decimal128::new).orElse(null));
    }

    private static ScreeningRecord readScreening(Document d) {
        return new ScreeningRecord(d.getInteger("household"), money(d, "yearlyIncome"),
                money(d, "percentOfPoverty"), Region.of(d.getString("region")).orElseThrow(),
                d.getInteger("year"), optionalMoney(d, "estimatedDiscount"));
    }

    private static Document write(Discount x) {
        return new Document("percent", new Decimal128(x.percent()))
                .append("amount", new Decimal128(x.amount()))
                .append("balanceBefore", new Decimal128(x.balanceBefore()))
                .append("balanceAfter", new Decimal128(x.balanceAfter()))
                .append("visits", x.visits().stream().map(v -> new Document("before",
                                AccountStore.writeVisit(v.before()))
                        .append("amount", new Decimal128(v.amount()))).toList())
                .append("applied", x.applied());
    }

    private static Discount readDiscount(Document d) {
        return new Discount(money(d, "percent"), money(d, "amount"), money(d, "balanceBefore"),
                money(d, "balanceAfter"), d.getList("visits", Document.class).stream()
                .map(v -> new VisitDiscount(AccountStore.readVisit(v.get("before", Document.class)),
                        money(v, "amount"))).toList(), d.getBoolean("applied"));
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }

    private static Optional<BigDecimal> optionalMoney(Document d, String field) {
        return Optional.ofNullable(d.get(field, Decimal128.class)).map(Decimal128::bigDecimalValue);
    }
}
