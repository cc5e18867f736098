package org.parley.staff;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.web.Problems;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is signed in on a staff request, for every route that staff use: the consoles' pages,
 * their REST calls and the agent socket's upgrade. A request is let through when it carries the
 * {@value #COOKIE} cookie of a live session of an active member who holds one of the roles the
 * route names, and, when it changes something (POST, PUT, PATCH, DELETE), the session's CSRF
 * token in the {@value #CSRF_HEADER} header.
 *
 * <p>Routes use {@link #require(Role...)} before their own handler and read the member with
 * {@link #signedIn(ServerRequest)}; code without a {@link ServerRequest} (a WebSocket upgrade)
 * calls {@link #check(Headers, Method, Role...)}.
 */
public final class StaffAuth {

    /** The session cookie's name. */
    public static final String COOKIE = "parley_staff";
    /** The header that carries the CSRF token on state-changing requests. */
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private static final HeaderName CSRF = HeaderNames.create(CSRF_HEADER);
    private static final Set<Method> CHANGING = Set.of(Method.POST, Method.PUT, Method.PATCH,
            Method.DELETE);

    private final StaffStore store;
    private final StaffSessions sessions;
    private final boolean secureCookie;

    StaffAuth(StaffStore store, StaffSessions sessions, boolean secureCookie) {
        this.store = store;
        this.sessions = sessions;
        this.secureCookie = secureCookie;
    }

    /** What checking a request came to: a signed-in member, or a refusal to send. */
    public sealed interface Check permits SignedIn, Refused {
    }

    /**
     * A signed-in member on this request.
     *
     * @param csrfToken the token the member's state-changing requests must carry
     */
    public record SignedIn(StaffMember member, String csrfToken) implements Check {
        @Override
        public String toString() {
            return "SignedIn[" + member.id() + "]";
        }
    }

    /**
     * A request that may not go on: 401 when nobody is signed in, 403 for a missing or wrong
     * CSRF token or a member without the role.
     */
    public record Refused(Status status, String code, String message) implements Check {

        /** Answers with this refusal as a JSON problem, in the shape of every API error. */
        public void send(ServerResponse res) {
            Problems.send(res, status, code, message);
        }
    }

    /**
     * A handler that lets the request go on to the next one only for a signed-in member with
     * one of {@code roles} (any member when none is named), and otherwise answers 401 or 403.
     */
    public Handler require(Role... roles) {
        return require(Optional.empty(), roles.clone());
    }

    /**
     * As {@link #require(Role...)} with the roles of {@code console}, for the calls of its page:
     * a visitor who is not signed in is told to sign in on that page.
     */
    public Handler require(Console console) {
        return require(Optional.of(console), console.roles());
    }

    private Handler require(Optional<Console> console, Role[] wanted) {
        return (req, res) -> {
            Check check = check(req, wanted);
            if (check instanceof SignedIn signedIn) {
                req.context().register(signedIn);
                res.next();
            } else if (console.isPresent() && ((Refused) check).code().equals("not_signed_in")) {
                new Refused(Status.UNAUTHORIZED_401, "not_signed_in", "Sign in first: open "
                        + console.get().path() + " and sign in there, or POST /staff/login "
                        + "with your email and password").send(res);
            } else {
                ((Refused) check).send(res);
            }
        };
    }

    /**
     * The member {@link #require(Role...)} let through on this request.
     *
     * @throws IllegalStateException when no {@code require} ran before the calling handler
     */
    public static SignedIn signedIn(ServerRequest req) {
        return req.context().get(SignedIn.class).orElseThrow(() -> new IllegalStateException(
                "No staff member on " + req.path().path() + ": register StaffAuth.require(...) "
                        + "before this handler"));
    }

    /** Checks a request, see {@link #check(Headers, Method, Role...)}. */
    public Check check(ServerRequest req, Role... roles) {
        return check(req.headers(), req.prologue().method(), roles);
    }

    /**
     * Checks the session cookie, the CSRF token for state-changing methods, and the roles; a
     * passing check counts as activity on the session.
     *
     * @param roles let in a member with any of these; with none, any signed-in member
     */
    public Check check(Headers headers, Method method, Role... roles) {
        return check(headers, method, true, roles);
    }

    /**
     * As {@link #check(Headers, Method, Role...)}; with {@code activity} false a passing check
     * leaves the session's idle time running, as a console's heartbeat must.
     */
    public Check check(Headers headers, Method method, boolean activity, Role... roles) {
        Optional<String> token = token(headers);
        if (token.isEmpty()) {
            return new Refused(Status.UNAUTHORIZED_401, "not_signed_in", "Sign in first: open "
                    + "/agent or /qa, or POST /staff/login with your email and password");
        }
        Optional<StaffSessions.Session> session = sessions.find(token.get());
        Optional<StaffMember> member = session.flatMap(s -> store.find(s.memberId()))
                .filter(StaffMember::active);
        if (member.isEmpty()) {
            session.ifPresent(s -> sessions.endAll(s.memberId()));
            return new Refused(Status.UNAUTHORIZED_401, "session_ended", "Your session has "
                    + "ended (signed out, idle too long, past its lifetime, or ended by an "
                    + "administrator); sign in again");
        }

        if (CHANGING.contains(method) && !csrfMatches(headers, session.get().csrfToken())) {
            return new Refused(Status.FORBIDDEN_403, "csrf_token", "This request changes "
                    + "something, so it must carry the header " + CSRF_HEADER + " with the "
                    + "token given at sign-in (also in GET /staff/me)");
        }
        if (!member.get().hasAny(roles)) {
            return new Refused(Status.FORBIDDEN_403, "forbidden_role", "This needs the role "
                    + Arrays.stream(roles).map(Role::id).collect(Collectors.joining(" or "))
                    + "; you are signed in with " + String.join(", ", member.get().roleIds())
                    + ". Ask an administrator for the role, or sign in as another member");
        }

        if (activity) {
            sessions.touch(session.get());
        }
        return new SignedIn(member.get(), session.get().csrfToken());
    }

    /** The session token in the request's cookie, if it has one. */
    static Optional<String> token(Headers headers) {
        if (!headers.contains(HeaderNames.COOKIE)) {
            return Optional.empty();
        }
        for (String header : headers.get(HeaderNames.COOKIE).allValues()) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(COOKIE)) {
                    String value = pair.substring(eq + 1).trim();
                    if (!value.isEmpty()) {
                        return Optional.of(value);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** The cookie that holds a new session: HttpOnly, SameSite=Strict, Path=/. */
    SetCookie cookie(String token) {
        return SetCookie.builder(COOKIE, token).httpOnly(true).secure(secureCookie)
                .sameSite(SetCookie.SameSite.STRICT).path("/").build();
    }

    /** The same cookie, emptied and long expired, for sign-out (Helidon drops Max-Age=0). */
    SetCookie clearedCookie() {
        return SetCookie.builder(COOKIE, "").httpOnly(true).secure(secureCookie)
                .sameSite(SetCookie.SameSite.STRICT).path("/")
                .expires(java.time.Instant.EPOCH).build();
    }

    private static boolean csrfMatches(Headers headers, String expected) {
        byte[] given = headers.first(CSRF).orElse("").trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.UTF_8));
    }
}
