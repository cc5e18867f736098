package org.parley.staff;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * Signed-in staff sessions in {@code staff_sessions}, so that any Parley instance accepts a
 * session another one started. The browser holds a random 256-bit token; the store holds only
 * its SHA-256, so reading the store does not let anyone sign in. A session ends after
 * {@code idleTimeout} without a request, after {@code lifetime} in any case, at sign-out, and
 * when its member is deactivated or given a new password.
 */
public final class StaffSessions {

    private static final int TOKEN_BYTES = 32;
    private static final Base64.Encoder TOKEN_TEXT = Base64.getUrlEncoder().withoutPadding();

    private final MongoCollection<Document> sessions;
    private final Clock clock;
    private final RandomGenerator random;
    private final Duration idleTimeout;
    private final Duration lifetime;

    public StaffSessions(MongoDatabase db, Clock clock, RandomGenerator random,
                         Duration idleTimeout, Duration lifetime) {
        this.sessions = db.getCollection("staff_sessions");
        this.clock = clock;
        this.random = random;
        this.idleTimeout = idleTimeout;
        this.lifetime = lifetime;
        sessions.createIndex(Indexes.ascending("memberId"));
        sessions.createIndex(Indexes.ascending("lastSeenAt"));
        // A real MongoDB deletes ended sessions by itself; the embedded store keeps them until
        // the sweep at the next sign-in, and refuses them meanwhile all the same.
        sessions.createIndex(Indexes.ascending("expiresAt"),
                new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
    }

    /** A session just started: the token for the cookie, and the CSRF token for the page. */
    public record Started(String token, String csrfToken, Instant expiresAt) {
        @Override
        public String toString() {
            return "Started[expiresAt=" + expiresAt + "]";
        }
    }

    /** A live session: whose it is and the CSRF token its state-changing requests carry. */
    public record Session(String id, String memberId, String csrfToken, Instant createdAt,
                          Instant lastSeenAt, Instant expiresAt) {
        @Override
        public String toString() {
            return "Session[memberId=" + memberId + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Starts a session for {@code memberId}, and clears sessions that have run out. */
    public Started start(String memberId) {
        Instant now = clock.instant();
        sweep(now);

        String token = randomToken();
        String csrf = randomToken();
        Instant expires = now.plus(lifetime);
        sessions.insertOne(new Document("_id", digest(token))
                .append("memberId", memberId)
                .append("csrfToken", csrf)
                .append("createdAt", Date.from(now))
                .append("lastSeenAt", Date.from(now))
                .append("expiresAt", Date.from(expires)));
        return new Started(token, csrf, expires);
    }

    /**
     * The live session for {@code token}, or empty when there is none or it has run out (an
     * ended session is deleted here). Does not count as activity: see {@link #touch(Session)}.
     */
    public Optional<Session> find(String token) {
        Document d = sessions.find(Filters.eq("_id", digest(token))).first();
        if (d == null) {
            return Optional.empty();
        }
        Session s = new Session(d.getString("_id"), d.getString("memberId"),
                d.getString("csrfToken"), d.getDate("createdAt").toInstant(),
                d.getDate("lastSeenAt").toInstant(), d.getDate("expiresAt").toInstant());
        Instant now = clock.instant();
        if (!now.isBefore(s.expiresAt()) || !now.isBefore(s.lastSeenAt().plus(idleTimeout))) {
            sessions.deleteOne(Filters.eq("_id", s.id()));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Records a request on the session now, which restarts its idle time. */
    public void touch(Session session) {
        Date now = Date.from(clock.instant());
        sessions.updateOne(Filters.and(Filters.eq("_id", session.id()),
                Filters.lt("lastSeenAt", now)), Updates.set("lastSeenAt", now));
    }

    /** Ends the session for {@code token}, if there is one. */
    public void end(String token) {
        sessions.deleteOne(Filters.eq("_id", digest(token)));
    }

    /** Ends every session of a member, on every instance at once. */
    public long endAll(String memberId) {
        return sessions.deleteMany(Filters.eq("memberId", memberId)).getDeletedCount();
    }

    /** How many live sessions the member has; for tests and operators. */
    public long count(String memberId) {
        Instant now = clock.instant();
        return sessions.countDocuments(Filters.and(Filters.eq("memberId", memberId),
                Filters.gt("expiresAt", Date.from(now)),
                Filters.gt("lastSeenAt", Date.from(now.minus(idleTimeout)))));
    }

    private void sweep(Instant now) {
        sessions.deleteMany(Filters.or(Filters.lte("expiresAt", Date.from(now)),
                Filters.lte("lastSeenAt", Date.from(now.minus(idleTimeout)))));
    }

    private String randomToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return TOKEN_TEXT.encodeToString(bytes);
    }

    static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
