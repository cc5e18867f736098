package org.parley.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which account numbers a key has been on, per client: one document per client and key, found
 * by {@code _id}. {@code account_phones} lists accounts by phone, so a text from a patient looks
 * its phone up here rather than querying accounts by phone, which the embedded store answers by
 * scanning every account; {@code account_numbers} lists an account number that is not already
 * written the way a patient types it ({@code tb-004}) under its {@link #canonical} form
 * ({@code TB004}). A number stays listed after its account moves to another phone, so a reader
 * checks each account; an entry is written before its account, so no account is ever missing.
 */
final class AccountIndex {

    private static final String FILLED = "~filled";
    private static final int BATCH = 500;

    private final MongoCollection<Document> index;
    private final String field;
    private final Function<Account, Optional<String>> value;
    private final Function<String, Optional<String>> key;

    /**
     * Lists accounts under {@code key} of their {@code field}'s {@code value}; an empty key
     * leaves the account out.
     */
    private AccountIndex(MongoDatabase db, String collection, String field,
                         Function<Account, Optional<String>> value,
                         Function<String, Optional<String>> key) {
        this.index = db.getCollection(collection);
        this.field = field;
        this.value = value;
        this.key = key;
        fill(db.getCollection("accounts"));
    }

    /** Accounts by phone number, in {@code account_phones}. */
    static AccountIndex phones(MongoDatabase db) {
        return new AccountIndex(db, "account_phones", "phone", Account::phone,
                phone -> Optional.of(phone).filter(p -> !p.isBlank()));
    }

    /** Accounts by the canonical form of a number not written that way, in account_numbers. */
    static AccountIndex numbers(MongoDatabase db) {
        return new AccountIndex(db, "account_numbers", "accountNumber",
                a -> Optional.of(a.accountNumber()),
                number -> Optional.of(canonical(number)).filter(c -> !c.equals(number)));
    }

    /**
     * An account number as a patient may type it, in one form: upper case, without the
     * {@code -}, {@code .}, {@code _} or {@code /} a balance file may put in it.
     */
    static String canonical(String accountNumber) {
        return accountNumber.toUpperCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]", "");
    }

    /** Lists each account under its key, if it has one. */
    void add(List<Account> accounts) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Account a : accounts) {
            value.apply(a).flatMap(key).ifPresent(k -> writes.add(
                    listing(a.clientId(), k, a.accountNumber())));
        }
        write(writes);
    }

    /** The account numbers listed under {@code key}, oldest first; some may have moved on. */
    List<String> numbers(String clientId, String key) {
        Document entry = index.find(new Document("_id", id(clientId, key))).first();
        return entry == null ? List.of() : entry.getList("accounts", String.class);
    }

    /** Lists the accounts stored before this collection existed, once. */
    private void fill(MongoCollection<Document> accounts) {
        if (index.find(new Document("_id", FILLED)).first() != null) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        accounts.find(Filters.ne(field, null))
                .projection(Projections.include("clientId", "accountNumber", field))
                .forEach(d -> Optional.ofNullable(d.getString(field)).flatMap(key).ifPresent(
                        k -> writes.add(listing(d.getString("clientId"), k,
                                d.getString("accountNumber")))));
        write(writes);
        index.replaceOne(new Document("_id", FILLED), new Document(),
                new ReplaceOptions().upsert(true));
    }

    private static UpdateOneModel<Document> listing(String clientId, String key, String number) {
        return new UpdateOneModel<>(new Document("_id", id(clientId, key)),
                Updates.addToSet("accounts", number), new UpdateOptions().upsert(true));
    }

    private void write(List<WriteModel<Document>> writes) {
        for (int from = 0; from < writes.size(); from += BATCH) {
            index.bulkWrite(writes.subList(from, Math.min(from + BATCH, writes.size())));
        }
    }

    private static String id(String clientId, String key) {
        return clientId + "|" + key;
    }
}
