package org.parley.billing;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The letters that begin a client's account numbers ({@code EH} of {@code EH100234}, {@code TB}
 * of {@code tb-004}), one document per client in {@code account_prefixes}, found by {@code _id}.
 * Identity checks read {@code tb 08} as an account number only when {@code TB} is one of them;
 * a prefix says nothing of whether any one account exists.
 */
final class AccountPrefixes {

    private static final String FILLED = "~filled";
    private static final Pattern PREFIX = Pattern.compile("^([A-Z]{1,4})\\d");

    private final MongoCollection<Document> prefixes;

    AccountPrefixes(MongoDatabase db) {
        this.prefixes = db.getCollection("account_prefixes");
        fill(db.getCollection("accounts"));
    }

    /** The letters before the digits of {@code accountNumber}'s canonical form, if any. */
    static Optional<String> of(String accountNumber) {
        Matcher m = PREFIX.matcher(AccountIndex.canonical(accountNumber));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Records the prefixes of {@code accounts}: one write per client. */
    void add(List<Account> accounts) {
        Map<String, Set<String>> byClient = new HashMap<>();
        for (Account a : accounts) {
            of(a.accountNumber()).ifPresent(p ->
                    byClient.computeIfAbsent(a.clientId(), c -> new TreeSet<>()).add(p));
        }
        byClient.forEach(this::write);
    }

    /** Whether {@code letters} (upper case) begin one of the client's account numbers. */
    boolean contains(String clientId, String letters) {
        Document entry = prefixes.find(new Document("_id", clientId)).first();
        return entry != null && entry.getList("prefixes", String.class).contains(letters);
    }

    /** Records the prefixes of the accounts stored before this collection existed, once. */
    private void fill(MongoCollection<Document> accounts) {
        if (prefixes.find(new Document("_id", FILLED)).first() != null) {
            return;
        }
        Map<String, Set<String>> byClient = new HashMap<>();
        accounts.find().projection(Projections.include("clientId", "accountNumber"))
                .forEach(d -> Optional.ofNullable(d.getString("accountNumber"))
                        .flatMap(AccountPrefixes::of)
                        .ifPresent(p -> byClient.computeIfAbsent(d.getString("clientId"),
                                c -> new TreeSet<>()).add(p)));
        byClient.forEach(this::write);
        prefixes.replaceOne(new Document("_id", FILLED), new Document(),
                new ReplaceOptions().upsert(true));
    }

    private void write(String clientId, Set<String> letters) {
        prefixes.updateOne(new Document("_id", clientId),
                Updates.addEachToSet("prefixes", new ArrayList<>(letters)),
                new UpdateOptions().upsert(true));
    }
}
