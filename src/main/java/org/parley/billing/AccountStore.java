package org.parley.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Accounts in MongoDB: one document per account with its visits inside, unique by client and
 * account number. Money is stored as {@link Decimal128}, dates as ISO strings.
 *
 * <p>Besides the account's own fields each document keeps a {@code revision}, raised by every
 * write, and the ids of the payments applied to it ({@code appliedPayments}). Writes set the
 * account's fields and leave those two to the store, so an import never forgets a payment; a
 * payment is applied only to the revision it was computed from, and only once.
 */
public final class AccountStore {

    private static final int BATCH = 500;
    /** Tries of a payment against an account that keeps changing under it. */
    private static final int PAYMENT_ATTEMPTS = 10;
    private static final String REVISION = "revision";
    private static final String APPLIED = "appliedPayments";
    /** When a balance file first brought the account: its first statement. */
    public static final String FIRST_IMPORTED = "firstImportedAt";

    /** What {@link #isAccountNumber} takes, in the words a refusal uses. */
    public static final String ACCOUNT_NUMBER_RULE = BalanceRules.ID_RULE
            + ", or spaces between them";

    private final MongoCollection<Document> accounts;
    private final AccountIndex phones;
    private final AccountIndex numbers;
    private final AccountPrefixes prefixes;
    private final AccountHolds holds;

    public AccountStore(MongoDatabase db) {
        this.accounts = db.getCollection("accounts");
        accounts.createIndex(Indexes.ascending("clientId", "accountNumber"),
                new IndexOptions().unique(true));
        accounts.createIndex(Indexes.ascending("clientId", "dateOfBirth"));
        accounts.createIndex(Indexes.ascending("clientId", "phone"));
        accounts.createIndex(Indexes.ascending("clientId", "email"));
        this.phones = AccountIndex.phones(db);
        this.numbers = AccountIndex.numbers(db);
        this.prefixes = new AccountPrefixes(db);
        this.holds = new AccountHolds(db);
    }

    /** The holds on outreach set by the balance file's {@code hold} column. */
    public AccountHolds holds() {
        return holds;
    }

    public Optional<Account> find(String clientId, String accountNumber) {
        return Optional.ofNullable(accounts.find(key(clientId, accountNumber)).first())
                .map(AccountStore::read);
    }

