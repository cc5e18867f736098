package org.parley.staff;

import org.parley.NotFoundException;
import org.parley.client.ClientStore;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Staff accounts: creating members, changing them and setting their passwords, with every value
 * checked before anything is stored. Deactivating a member, or setting their password, ends
 * their sessions at once.
 */
public final class StaffService {

    /** Fewest characters a password may have. */
    public static final int MIN_PASSWORD_LENGTH = 12;
    /** Most characters a password may have; longer ones only cost hashing time. */
    public static final int MAX_PASSWORD_LENGTH = 1024;
    static final int MAX_NAME_LENGTH = 100;
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_LIST_SIZE = 50;

    private static final System.Logger LOG = System.getLogger(StaffService.class.getName());
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final StaffStore store;
    private final StaffSessions sessions;
    private final ClientStore clients;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final RandomGenerator random;
    private final List<Watcher> watchers = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * Told of every change to a member, after it is stored: what consoles hold open (an agent's
     * socket) is ended by the watcher when the member may no longer use it.
     */
    @FunctionalInterface
    public interface Watcher {
        /**
         * @param member    the member as stored now
         * @param signedOut true when the change ended the member's sessions (deactivation, a
         *                  new password)
         */
        void changed(StaffMember member, boolean signedOut);
    }

    /** Adds a watcher, called on the changing thread; a failing watcher is logged, skipped. */
    public void watch(Watcher watcher) {
        watchers.add(watcher);
    }

    public StaffService(StaffStore store, StaffSessions sessions, ClientStore clients,
                        PasswordHasher hasher, Clock clock, RandomGenerator random) {
        this.store = store;
        this.sessions = sessions;
        this.clients = clients;
        this.hasher = hasher;
        this.clock = clock;
        this.random = random;
    }

    /** A member to create; the password may be set now or later. */
    public record NewMember(String email, String displayName, Set<Role> roles,
                            List<String> languages, List<String> clients, boolean active,
                            Optional<String> password) {
        @Override
        public String toString() {
            return "NewMember[roles=" + roles + ", password=" + (password.isPresent() ? "(set)"
                    : "(none)") + "]";
        }
    }

    /** The fields a change sets; an empty one is left as it is. */
    public record Changes(Optional<String> displayName, Optional<Set<Role>> roles,
                          Optional<List<String>> languages, Optional<List<String>> clients,
                          Optional<Boolean> active) {
    }

