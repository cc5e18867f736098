package org.parley.staff;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.web.WebResources;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The consoles' pages: {@code GET /agent} and {@code GET /qa} show the sign-in form to a visitor,
 * the console to a member with its role, and a 403 page to a member without it. Every value
 * put into a page is HTML-escaped, so a name with markup in it shows as text.
 */
final class StaffPages {

    /** Sign-in problems a page names after a form post, by the code in {@code ?signin=}. */
    private static final Map<String, String> SIGN_IN_ERRORS = Map.of(
            "failed", "Email or password is wrong, or the account is not active.",
            "locked", "Too many failed sign-ins for this email. Wait 15 minutes and try again.",
            "missing", "Enter your email and your password.");
    private static final String ENDED = "Your session has ended. Sign in again.";
    private static final String SIGNED_OUT = "You have signed out.";

    private final StaffAuth auth;

    StaffPages(StaffAuth auth) {
        this.auth = auth;
    }

    void routes(HttpRouting.Builder routing) {
        for (Console console : Console.values()) {
            routing.get(console.path(), (req, res) -> page(req, res, console));
        }
        routing.get("/staff.css", (req, res) -> asset(res, "staff.css", "text/css"))
                .get("/staff.js", (req, res) -> asset(res, "staff.js", "text/javascript"));
    }

    private void page(ServerRequest req, ServerResponse res, Console console) {
        StaffAuth.Check check = auth.check(req);
        if (check instanceof StaffAuth.Refused refused) {
            String problem = req.query().first("signin").orElse("");
            String error = SIGN_IN_ERRORS.getOrDefault(problem,
                    refused.code().equals("session_ended") ? ENDED : "");
            send(res, Status.OK_200, page(console.title() + " · Sign in",
                    WebResources.text("staff-signin.html"), Map.of(
                            "CONSOLE", console.title(), "RETURN", console.path(),
                            "ERROR", error, "CSRF", "",
                            "NOTICE", problem.equals("out") && error.isEmpty() ? SIGNED_OUT : "")));
            return;
        }

        StaffAuth.SignedIn signedIn = (StaffAuth.SignedIn) check;
        StaffMember m = signedIn.member();
        Map<String, String> values = Map.of(
                "CONSOLE", console.title(),
                "PAGE", console.noun(),
                "NAME", m.displayName(),
                "EMAIL", m.email(),
                "ROLES", String.join(", ", m.roleIds()),
                "NEEDED", console.roleList().stream().map(Role::id)
                        .collect(Collectors.joining(" or ")),
                "LANGUAGES", list(m.languages()),
                "CLIENTS", list(m.clients()),
                "CSRF", signedIn.csrfToken());
        if (!m.hasAny(console.roles())) {
            send(res, Status.FORBIDDEN_403, page(console.title() + " · Not for your roles",
                    WebResources.text("staff-forbidden.html"), values));
            return;
        }
        // The console's own section is a file of its own, which the console's feature replaces.
        String body = WebResources.text("staff-console.html")
                .replace("<!--PLANNED-->", WebResources.text(console.template()));
        send(res, Status.OK_200, page(console.title(), body, values));
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "none" : String.join(", ", values);
    }

    /**
     * The staff page shell around {@code body} (trusted markup from the jar), then each value,
     * escaped, where the page says {@code <!--NAME-->}. Escaped values hold no {@code <}, so
     * no value can bring in markup or another placeholder.
     */
    static String page(String title, String body, Map<String, String> values) {
        String page = WebResources.text("staff-page.html").replace("<!--BODY-->", body.strip())
                .replace("<!--TITLE-->", escape(title));
        for (Map.Entry<String, String> e : values.entrySet()) {
            page = page.replace("<!--" + e.getKey() + "-->", escape(e.getValue()));
        }
        return page;
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&#39;");
    }

    private static void send(ServerResponse res, Status status, String html) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; "
                + "script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
        res.header(HeaderNames.create("X-Frame-Options"), "DENY");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.send(html);
    }

    private static void asset(ServerResponse res, String file, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.send(WebResources.text(file));
    }
}
