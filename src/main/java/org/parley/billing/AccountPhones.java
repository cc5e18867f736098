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

/**
 * Which account numbers a phone number has been on, per client, in {@code account_phones}: one
 * document per client and phone, found by {@code _id}. A text from a patient looks its phone up
 * here rather than querying accounts by phone, which the embedded store answers by scanning every
 * account. A number stays listed after its account moves to another phone, so a reader checks
 * each account's phone; an entry is written before its account, so no account is ever missing.
 */
final class AccountPhones {

    private static final String FILLED = "~filled";
    private static final int BATCH = 500;

    private final MongoCollection<Document> phones;

    AccountPhones(MongoDatabase db) {
        this.phones = db.getCollection("account_phones");
        fill(db.getCollection("accounts"));
    }

    /** Lists each account under its phone, if it has one. */
    void add(List<Account> accounts) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (Account a : accounts) {
            a.phone().filter(phone -> !phone.isBlank()).ifPresent(phone -> writes.add(
                    new UpdateOneModel<>(new Document("_id", key(a.clientId(), phone)),
                            Updates.addToSet("accounts", a.accountNumber()),
                            new UpdateOptions().upsert(true))));
        }
        for (int from = 0; from < writes.size(); from += BATCH) {
            phones.bulkWrite(writes.subList(from, Math.min(from + BATCH, writes.size())));
        }
    }

    /** The account numbers listed under {@code phone}, oldest first; some may have moved on. */
    List<String> numbers(String clientId, String phone) {
        Document entry = phones.find(new Document("_id", key(clientId, phone))).first();
        return entry == null ? List.of() : entry.getList("accounts", String.class);
    }

    /** Lists the accounts stored before this collection existed, once. */
    private void fill(MongoCollection<Document> accounts) {
        if (phones.find(new Document("_id", FILLED)).first() != null) {
            return;
        }
        List<WriteModel<Document>> writes = new ArrayList<>();
        accounts.find(Filters.ne("phone", null))
                .projection(Projections.include("clientId", "accountNumber", "phone"))
                .forEach(d -> writes.add(new UpdateOneModel<>(
                        new Document("_id", key(d.getString("clientId"), d.getString("phone"))),
                        Updates.addToSet("accounts", d.getString("accountNumber")),
                        new UpdateOptions().upsert(true))));
        for (int from = 0; from < writes.size(); from += BATCH) {
            phones.bulkWrite(writes.subList(from, Math.min(from + BATCH, writes.size())));
        }
        phones.replaceOne(new Document("_id", FILLED), new Document(),
                new ReplaceOptions().upsert(true));
    }

    private static String key(String clientId, String phone) {
        return clientId + "|" + phone;
    }
}