    /**
     * Creates a member.
     *
     * @throws InvalidField  naming the first wrong field
     * @throws StaffConflict when the email is taken
     */
    public StaffMember create(NewMember m) {
        String email = email(m.email());
        String name = displayName(m.displayName());
        Set<Role> roles = roles(m.roles());
        List<String> languages = languages(m.languages());
        List<String> serves = clients(m.clients());
        m.password().ifPresent(StaffService::checkPassword);
        if (store.findForSignIn(email).isPresent()) {
            throw StaffConflict.emailTaken(email);
        }

        // The store keeps milliseconds: answer what a later read will answer.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StaffMember member = new StaffMember(newId(), email, name, roles, languages, serves,
                m.active(), m.password().isPresent(), now, now, 0L);
        store.insert(member, m.password().map(hasher::hash));
        LOG.log(System.Logger.Level.INFO, "Staff member {0} created with roles {1}", member.id(),
                member.roleIds());
        tell(member, false);
        return member;
    }

    public List<StaffMember> list() {
        return store.all();
    }

    /** The member, or a not-found failure that names the id. */
    public StaffMember get(String id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("unknown_staff",
                "No staff member '" + id + "'; list them with GET /api/staff"));
    }

    /** The member with an email, for a sign-in or a demo seed. */
    public Optional<StaffMember> findByEmail(String email) {
        return store.findForSignIn(email).map(StaffStore.Credentials::member);
    }

    /**
     * Applies {@code changes} to member {@code id}; deactivating ends the member's sessions.
     *
     * @throws InvalidField  naming the first wrong field; nothing is changed then
     * @throws StaffConflict when the member changed meanwhile
     */
    public StaffMember update(String id, Changes changes) {
        StaffMember current = get(id);
        StaffMember next = new StaffMember(id, current.email(),
                changes.displayName().map(StaffService::displayName).orElse(current.displayName()),
                changes.roles().map(StaffService::roles).orElse(current.roles()),
                changes.languages().map(StaffService::languages).orElse(current.languages()),
                changes.clients().map(this::clients).orElse(current.clients()),
                changes.active().orElse(current.active()), current.hasPassword(),
                current.createdAt(), clock.instant(), current.version());
        if (!store.update(next)) {
            throw StaffConflict.changedMeanwhile(id);
        }
        if (!next.active()) {
            sessions.endAll(id);
        }
        if (current.active() != next.active()) {
            LOG.log(System.Logger.Level.INFO, "Staff member {0} {1}", id,
                    next.active() ? "reactivated" : "deactivated; sessions ended");
        }
        StaffMember stored = store.find(id).orElseThrow();
        tell(stored, !next.active());
        return stored;
    }

    /**
     * Sets a member's password and ends their sessions, so that whoever knew the old one is
     * signed out everywhere.
     *
     * @throws InvalidField when the password breaks the length rule
     */
    public StaffMember setPassword(String id, String password) {
        checkPassword(password);
        get(id);
        if (!store.setPassword(id, hasher.hash(password), clock.instant())) {
            throw StaffConflict.changedMeanwhile(id);
        }
        sessions.endAll(id);
        StaffMember stored = get(id);
        tell(stored, true);
        return stored;
    }

    private void tell(StaffMember member, boolean signedOut) {
        for (Watcher watcher : watchers) {
            try {
                watcher.changed(member, signedOut);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "A watcher of staff changes failed for "
                        + "member " + member.id(), e);
            }
        }
    }

    /**
     * The password rule: {@value #MIN_PASSWORD_LENGTH} to {@value #MAX_PASSWORD_LENGTH}
     * characters. The message never repeats the password.
     */
    static void checkPassword(String password) {
        int length = password == null ? 0 : password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH) {
            throw new InvalidField("password", "password must be at least "
                    + MIN_PASSWORD_LENGTH + " characters long, the one given has " + length
                    + "; choose a longer one, such as a few unrelated words");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new InvalidField("password", "password must be at most "
                    + MAX_PASSWORD_LENGTH + " characters long, the one given has " + length);
        }
    }

    private static String email(String email) {
        String e = email == null ? "" : email.trim();
        if (e.isEmpty()) {
            throw new InvalidField("email", "email is required, such as 'dana@example.test'");
        }
        if (e.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(e).matches()) {
            throw new InvalidField("email", "email must be an address such as "
                    + "'dana@example.test', was '" + e + "'");
        }
        return e;
    }

    private static String displayName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new InvalidField("displayName", "displayName is required: the name the "
                    + "consoles show for the member");
        }
        if (n.codePointCount(0, n.length()) > MAX_NAME_LENGTH) {
            throw new InvalidField("displayName", "displayName must be at most "
                    + MAX_NAME_LENGTH + " characters long");
        }
        if (CONTROL.matcher(n).find()) {
            throw new InvalidField("displayName", "displayName must not contain control "
                    + "characters such as line breaks or tabs");
        }
        return n;
    }

    private static Set<Role> roles(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidField("roles", "roles must name at least one of: " + Role.names());
        }
        return EnumSet.copyOf(roles);
    }

    private static List<String> languages(List<String> tags) {
        Set<String> canonical = new LinkedHashSet<>();
        for (String tag : limited("languages", tags)) {
            try {
                Locale locale = new Locale.Builder().setLanguageTag(tag.trim()).build();
                if (locale.getLanguage().isEmpty()) {
                    throw new IllformedLocaleException("no language");
                }
                canonical.add(locale.toLanguageTag());
            } catch (IllformedLocaleException e) {
                throw new InvalidField("languages", "languages must be BCP 47 language tags "
                        + "such as 'en', 'es' or 'zh-Hant', was '" + tag + "'");
            }
        }
        return List.copyOf(canonical);
    }

    private List<String> clients(List<String> ids) {
        Set<String> known = new LinkedHashSet<>();
        for (String id : limited("clients", ids)) {
            if (clients.find(id.trim()).isEmpty()) {
                throw new InvalidField("clients", "clients names '" + id + "', which is not a "
                        + "client of this Parley; use a client id such as 'example-health'");
            }
            known.add(id.trim());
        }
        return List.copyOf(known);
    }

    private static List<String> limited(String field, List<String> values) {
        if (values.size() > MAX_LIST_SIZE) {
            throw new InvalidField(field, field + " may hold at most " + MAX_LIST_SIZE
                    + " entries, was " + values.size());
        }
        return new ArrayList<>(values);
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return "st_" + HexFormat.of().formatHex(bytes);
    }
}
