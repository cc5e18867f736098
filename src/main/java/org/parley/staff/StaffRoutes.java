package org.parley.staff;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signing in and out: {@code POST /staff/login} (JSON or the sign-in form), {@code POST
 * /staff/logout} and {@code GET /staff/me}. A JSON sign-in is answered with JSON; a form post is
 * sent back to its console's page, which shows what went wrong.
 */
final class StaffRoutes {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final SignIn signIn;
    private final StaffAuth auth;
    private final StaffSessions sessions;
    private final Clock clock;

    StaffRoutes(SignIn signIn, StaffAuth auth, StaffSessions sessions, Clock clock) {
        this.signIn = signIn;
        this.auth = auth;
        this.sessions = sessions;
        this.clock = clock;
    }

    void routes(HttpRouting.Builder routing) {
        routing.post("/staff/login", this::login)
                .post("/staff/logout", this::logout)
                .get("/staff/me", auth.require(), this::me);
    }

    private void login(ServerRequest req, ServerResponse res) {
        boolean form = StaffInput.isForm(req);
        StaffInput.Credentials credentials;
        try {
            credentials = StaffInput.credentials(req);
        } catch (InvalidField e) {
            if (!form) {
                throw e;
            }
            back(res, Console.AGENT, "missing");
            return;
        }
        Console console = Console.at(credentials.returnTo().orElse(""));

        // A new sign-in replaces whatever session this browser had.
        StaffAuth.token(req.headers()).ifPresent(sessions::end);
        SignIn.Outcome outcome = signIn.attempt(credentials.email(), credentials.password());
        switch (outcome) {
            case SignIn.Success s -> {
                res.headers().addCookie(auth.cookie(s.session().token()));
                if (form) {
                    redirect(res, Console.landing(credentials.returnTo().orElse(""),
                            s.member()).path());
                } else {
                    StaffApi.json(res, signedIn(s.member(), s.session().csrfToken()));
                }
            }
            case SignIn.Refused r -> {
                if (form) {
                    back(res, console, "failed");
                } else {
                    org.parley.web.Problems.send(res, Status.UNAUTHORIZED_401, "sign_in_failed",
                            "Email or password is wrong, or the account is not active");
                }
            }
            case SignIn.Locked l -> {
                long seconds = Math.max(1, Duration.between(clock.instant(), l.until())
                        .toSeconds());
                res.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
                if (form) {
                    back(res, console, "locked");
                } else {
                    org.parley.web.Problems.send(res, Status.TOO_MANY_REQUESTS_429,
                            "sign_in_locked", lockedMessage(l.until(), seconds));
                }
            }
        }
    }

    private static String lockedMessage(Instant until, long seconds) {
        long minutes = (seconds + 59) / 60;
        return "Too many failed sign-ins for this email: signing in with it is locked for "
                + minutes + (minutes == 1 ? " minute" : " minutes") + ", until "
                + HOUR.format(until) + ". Wait until then and try again, or ask an "
                + "administrator to check the account";
    }

    private void logout(ServerRequest req, ServerResponse res) {
        StaffAuth.Check check = auth.check(req);
        if (check instanceof StaffAuth.Refused refused
                && refused.status() == Status.FORBIDDEN_403) {
            refused.send(res);
            return;
        }
        StaffAuth.token(req.headers()).ifPresent(sessions::end);
        res.headers().addCookie(auth.clearedCookie());
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private void me(ServerRequest req, ServerResponse res) {
        StaffAuth.SignedIn s = StaffAuth.signedIn(req);
        StaffApi.json(res, signedIn(s.member(), s.csrfToken()));
    }

    private static Map<String, Object> signedIn(StaffMember member, String csrfToken) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("member", StaffApi.member(member));
        body.put("csrfToken", csrfToken);
        return body;
    }

    private static void back(ServerResponse res, Console console, String problem) {
        redirect(res, console.path() + "?signin=" + problem);
    }

    private static void redirect(ServerResponse res, String path) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, path);
        res.send();
    }
}
