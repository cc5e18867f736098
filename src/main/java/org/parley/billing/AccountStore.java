package org.parley.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Accounts in MongoDB: one document per account with its visits inside, unique by client and
 * account number. Money is stored as {@link Decimal128}, dates as ISO strings.
 */
public final class AccountStore {

    private static final int BATCH = 500;

    private final MongoCollection<Document> accounts;

    public AccountStore(MongoDatabase db) {
        this.accounts = db.getCollection("accounts");
        accounts.createIndex(Indexes.ascending("clientId", "accountNumber"),
                new IndexOptions().unique(true));
        accounts.createIndex(Indexes.ascending("clientId", "dateOfBirth"));
        accounts.createIndex(Indexes.ascending("clientId", "phone"));
    }

    public Optional<Account> find(String clientId, String accountNumber) {
        return Optional.ofNullable(accounts.find(key(clientId, accountNumber)).first())
                .map(AccountStore::read);
    }

    public List<Account> findByDateOfBirth(String clientId, LocalDate dateOfBirth) {
        return accounts.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("dateOfBirth", dateOfBirth.toString())))
                .map(AccountStore::read).into(new ArrayList<>());
    }

    public List<Account> findByPhone(String clientId, String e164) {
        return accounts.find(Filters.and(Filters.eq("clientId", clientId), Filters.eq("phone", e164)))
                .map(AccountStore::read).into(new ArrayList<>());
    }

    /** Every phone number on the client's accounts, once each, in order. */
    public List<String> phones(String clientId) {
        return accounts.distinct("phone", Filters.and(Filters.eq("clientId", clientId),
                        Filters.ne("phone", null)), String.class)
                .into(new ArrayList<>()).stream()
                .filter(phone -> phone != null && !phone.isBlank())
                .distinct().sorted().toList();
    }

    /** The stored accounts among {@code accountNumbers}; numbers with no account are skipped. */
    public List<Account> findAll(String clientId, List<String> accountNumbers) {
        List<Account> found = new ArrayList<>();
        for (int from = 0; from < accountNumbers.size(); from += BATCH) {
            List<String> batch = accountNumbers.subList(from,
                    Math.min(from + BATCH, accountNumbers.size()));
            accounts.find(Filters.and(Filters.eq("clientId", clientId),
                            Filters.in("accountNumber", batch)))
                    .map(AccountStore::read).into(found);
        }
        return found;
    }

    public long count(String clientId) {
        return accounts.countDocuments(Filters.eq("clientId", clientId));
    }

    /** Writes the whole account, replacing what was stored under its number. */
    public void save(Account account) {
        accounts.replaceOne(key(account.clientId(), account.accountNumber()), write(account),
                new ReplaceOptions().upsert(true));
    }

    /**
     * Writes each account whole, as {@link #save} does, in batches. A stored account is replaced
     * by its {@code _id} and a new one inserted: a query on client and number would scan every
     * account in the embedded store, once per account written.
     */
    public void saveAll(List<Account> all) {
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Account> batch = all.subList(from, Math.min(from + BATCH, all.size()));
            Map<List<String>, Object> ids = new HashMap<>();
            batch.stream().collect(Collectors.groupingBy(Account::clientId,
                            Collectors.mapping(Account::accountNumber, Collectors.toList())))
                    .forEach((clientId, numbers) -> accounts
                            .find(Filters.and(Filters.eq("clientId", clientId),
                                    Filters.in("accountNumber", numbers)))
                            .projection(Projections.include("clientId", "accountNumber"))
                            .forEach(d -> ids.put(List.of(d.getString("clientId"),
                                    d.getString("accountNumber")), d.get("_id"))));
            List<WriteModel<Document>> writes = batch.stream().<WriteModel<Document>>map(a -> {
                Object id = ids.get(List.of(a.clientId(), a.accountNumber()));
                return id == null ? new InsertOneModel<>(write(a))
                        : new ReplaceOneModel<>(Filters.eq("_id", id), write(a));
            }).toList();
            accounts.bulkWrite(writes);
        }
    }

    private static Bson key(String clientId, String accountNumber) {
        return Filters.and(Filters.eq("clientId", clientId),
                Filters.eq("accountNumber", accountNumber));
    }

    static Document write(Account a) {
        List<Document> visits = a.encounters().stream().map(e -> new Document()
                .append("encounterId", e.encounterId())
                .append("serviceDate", e.serviceDate().toString())
                .append("provider", e.provider())
                .append("description", e.description())
                .append("charges", new Decimal128(e.charges()))
                .append("insurancePaid", new Decimal128(e.insurancePaid()))
                .append("adjustments", new Decimal128(e.adjustments()))
                .append("patientResponsibility", new Decimal128(e.patientResponsibility()))
                .append("dueDate", e.dueDate().toString())).toList();
        Document doc = new Document("clientId", a.clientId())
                .append("accountNumber", a.accountNumber())
                .append("firstName", a.firstName())
                .append("lastName", a.lastName())
                .append("dateOfBirth", a.dateOfBirth().toString())
                .append("zip", a.zip())
                .append("phone", a.phone().orElse(null))
                .append("email", a.email().orElse(null))
                .append("preferredLanguage", a.preferredLanguage().orElse(null))
                .append("encounters", visits);
        a.lastPayment().ifPresent(p -> doc.append("lastPayment", new Document()
                .append("date", p.date().toString()).append("amount", new Decimal128(p.amount()))));
        return doc;
    }

    static Account read(Document d) {
        List<Encounter> visits = d.getList("encounters", Document.class).stream()
                .map(e -> new Encounter(e.getString("encounterId"),
                        LocalDate.parse(e.getString("serviceDate")), e.getString("provider"),
                        e.getString("description"), money(e, "charges"), money(e, "insurancePaid"),
                        money(e, "adjustments"), money(e, "patientResponsibility"),
                        LocalDate.parse(e.getString("dueDate"))))
                .toList();
        Document paid = d.get("lastPayment", Document.class);
        Optional<Payment> lastPayment = Optional.ofNullable(paid)
                .map(p -> new Payment(LocalDate.parse(p.getString("date")), money(p, "amount")));
        return new Account(d.getString("clientId"), d.getString("accountNumber"),
                d.getString("firstName"), d.getString("lastName"),
                LocalDate.parse(d.getString("dateOfBirth")), d.getString("zip"),
                Optional.ofNullable(d.getString("phone")), Optional.ofNullable(d.getString("email")),
                Optional.ofNullable(d.getString("preferredLanguage")), visits, lastPayment);
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }
}
