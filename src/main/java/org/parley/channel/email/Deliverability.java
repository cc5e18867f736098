package org.parley.channel.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * Which patient addresses mail cannot reach, one document per client and address in
 * {@code email_addresses}: a permanent bounce marks one undeliverable and nothing more is sent
 * to it; a message the patient sends from it later shows it works again and clears the mark.
 */
public final class Deliverability {

    private final MongoCollection<Document> addresses;

    Deliverability(MongoDatabase db) {
        this.addresses = db.getCollection("email_addresses");
    }

    /** The marks kept in {@code db}, for another feature that must not write to a bounced one. */
    public static Deliverability in(MongoDatabase db) {
        return new Deliverability(db);
    }

    /** Marks the address undeliverable, with the bounce's status code when it gave one. */
    void undeliverable(String clientId, String address, Optional<String> status, Instant now) {
        addresses.updateOne(new Document("_id", id(clientId, address)), Updates.combine(
                Updates.set("clientId", clientId),
                Updates.set("undeliverable", true),
                Updates.set("status", status.orElse(null)),
                Updates.set("at", Date.from(now))), new UpdateOptions().upsert(true));
    }

    /** The patient wrote from the address: mail reaches it again. */
    void works(String clientId, String address) {
        addresses.updateOne(Filters.and(Filters.eq("_id", id(clientId, address)),
                Filters.eq("undeliverable", true)), Updates.set("undeliverable", false));
    }

    /** True when the last bounce from the address was not followed by a message from it. */
    public boolean undeliverable(String clientId, String address) {
        Document d = addresses.find(new Document("_id", id(clientId, address))).first();
        return d != null && Boolean.TRUE.equals(d.getBoolean("undeliverable"));
    }

    private static String id(String clientId, String address) {
        return clientId + "|" + address.strip().toLowerCase(Locale.ROOT);
    }
}
