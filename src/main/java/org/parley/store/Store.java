package org.parley.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB database Parley keeps everything in: a real MongoDB when a URI is given, otherwise
 * an in-process server speaking the MongoDB wire protocol with its files under the data folder.
 */
public final class Store implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Store.class.getName());
    /** In the data folder while the embedded store is open. */
    static final String OPEN_MARK = "parley.open";

    private final MongoClient client;
    private final MongoDatabase database;
    private final Optional<MongoServer> embedded;
    private final Optional<EmbeddedBackend> backend;
    private final Optional<GroupCommit> commits;
    private final Optional<ScheduledExecutorService> committer;
    /** The file that says the embedded store is open; left behind by a killed process. */
    private final Optional<Path> openMark;
    /** Set by {@link #kill}: what a killed process leaves, a later close leaves too. */
    private volatile boolean killed;

    private Store(MongoClient client, String database, MongoServer embedded,
                  EmbeddedBackend backend, Path openMark) {
        this.client = client;
        this.database = client.getDatabase(database);
        this.embedded = Optional.ofNullable(embedded);
        this.backend = Optional.ofNullable(backend);
        this.commits = this.backend.map(b -> new GroupCommit(b::commit));
        this.openMark = Optional.ofNullable(openMark);
        this.committer = this.commits.map(c -> {
            ScheduledExecutorService every = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "parley-store-commit");
                t.setDaemon(true);
                return t;
            });
            // What H2 did by itself before: a commit a second, and the file kept compact.
            every.scheduleWithFixedDelay(c::flush, 1, 1, TimeUnit.SECONDS);
            every.scheduleWithFixedDelay(backend::compact, 30, 30, TimeUnit.SECONDS);
            return every;
        });
    }

    /** Connects to {@code uri}: the production path. */
    public static Store connect(String uri, String database) {
        return new Store(MongoClients.create(settings(uri)), database, null, null, null);
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

        EmbeddedBackend backend;
        try {
            backend = EmbeddedBackend.open(file.toString());
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
        Store store = new Store(MongoClients.create(settings(uri)), database, server, backend,
                dataDir.resolve(OPEN_MARK));
        store.markOpen();
        return store;
    }

    /**
     * Marks the store open, first mending what a process killed while it was open may have
     * left: its commits hold whole writes, but a file from before they did, or one H2 wrote
     * half, can hold a document without its entry in an index, which a lookup by that index
     * never finds. After such a stop every index but {@code _id} is built again from the
     * documents.
     */
    private void markOpen() {
        Path mark = openMark.orElseThrow();
        if (Files.exists(mark)) {
            long started = System.nanoTime();
            int rebuilt = IndexRebuild.all(database);
            LOG.log(System.Logger.Level.WARNING, "The embedded store was not closed last time "
                    + "(a killed process?); rebuilt {0} indexes from the documents in {1} ms",
                    rebuilt, (System.nanoTime() - started) / 1_000_000);
        }
        try {
            Files.writeString(mark, "open\n");
        } catch (IOException e) {
            throw new StoreUnavailableException("The data folder " + mark.getParent()
                    + " cannot be written; set PARLEY_DATA_DIR to a writable folder", e);
        }
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

    /**
     * Stops as a killed process would, for tests: the client and server go, and nothing written
     * since the last commit reaches the file. A {@link #close} after it does nothing, so the
     * rest of a Parley can be stopped and the store is left as a killed process leaves it.
     */
    void kill() {
        killed = true;
        committer.ifPresent(ExecutorService::shutdownNow);
        client.close();
        embedded.ifPresent(MongoServer::shutdownNow);
        backend.ifPresent(b -> b.getMvStore().closeImmediately());
    }

    @Override
    public void close() {
        if (killed) {
            return;
        }
        committer.ifPresent(c -> {
            c.shutdownNow();
            try {
                c.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        client.close();
        embedded.ifPresent(MongoServer::shutdownNow);
        backend.ifPresent(b -> {
            try {
                b.close();
                Files.deleteIfExists(openMark.orElseThrow());
            } catch (RuntimeException | IOException e) {
                throw new UncheckedIOException(new IOException("closing the embedded store", e));
            }
        });
    }
}
