package org.parley.staff;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Staff members in the {@code staff} collection, one document each, with a unique index on the
 * lower-cased email. The password hash is kept in the same document and read only by
 * {@link #findForSignIn(String)}.
 */
public final class StaffStore {

    private final MongoCollection<Document> staff;

    public StaffStore(MongoDatabase db) {
        this.staff = db.getCollection("staff");
        staff.createIndex(Indexes.ascending("emailKey"), new IndexOptions().unique(true));
    }

    /** A member with the hash of their password, if one is set: for signing in only. */
    record Credentials(StaffMember member, Optional<String> passwordHash) {
    }

    /** The key emails are unique and looked up by: trimmed and lower-cased. */
    static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Stores a new member.
     *
     * @throws StaffConflict when the email is taken
     */
    void insert(StaffMember m, Optional<String> passwordHash) {
        Document doc = new Document("_id", m.id())
                .append("email", m.email())
                .append("emailKey", emailKey(m.email()))
                .append("displayName", m.displayName())
                .append("roles", m.roleIds())
                .append("languages", m.languages())
                .append("clients", m.clients())
                .append("active", m.active())
                .append("passwordHash", passwordHash.orElse(null))
                .append("createdAt", Date.from(m.createdAt()))
                .append("updatedAt", Date.from(m.updatedAt()))
                .append("version", m.version());
        try {
            staff.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw StaffConflict.emailTaken(m.email());
            }
            throw e;
        }
    }

    public Optional<StaffMember> find(String id) {
        return Optional.ofNullable(staff.find(Filters.eq("_id", id)).first())
                .map(StaffStore::read);
    }

    Optional<Credentials> findForSignIn(String email) {
        return Optional.ofNullable(staff.find(Filters.eq("emailKey", emailKey(email))).first())
                .map(d -> new Credentials(read(d),
                        Optional.ofNullable(d.getString("passwordHash"))));
    }

    /** Every member, by email. */
    public List<StaffMember> all() {
        return staff.find().sort(Sorts.ascending("emailKey")).map(StaffStore::read)
                .into(new ArrayList<>());
    }

    /**
     * Writes the editable fields of {@code m} if the stored member is still at
     * {@code m.version()}, and moves it to the next version.
     *
     * @return false when another change came first
     */
    boolean update(StaffMember m) {
        return staff.updateOne(Filters.and(Filters.eq("_id", m.id()),
                        Filters.eq("version", m.version())),
                Updates.combine(
                        Updates.set("displayName", m.displayName()),
                        Updates.set("roles", m.roleIds()),
                        Updates.set("languages", m.languages()),
                        Updates.set("clients", m.clients()),
                        Updates.set("active", m.active()),
                        Updates.set("updatedAt", Date.from(m.updatedAt())),
                        Updates.inc("version", 1L))).getModifiedCount() == 1;
    }

    /** Sets the password hash; false when there is no such member. */
    boolean setPassword(String id, String passwordHash, Instant at) {
        return staff.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("passwordHash", passwordHash),
                Updates.set("updatedAt", Date.from(at)),
                Updates.inc("version", 1L))).getMatchedCount() == 1;
    }

    /** Replaces a hash made with older parameters, unless the password changed meanwhile. */
    void rehash(String id, String oldHash, String newHash) {
        staff.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("passwordHash", oldHash)),
                Updates.set("passwordHash", newHash));
    }

    private static StaffMember read(Document d) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String id : d.getList("roles", String.class, List.of())) {
            Role.parse(id).ifPresent(roles::add);
        }
        Object version = d.get("version");
        return new StaffMember(d.getString("_id"), d.getString("email"),
                d.getString("displayName"), roles,
                d.getList("languages", String.class, List.of()),
                d.getList("clients", String.class, List.of()),
                d.getBoolean("active", false),
                d.getString("passwordHash") != null,
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant(),
                version instanceof Number n ? n.longValue() : 0L);
    }
}
