package org.parley.staff;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who gets in where: the console pages at {@code /agent} and {@code /qa}, and
 * {@link StaffAuth#require(Role...)} in front of another feature's routes (here a small server
 * of the test's own on the same store, as a later console's REST routes would use it).
 */
class StaffAccessTest {

    @TempDir
    static Path data;
    static TestParley parley;
    static WebServer feature;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
        StaffAuth auth = parley.parley().staff().auth();
        feature = WebServer.builder().host("127.0.0.1").port(0)
                .routing(r -> r
                        .get("/reviews", auth.require(Role.QA), (req, res) ->
                                res.send("reviews for " + StaffAuth.signedIn(req).member()
                                        .displayName()))
                        .post("/reviews", auth.require(Role.QA), (req, res) -> res.send("saved"))
                        .get("/anyone", auth.require(), (req, res) -> res.send("hello")))
                .build().start();
        StaffHttp.member(parley, "agent@access.test", "Ada Agent", "\"agent\"");
        StaffHttp.member(parley, "super@access.test", "Sue Supervisor", "\"supervisor\"");
        StaffHttp.member(parley, "qa@access.test", "Quinn QA", "\"qa\"");
        StaffHttp.member(parley, "marked@access.test",
                "<script>alert(1)</script> & \"Bo\" <b>Bold</b>", "\"agent\"");
    }

    @AfterAll
    static void stop() {
        feature.stop();
        parley.close();
    }

    @Test
    void aVisitorAtAgentSeesTheSignInForm() {
        HttpResponse<String> page = new StaffHttp(parley).get("/agent");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<h1>Agent console</h1>"), page.body());
        assertTrue(page.body().contains("<form id=\"signin\" method=\"post\" "
                + "action=\"/staff/login\""));
        assertTrue(page.body().contains("<input type=\"hidden\" name=\"return\" "
                + "value=\"/agent\">"));
        assertTrue(page.body().contains("<p id=\"error\" class=\"error\" role=\"alert\"></p>"));
        assertEquals("no-store", page.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow()
                .contains("script-src 'self'"));
    }

    @Test
    void aVisitorAtQaSeesTheQaSignInForm() {
        HttpResponse<String> page = new StaffHttp(parley).get("/qa");

        assertTrue(page.body().contains("<h1>QA console</h1>"));
        assertTrue(page.body().contains("name=\"return\" value=\"/qa\""));
    }

    @Test
    void theSignInPageNamesWhatWentWrongAfterAFormPostAndOnlyThat() {
        String failed = new StaffHttp(parley).get("/agent?signin=failed").body();
        String locked = new StaffHttp(parley).get("/agent?signin=locked").body();
        String other = new StaffHttp(parley).get("/agent?signin=%3Cb%3Ehi%3C%2Fb%3E").body();

        assertTrue(failed.contains("role=\"alert\">Email or password is wrong, or the account is "
                + "not active.</p>"));
        assertTrue(locked.contains("role=\"alert\">Too many failed sign-ins for this email. Wait "
                + "15 minutes and try again.</p>"));
        assertTrue(other.contains("role=\"alert\"></p>"));
        assertFalse(other.contains("<b>hi"));
    }

    @Test
    void aSignedInAgentSeesTheAgentConsoleNamingThem() {
        StaffHttp agent = new StaffHttp(parley).signedIn("agent@access.test");

        HttpResponse<String> page = agent.get("/agent");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<span id=\"member-name\">Ada Agent</span>"));
        assertTrue(page.body().contains("<dd id=\"member-roles\">agent</dd>"));
        assertTrue(page.body().contains("<dd id=\"member-clients\">example-health</dd>"));
        assertTrue(page.body().contains("<meta name=\"csrf-token\" content=\"" + agent.csrf()
                + "\">"));
        assertTrue(page.body().contains("<section id=\"desk\" class=\"desk\""));
    }

    @Test
    void aSupervisorIsLetIntoTheAgentConsole() {
        HttpResponse<String> page = new StaffHttp(parley).signedIn("super@access.test")
                .get("/agent");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Sue Supervisor"));
    }

    @Test
    void anAgentAtQaGetsA403PageSayingWhichRoleItNeeds() {
        HttpResponse<String> page = new StaffHttp(parley).signedIn("agent@access.test")
                .get("/qa");

        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("You are signed in as <span id=\"member-name\">Ada Agent"
                + "</span>\n        (roles: agent), but the QA console needs the role qa."),
                page.body());
        assertTrue(page.body().contains("<button id=\"sign-out\""));
    }

    @Test
    void aQaReviewerAtAgentGetsA403Page() {
        HttpResponse<String> page = new StaffHttp(parley).signedIn("qa@access.test")
                .get("/agent");

        assertEquals(403, page.statusCode());
        assertTrue(page.body().contains("but the Agent console needs the role agent or "
                + "supervisor."), page.body());
    }

    @Test
    void aDisplayNameWithMarkupIsEscapedOnThePage() {
        HttpResponse<String> page = new StaffHttp(parley).signedIn("marked@access.test")
                .get("/agent");

        assertTrue(page.body().contains("<span id=\"member-name\">&lt;script&gt;alert(1)"
                + "&lt;/script&gt; &amp; &quot;Bo&quot; &lt;b&gt;Bold&lt;/b&gt;</span>"));
        assertFalse(page.body().contains("<script>alert"));
        assertFalse(page.body().contains("<b>Bold"));
    }

    @Test
    void afterSigningOutTheConsoleShowsTheSignInFormAgain() {
        StaffHttp agent = new StaffHttp(parley).signedIn("agent@access.test");
        agent.change("POST", "/staff/logout", null);

        HttpResponse<String> page = agent.get("/agent");

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("role=\"alert\">Your session has ended. Sign in again."
                + "</p>"));
    }

    @Test
    void requireAnswers401AsJsonToAVisitor() {
        HttpResponse<String> response = feature("GET", "/reviews", null, null);

        assertEquals(401, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type")
                .orElseThrow());
        assertEquals("{\"error\":\"not_signed_in\",\"message\":\"Sign in first: open /agent or "
                + "/qa, or POST /staff/login with your email and password\"}", response.body());
    }

    @Test
    void requireAnswers403AsJsonToAMemberWithoutTheRole() {
        StaffHttp agent = new StaffHttp(parley).signedIn("agent@access.test");

        HttpResponse<String> response = feature("GET", "/reviews", agent.cookie(), null);

        assertEquals(403, response.statusCode());
        assertEquals("{\"error\":\"forbidden_role\",\"message\":\"This needs the role qa; you are "
                + "signed in with agent. Ask an administrator for the role, or sign in as another "
                + "member\"}", response.body());
    }

    @Test
    void requireHandsTheSignedInMemberToTheRoute() {
        StaffHttp qa = new StaffHttp(parley).signedIn("qa@access.test");

        HttpResponse<String> response = feature("GET", "/reviews", qa.cookie(), null);

        assertEquals("200 reviews for Quinn QA", response.statusCode() + " " + response.body());
    }

    @Test
    void requireWithNoRoleLetsInAnySignedInMember() {
        StaffHttp agent = new StaffHttp(parley).signedIn("agent@access.test");

        assertEquals(200, feature("GET", "/anyone", agent.cookie(), null).statusCode());
    }

    @Test
    void requireRefusesAChangeWithoutTheCsrfTokenEvenWithTheRole() {
        StaffHttp qa = new StaffHttp(parley).signedIn("qa@access.test");

        HttpResponse<String> without = feature("POST", "/reviews", qa.cookie(), null);
        HttpResponse<String> with = feature("POST", "/reviews", qa.cookie(), qa.csrf());

        assertEquals("403 csrf_token", without.statusCode() + " "
                + StaffHttp.json(without).get("error").asText());
        assertEquals("200 saved", with.statusCode() + " " + with.body());
    }

    @Test
    void theCheckWorksOnBareHeadersForASocketUpgrade() {
        StaffHttp agent = new StaffHttp(parley).signedIn("agent@access.test");
        StaffAuth auth = parley.parley().staff().auth();
        var headers = io.helidon.http.WritableHeaders.create()
                .add(HeaderNames.COOKIE, "theme=dark; " + agent.cookie() + "; other=1");

        StaffAuth.Check asAgent = auth.check(headers, io.helidon.http.Method.GET, Role.AGENT);
        StaffAuth.Check asQa = auth.check(headers, io.helidon.http.Method.GET, Role.QA);

        assertEquals("Ada Agent", ((StaffAuth.SignedIn) asAgent).member().displayName());
        assertEquals(403, ((StaffAuth.Refused) asQa).status().code());
    }

    private static HttpResponse<String> feature(String method, String path, String cookie,
                                                String csrf) {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + feature.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return parley.send(b.build());
    }
}
