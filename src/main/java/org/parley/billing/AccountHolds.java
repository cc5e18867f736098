package org.parley.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Holds a client put on an account in its balance file's optional {@code hold} column (such as
 * {@code dispute} or {@code bankruptcy}): while one is set, collection outreach to the account
 * waits. One document per account in {@code account_holds}; a file with the column replaces
 * the hold of each account it names (an empty value lifts it), a file without it changes none.
 */
public final class AccountHolds {

    private final MongoCollection<Document> holds;

    AccountHolds(MongoDatabase db) {
        this.holds = db.getCollection("account_holds");
    }

    /** The account's hold, if it has one. */
    public Optional<String> hold(String clientId, String accountNumber) {
        return Optional.ofNullable(holds.find(Filters.eq("_id", id(clientId, accountNumber)))
                .first()).map(d -> d.getString("hold")).filter(h -> !h.isEmpty());
    }

    /**
     * Sets or lifts ({@code ""}) the hold of each account named.
     *
     * @return the accounts that had a hold and have none now
     */
    Set<String> apply(String clientId, Map<String, String> byAccount) {
        Set<String> lifted = new TreeSet<>();
        byAccount.forEach((account, hold) -> {
            if (hold.isEmpty()) {
                if (holds.deleteOne(Filters.eq("_id", id(clientId, account)))
                        .getDeletedCount() == 1) {
                    lifted.add(account);
                }
            } else {
                holds.replaceOne(Filters.eq("_id", id(clientId, account)),
                        new Document("_id", id(clientId, account)).append("clientId", clientId)
                                .append("account", account).append("hold", hold),
                        new ReplaceOptions().upsert(true));
            }
        });
        return lifted;
    }

    private static String id(String clientId, String accountNumber) {
        return clientId + ":" + accountNumber;
    }
}
