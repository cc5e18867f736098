package org.parley.staff;

import java.time.Instant;
import java.util.Optional;

/**
 * Checks an email and password and starts a session. An unknown email, a deactivated member, a
 * member without a password and a wrong password get the same answer after the same work (one
 * Argon2 verification and one counted failure), so the answer tells nobody which emails exist.
 */
final class SignIn {

    private static final System.Logger LOG = System.getLogger(SignIn.class.getName());

    /** What a sign-in attempt came to. */
    sealed interface Outcome permits Success, Refused, Locked {
    }

    record Success(StaffMember member, StaffSessions.Started session) implements Outcome {
    }

    /** Wrong email or password, without saying which. */
    record Refused() implements Outcome {
    }

    /** Too many failures for this email: no password is checked until {@code until}. */
    record Locked(Instant until) implements Outcome {
    }

    private final StaffStore store;
    private final StaffSessions sessions;
    private final SignInThrottle throttle;
    private final PasswordHasher hasher;
    private String decoy;

    SignIn(StaffStore store, StaffSessions sessions, SignInThrottle throttle,
           PasswordHasher hasher) {
        this.store = store;
        this.sessions = sessions;
        this.throttle = throttle;
        this.hasher = hasher;
    }

    Outcome attempt(String email, String password) {
        Optional<Instant> locked = throttle.lockedUntil(email);
        if (locked.isPresent()) {
            return new Locked(locked.get());
        }

        Optional<StaffStore.Credentials> found = store.findForSignIn(email);
        Optional<String> hash = found.flatMap(StaffStore.Credentials::passwordHash);
        boolean matches = hasher.verify(password, hash.orElseGet(this::decoy));
        if (!matches || found.isEmpty() || hash.isEmpty() || !found.get().member().active()) {
            if (throttle.failed(email)) {
                LOG.log(System.Logger.Level.WARNING, "Staff sign-in locked for {0} after "
                        + "repeated failures", throttle.lockFor());
            }
            return new Refused();
        }

        StaffMember member = found.get().member();
        throttle.succeeded(email);
        if (hasher.outdated(hash.get())) {
            store.rehash(member.id(), hash.get(), hasher.hash(password));
        }
        LOG.log(System.Logger.Level.INFO, "Staff member {0} signed in", member.id());
        return new Success(member, sessions.start(member.id()));
    }

    /** A hash of a password nobody has, made once, verified against when there is no hash. */
    private synchronized String decoy() {
        if (decoy == null) {
            decoy = hasher.hash("no such staff member " + System.nanoTime());
        }
        return decoy;
    }
}
