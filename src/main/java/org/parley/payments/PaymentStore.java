package org.parley.payments;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's documents in {@code payments}, one per payment, unique by client and payment id
 * through a unique index: of two writers of one payment id, the store lets exactly one insert.
 * A payment is stored {@code pending} before it touches the account and becomes
 * {@code applied} after, so a report cut off half-way is finished by its replay. A card is kept
 * only as its last four digits at most.
 */
final class PaymentStore {

    private static final String PENDING = "pending";
    private static final String APPLIED = "applied";
    /** A sandbox payment stored before the ledger existed: never applied to a balance. */
    private static final String LEGACY = "legacy_unapplied";

    private final MongoCollection<Document> payments;

    PaymentStore(MongoDatabase db) {
        this.payments = db.getCollection("payments");
        keyLegacyPayments();
        payments.createIndex(Indexes.ascending("clientId", "paymentId"),
                new IndexOptions().unique(true));
        payments.createIndex(Indexes.ascending("clientId", "accountNumber", "paidAt"));
        payments.createIndex(Indexes.ascending("clientId", "paidOn"));
    }

    /** A payment as stored: what was reported, and whether it has been applied. */
    record Stored(ReportedPayment reported, boolean applied) {
    }

    /**
     * Gives the sandbox payments of the first payment-link version, keyed by link id alone, the
     * payment id the unique index needs. Their balances were never lowered; they stay apart.
     */
    private void keyLegacyPayments() {
        for (Document d : payments.find(Filters.exists("paymentId", false))) {
            payments.updateOne(new Document("_id", d.get("_id")), Updates.combine(
                    Updates.set("paymentId", String.valueOf(d.get("_id"))),
                    Updates.set("status", LEGACY)));
        }
    }

    Optional<Stored> find(String clientId, String paymentId) {
        return Optional.ofNullable(payments.find(key(clientId, paymentId)).first())
                .filter(d -> !LEGACY.equals(d.getString("status")))
                .map(d -> new Stored(reported(d), APPLIED.equals(d.getString("status"))));
    }

    /** The payment once it is applied; empty while it is pending or unknown. */
    Optional<RecordedPayment> recorded(String clientId, String paymentId) {
        return Optional.ofNullable(payments.find(key(clientId, paymentId)).first())
                .filter(d -> APPLIED.equals(d.getString("status")))
                .map(PaymentStore::recorded);
    }

    /** The applied payments of one account, in the order they were paid. */
    /** How many payments were applied for the client on days from {@code from} to {@code to}. */
    PaymentTotals totals(String clientId, LocalDate from, LocalDate to) {
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO.setScale(2);
        for (Document d : payments.find(Filters.and(Filters.eq("clientId", clientId),
                Filters.gte("paidOn", from.toString()), Filters.lte("paidOn", to.toString()),
                Filters.eq("status", APPLIED)))) {
            count++;
            sum = sum.add(d.get("amount", Decimal128.class).bigDecimalValue());
        }
        return new PaymentTotals(count, sum);
    }

    List<RecordedPayment> forAccount(String clientId, String accountNumber) {
        return payments.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("accountNumber", accountNumber), Filters.eq("status", APPLIED)))
                .sort(Sorts.ascending("paidAt", "recordedAt"))
                .map(PaymentStore::recorded).into(new ArrayList<>());
    }

    /**
     * Stores the payment as pending, unless its id is stored already.
     *
     * @return false when another report of the id was stored first
     */
    boolean insertPending(ReportedPayment p, LocalDate paidOn, String currency, Instant now) {
        Document doc = new Document("clientId", p.clientId())
                .append("paymentId", p.paymentId())
                .append("accountNumber", p.accountNumber())
                .append("amount", new Decimal128(p.amount()))
                .append("currency", currency)
                .append("paidAt", Date.from(p.paidAt()))
                .append("paidOn", paidOn.toString())
                .append("method", p.method())
                .append("source", p.source().wire())
                .append("status", PENDING)
                .append("reportedAt", Date.from(now))
                .append("receipt", new Document("status", Receipt.Status.PENDING.wire()));
        p.last4().ifPresent(v -> doc.append("last4", v));
        p.linkId().ifPresent(v -> doc.append("linkId", v));
        p.conversationId().ifPresent(v -> doc.append("conversationId", v));
        try {
            payments.insertOne(doc);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Marks a pending payment applied, with the balance it left.
     *
     * @return false when it was not pending: another report of it got there first
     */
    boolean markApplied(String clientId, String paymentId, BigDecimal balanceAfter,
                        Instant now) {
        return payments.updateOne(key(clientId, paymentId).append("status", PENDING),
                Updates.combine(Updates.set("status", APPLIED),
                        Updates.set("balanceAfter", new Decimal128(balanceAfter)),
                        Updates.set("recordedAt", Date.from(now)))).getModifiedCount() == 1;
    }

    /** Removes a payment that was refused before it touched the account. */
    void deletePending(String clientId, String paymentId) {
        payments.deleteOne(key(clientId, paymentId).append("status", PENDING));
    }

    void receipt(String clientId, String paymentId, Receipt receipt) {
        Document doc = new Document("status", receipt.status().wire());
        receipt.conversationId().ifPresent(id -> doc.append("conversationId", id));
        receipt.channel().ifPresent(channel -> doc.append("channel", channel));
        payments.updateOne(key(clientId, paymentId), Updates.set("receipt", doc));
    }

    /** A plain document, not {@code $and}: so the embedded store answers it from the index. */
    private static Document key(String clientId, String paymentId) {
        return new Document("clientId", clientId).append("paymentId", paymentId);
    }

    private static ReportedPayment reported(Document d) {
        return new ReportedPayment(d.getString("clientId"), d.getString("paymentId"),
                d.getString("accountNumber"), money(d, "amount"),
                d.getDate("paidAt").toInstant(), d.getString("method"),
                Optional.ofNullable(d.getString("last4")),
                PaymentSource.fromWire(d.getString("source")),
                Optional.ofNullable(d.getString("linkId")),
                Optional.ofNullable(d.getString("conversationId")));
    }

    private static RecordedPayment recorded(Document d) {
        Document r = d.get("receipt", Document.class);
        Receipt receipt = new Receipt(Receipt.Status.fromWire(r.getString("status")),
                Optional.ofNullable(r.getString("conversationId")),
                Optional.ofNullable(r.getString("channel")));
        return new RecordedPayment(reported(d), LocalDate.parse(d.getString("paidOn")),
                d.getString("currency"), money(d, "balanceAfter"),
                d.getDate("recordedAt").toInstant(), receipt);
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }
}
