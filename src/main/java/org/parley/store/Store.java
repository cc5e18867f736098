package org.parley.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB database Parley keeps everything in: a real MongoDB when a URI is given, otherwise
 * an in-process server speaking the MongoDB wire protocol with its files under the data folder.
 */
public final class Store implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Store.class.getName());

    private final MongoClient client;
    private final MongoDatabase database;
    private final Optional<MongoServer> embedded;
    private final Optional<H2Backend> backend;
    private final Optional<GroupCommit> commits;

    private Store(MongoClient client, String database, MongoServer embedded, H2Backend backend) {
        this.client = client;
        this.database = client.getDatabase(database);
        this.embedded = Optional.ofNullable(embedded);
        this.backend = Optional.ofNullable(backend);
        this.commits = this.backend.map(b -> new GroupCommit(b::commit));
    }

    /** Connects to {@code uri}: the production path. */
    public static Store connect(String uri, String database) {
        return new Store(MongoClients.create(settings(uri)), database, null, null);
    }

    /**
     * Starts the embedded server on a loopback port with its H2 file in {@code dataDir}.
     *
     * @throws StoreUnavailableException when the folder cannot be written or is already in use
     */
    public static Store embedded(Path dataDir, String database) {
        Path file = dataDir.resolve("parley.mv.db").toAbsolutePath();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new StoreUnavailableException("The data folder " + dataDir.toAbsolutePath()
                    + " cannot be created; set PARLEY_DATA_DIR to a writable folder", e);
        }

        H2Backend backend;
        try {
            backend = new H2Backend(file.toString());
        } catch (RuntimeException e) {
            throw new StoreUnavailableException("The embedded store " + file + " cannot be opened ("
                    + e.getMessage() + "); is another Parley using this data folder? Stop it, or "
                    + "set PARLEY_DATA_DIR to another folder. While Parley runs, import "
                    + "through the API instead: POST /api/clients/{clientId}/balances", e);
        }
        MongoServer server = new MongoServer(backend);
        // No oplog: change streams need it; the agent console will switch it on with a setting.
        server.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        LOG.log(System.Logger.Level.INFO, "Embedded store opened at {0}", file);
        return new Store(MongoClients.create(settings(uri)), database, server, backend);
    }

    private static MongoClientSettings settings(String uri) {
        return MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(b -> b.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
    }

    public MongoDatabase database() {
        return database;
    }

    /**
     * The address another Parley on this machine uses to share the embedded store, as
     * {@code mongodb://127.0.0.1:PORT/?directConnection=true}; empty for a real MongoDB.
     */
    public Optional<String> embeddedUri() {
        return embedded.map(s -> "mongodb://127.0.0.1:" + s.getLocalAddress().getPort()
                + "/?directConnection=true");
    }

    /** True when this store is the in-process server rather than a real MongoDB. */
    public boolean isEmbedded() {
        return embedded.isPresent();
    }

    /**
     * Makes every write so far survive a killed process. The embedded store's file backend
     * otherwise writes its changes out about once a second, so a process killed with no shutdown
     * loses the last second; a real MongoDB has each acknowledged write already, so there this
     * does nothing. Call it before and after anything that cannot be taken back, such as
     * handing a text to Twilio. Callers at the same time share one commit.
     */
    public void flush() {
        commits.ifPresent(GroupCommit::flush);
    }

    @Override
    public void close() {
        client.close();
        embedded.ifPresent(MongoServer::shutdownNow);
        backend.ifPresent(b -> {
            try {
                b.close();
            } catch (RuntimeException e) {
                throw new UncheckedIOException(new IOException("closing the embedded store", e));
            }
        });
    }
}
