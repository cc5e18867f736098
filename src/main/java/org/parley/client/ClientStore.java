package org.parley.client;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.parley.NotFoundException;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Clients in MongoDB, one document each keyed by the client id. */
public final class ClientStore {

    private final MongoCollection<Document> clients;

    public ClientStore(MongoDatabase db) {
        this.clients = db.getCollection("clients");
    }

    public Optional<Client> find(String id) {
        return Optional.ofNullable(clients.find(new Document("_id", id)).first())
                .map(ClientStore::read);
    }

    /** The client that texts from {@code e164}, the number its patients text. */
    public Optional<Client> findBySmsNumber(String e164) {
        return Optional.ofNullable(clients.find(new Document("smsNumber", e164)).first())
                .map(ClientStore::read);
    }

    /** The client, or a not-found failure that names the id. */
    public Client require(String id) {
        return find(id).orElseThrow(() -> new NotFoundException("unknown_client",
                "No client '" + id + "' exists; check the client id in the URL"));
    }

    public List<Client> all() {
        return clients.find().map(ClientStore::read).into(new java.util.ArrayList<>());
    }

    public void save(Client client) {
        Document doc = new Document("_id", client.id())
                .append("name", client.name())
                .append("timeZone", client.timeZone().getId())
                .append("currency", client.currency())
                .append("supportPhone", client.supportPhone())
                .append("smsNumber", client.smsNumber())
                .append("languages", client.languages());
        clients.replaceOne(new Document("_id", client.id()), doc,
                new ReplaceOptions().upsert(true));
    }

    private static Client read(Document d) {
        return new Client(d.getString("_id"), d.getString("name"),
                ZoneId.of(d.getString("timeZone")), d.getString("currency"),
                d.getString("supportPhone"), d.getString("smsNumber"),
                d.getList("languages", String.class));
    }
}