    /**
     * The account whose number is {@code typed} as a patient may type it: in any case, with or
     * without the {@code -}, {@code .}, {@code _} or {@code /} the balance file wrote in it
     * ({@code TB004} finds {@code tb-004}). Empty when no account reads so, or when two do.
     */
    public Optional<Account> findTyped(String clientId, String typed) {
        Optional<Account> exact = find(clientId, typed);
        String canonical = AccountIndex.canonical(typed);
        if (exact.isPresent() || canonical.isEmpty()) {
            return exact;
        }
        List<Account> found = new ArrayList<>();
        find(clientId, canonical).ifPresent(found::add);
        numbers.numbers(clientId, canonical).stream().map(number -> find(clientId, number))
                .flatMap(Optional::stream).forEach(found::add);
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * Whether {@code letters} (upper case, such as {@code TB}) begin one of the client's account
     * numbers as a patient types them, so that "tb 08" can be read as {@code TB08}.
     */
    public boolean isAccountPrefix(String clientId, String letters) {
        return prefixes.contains(clientId, letters);
    }

    /**
     * An account number in the one form {@link #findTyped} compares a typed number in: upper
     * case, without the {@code -}, {@code .}, {@code _} or {@code /} a balance file may put in it.
     */
    public static String canonical(String accountNumber) {
        return AccountIndex.canonical(accountNumber);
    }

    /**
     * Whether {@code written} is an account number as a balance file may write one, or as a
     * person types one with spaces between its parts ({@code TB 201}); see
     * {@link #ACCOUNT_NUMBER_RULE}.
     */
    public static boolean isAccountNumber(String written) {
        return BalanceRules.ID.matcher(written.strip().replaceAll("\\s+", "")).matches();
    }

    /**
     * The account the patient in {@code turn} proved they own, for {@code action}, which runs
     * only in a flow that says {@code requires: verified}.
     */
    public Account verified(org.parley.dialog.Turn turn, String action) {
        String number = turn.verifiedAccount().orElseThrow(() -> new IllegalStateException(
                action + " ran before verification; its flow must say 'requires: verified'"));
        return find(turn.clientId(), number).orElseThrow(() -> new IllegalStateException(
                "Verified account vanished from client " + turn.clientId()));
    }

    public List<Account> findByDateOfBirth(String clientId, LocalDate dateOfBirth) {
        return accounts.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.eq("dateOfBirth", dateOfBirth.toString())))
                .map(AccountStore::read).into(new ArrayList<>());
    }

    public List<Account> findByPhone(String clientId, String e164) {
        return phones.numbers(clientId, e164).stream()
                .map(number -> find(clientId, number)).flatMap(Optional::stream)
                .filter(a -> a.phone().filter(e164::equals).isPresent())
                .toList();
    }

    /** The accounts that give {@code email} as the guarantor's address, in any case. */
    public List<Account> findByEmail(String clientId, String email) {
        return accounts.find(Filters.and(Filters.eq("clientId", clientId),
                        Filters.regex("email", "^" + java.util.regex.Pattern.quote(email) + "$",
                                "i")))
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

    /**
     * The numbers of a client's stored accounts and the ids of their visits, read in one pass
     * without the accounts themselves. An import learns from it which accounts to read whole, and
     * where to write them, without a query per account: the embedded store answers a query on
     * client and account numbers by scanning every account.
     */
    Directory directory(String clientId) {
        Map<String, Object> documentIds = new HashMap<>();
        Map<String, List<String>> holders = new HashMap<>();
        accounts.find(Filters.eq("clientId", clientId))
                .projection(Projections.include("accountNumber", "encounters.encounterId"))
                .forEach(d -> {
                    String number = d.getString("accountNumber");
                    documentIds.put(number, d.get("_id"));
                    d.getList("encounters", Document.class, List.of()).forEach(e -> holders
                            .computeIfAbsent(e.getString("encounterId"), k -> new ArrayList<>(1))
                            .add(number));
                });
        return new Directory(clientId, documentIds, holders);
    }

    /** The stored accounts among {@code accountNumbers}; numbers with no account are skipped. */
    List<Account> findAll(Directory directory, Collection<String> accountNumbers) {
        List<Object> ids = accountNumbers.stream().map(directory.documentIds()::get)
                .filter(Objects::nonNull).toList();
        List<Account> found = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += BATCH) {
            accounts.find(Filters.in("_id", ids.subList(from, Math.min(from + BATCH, ids.size()))))
                    .map(AccountStore::read).into(found);
        }
        return found;
    }

    public long count(String clientId) {
        return accounts.countDocuments(Filters.eq("clientId", clientId));
    }

    /** Writes the whole account over what was stored under its number. */
    public void save(Account account) {
        phones.add(List.of(account));
        numbers.add(List.of(account));
        prefixes.add(List.of(account));
        accounts.updateOne(key(account.clientId(), account.accountNumber()), update(account),
                new UpdateOptions().upsert(true));
    }

    /** What applying one payment to an account came to. */
    public sealed interface Application {
    }

    /** The payment was applied now: the account before and after it. */
    public record Applied(Account before, Account after) implements Application {
    }

    /** The payment had been applied before; nothing changed. */
    public record AlreadyApplied(Account now) implements Application {
    }

    /** The account owes less than the payment; nothing changed. */
    public record MoreThanOwed(Account now) implements Application {
    }

    /** There is no such account; nothing changed. */
    public record NoAccount() implements Application {
    }

    /**
     * Applies a payment to an account once, as {@link Account#paid} says, in one atomic write
     * that also records {@code paymentId} as applied. A write that lost the race with another
     * write of the account is computed again from what is stored.
     *
     * @param paymentId unique among the client's payments
     */
    public Application applyPayment(String clientId, String accountNumber, String paymentId,
                                    BigDecimal amount, LocalDate date) {
        for (int attempt = 1; attempt <= PAYMENT_ATTEMPTS; attempt++) {
            Document stored = accounts.find(key(clientId, accountNumber)).first();
            if (stored == null) {
                return new NoAccount();
            }
            Account before = read(stored);
            if (stored.getList(APPLIED, String.class, List.of()).contains(paymentId)) {
                return new AlreadyApplied(before);
            }
            if (amount.compareTo(before.totalDue()) > 0) {
                return new MoreThanOwed(before);
            }

            Account after = before.paid(amount, date);
            Document change = update(after).append("$push", new Document(APPLIED, paymentId));
            if (accounts.updateOne(atRevision(stored), change).getModifiedCount() == 1) {
                return new Applied(before, after);
            }
        }
        throw new IllegalStateException("Account " + accountNumber + " of client " + clientId
                + " changed " + PAYMENT_ATTEMPTS + " times while payment " + paymentId
                + " was applied; nothing was applied, send the payment again");
    }

    /** The stored document, only while nobody has written it since it was read. */
    private static Document atRevision(Document stored) {
        Object revision = stored.get(REVISION);
        return new Document("_id", stored.get("_id")).append(REVISION,
                revision == null ? new Document("$exists", false) : revision);
    }

    /**
     * Moves {@code amount} of one visit's patient share to its adjustments (an assistance
     * discount), only while the visit still has the share and adjustments the caller read: a
     * retry, or figures a balance import or a payment changed meanwhile, change nothing. Raises
     * the revision like every write, so a payment computed before it is computed again.
     *
     * @return true when the visit was changed
     */
    public boolean adjustVisit(String clientId, String accountNumber, Encounter expected,
                               BigDecimal amount) {
        Bson visit = Filters.elemMatch("encounters", Filters.and(
                Filters.eq("encounterId", expected.encounterId()),
                Filters.eq("patientResponsibility",
                        new Decimal128(expected.patientResponsibility())),
                Filters.eq("adjustments", new Decimal128(expected.adjustments()))));
        Document change = new Document("$set", new Document()
                .append("encounters.$.patientResponsibility",
                        new Decimal128(expected.patientResponsibility().subtract(amount)))
                .append("encounters.$.adjustments",
                        new Decimal128(expected.adjustments().add(amount))))
                .append("$inc", new Document(REVISION, 1L));
        return accounts.updateOne(Filters.and(key(clientId, accountNumber), visit), change)
                .getModifiedCount() == 1;
    }

    /**
     * Writes each of the directory's client's accounts whole, as {@link #save} does, in batches:
     * an account the directory knows replaces its document, any other is inserted with
     * {@value #FIRST_IMPORTED} set to {@code importedAt}, which later writes keep.
     */
    void saveAll(Directory directory, List<Account> all, Instant importedAt) {
        phones.add(all);
        numbers.add(all);
        prefixes.add(all);
        for (int from = 0; from < all.size(); from += BATCH) {
            accounts.bulkWrite(all.subList(from, Math.min(from + BATCH, all.size())).stream()
                    .map(a -> writeModel(directory, a, importedAt)).toList());
        }
    }

    private static WriteModel<Document> writeModel(Directory directory, Account account,
                                                   Instant importedAt) {
        if (!account.clientId().equals(directory.clientId())) {
            throw new IllegalArgumentException("Account of client " + account.clientId()
                    + " written with the directory of " + directory.clientId() + "; read the "
                    + "directory of the account's own client");
        }
        Object id = directory.documentIds().get(account.accountNumber());
        return id == null ? new InsertOneModel<>(write(account).append(REVISION, 1L)
                .append(FIRST_IMPORTED, Date.from(importedAt)))
                : new UpdateOneModel<>(new Document("_id", id), update(account));
    }

    /**
     * Where a client's accounts are stored, and which accounts hold each visit id.
     *
     * @param documentIds each stored account number's document id
     * @param holders     each stored visit id's account numbers: one, unless an older import
     *                    left the visit on two accounts
     */
    record Directory(String clientId, Map<String, Object> documentIds,
                     Map<String, List<String>> holders) {

        boolean has(String accountNumber) {
            return documentIds.containsKey(accountNumber);
        }

        List<String> holders(String encounterId) {
            return holders.getOrDefault(encounterId, List.of());
        }
    }

    /** A plain document, not {@code $and}: so the embedded store answers it from the index. */
    private static Bson key(String clientId, String accountNumber) {
        return new Document("clientId", clientId).append("accountNumber", accountNumber);
    }

    /**
     * Sets every field of the account, removes a last payment it no longer has and raises the
     * revision; the applied payments stay as they are.
     */
    private static Document update(Account a) {
        Document change = new Document("$set", write(a))
                .append("$inc", new Document(REVISION, 1L));
        if (a.lastPayment().isEmpty()) {
            change.append("$unset", new Document("lastPayment", ""));
        }
        return change;
    }

    static Document write(Account a) {
        List<Document> visits = a.encounters().stream().map(AccountStore::writeVisit).toList();
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
                .map(AccountStore::readVisit).toList();
        Document paid = d.get("lastPayment", Document.class);
        Optional<Payment> lastPayment = Optional.ofNullable(paid)
                .map(p -> new Payment(LocalDate.parse(p.getString("date")), money(p, "amount")));
        return new Account(d.getString("clientId"), d.getString("accountNumber"),
                d.getString("firstName"), d.getString("lastName"),
                LocalDate.parse(d.getString("dateOfBirth")), d.getString("zip"),
                Optional.ofNullable(d.getString("phone")),
                Optional.ofNullable(d.getString("email")),
                Optional.ofNullable(d.getString("preferredLanguage")), visits, lastPayment);
    }

    /** A visit as stored inside its account, money as {@link Decimal128}. */
    public static Document writeVisit(Encounter e) {
        return new Document()
                .append("encounterId", e.encounterId())
                .append("serviceDate", e.serviceDate().toString())
                .append("provider", e.provider())
                .append("description", e.description())
                .append("charges", new Decimal128(e.charges()))
                .append("insurancePaid", new Decimal128(e.insurancePaid()))
                .append("adjustments", new Decimal128(e.adjustments()))
                .append("patientResponsibility", new Decimal128(e.patientResponsibility()))
                .append("dueDate", e.dueDate().toString());
    }

    /** A visit read back from {@link #writeVisit(Encounter)}'s form. */
    public static Encounter readVisit(Document e) {
        return new Encounter(e.getString("encounterId"),
                LocalDate.parse(e.getString("serviceDate")), e.getString("provider"),
                e.getString("description"), money(e, "charges"), money(e, "insurancePaid"),
                money(e, "adjustments"), money(e, "patientResponsibility"),
                LocalDate.parse(e.getString("dueDate")));
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }
}
