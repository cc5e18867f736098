package org.parley.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestClock;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing in and out, the session cookie, idle and absolute expiry, the lock after repeated
 * failures, and the CSRF rule. Time moves only when a test advances the clock, and each test
 * uses its own member, so the tests do not disturb each other.
 */
class StaffSignInTest {

    @TempDir
    static Path data;
    static TestClock clock = new TestClock(TestParley.NOW);
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data, Map.of(), clock);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void signingInAnswersTheMemberAndACsrfTokenAndSetsTheSessionCookie() {
        JsonNode m = StaffHttp.member(parley, "in@example-health.test", "In", "\"agent\"");

        HttpResponse<String> response = new StaffHttp(parley).signIn("IN@example-health.test",
                StaffHttp.PASSWORD);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = StaffHttp.json(response);
        assertEquals(m, body.get("member"));
        assertTrue(body.get("csrfToken").asText().matches("[A-Za-z0-9_-]{43}"));
        assertFalse(response.body().contains("argon2"));
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteStrictForTheWholeSiteAndHolds256Bits() {
        StaffHttp.member(parley, "cookie@example-health.test", "Cookie", "\"agent\"");

        HttpResponse<String> response = new StaffHttp(parley).signIn("cookie@example-health.test",
                StaffHttp.PASSWORD);

        String cookie = StaffHttp.setCookie(response).orElseThrow();
        assertTrue(cookie.matches("parley_staff=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; "
                + "SameSite=Strict"), cookie);
    }

    @Test
    void theStoreHoldsOnlyTheSha256OfTheSessionToken() {
        String id = StaffHttp.member(parley, "digest@example-health.test", "Digest", "\"qa\"")
                .get("id").asText();
        StaffHttp browser = new StaffHttp(parley).signedIn("digest@example-health.test");
        String token = browser.cookie().substring("parley_staff=".length());

        var sessions = parley.parley().store().database().getCollection("staff_sessions");

        assertEquals(0, sessions.countDocuments(new org.bson.Document("_id", token)));
        assertEquals(id, sessions.find(new org.bson.Document("_id",
                StaffSessions.digest(token))).first().getString("memberId"));
    }

    @Test
    void meAnswersTheMemberAndTheCsrfToken() {
        JsonNode m = StaffHttp.member(parley, "me@example-health.test", "Me", "\"qa\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("me@example-health.test");

        JsonNode me = StaffHttp.json(browser.get("/staff/me"));

        assertEquals(m, me.get("member"));
        assertEquals(browser.csrf(), me.get("csrfToken").asText());
    }

    @Test
    void withoutASessionMeIs401() {
        HttpResponse<String> response = new StaffHttp(parley).get("/staff/me");

        assertEquals(401, response.statusCode());
        assertEquals("{\"error\":\"not_signed_in\",\"message\":\"Sign in first: open /agent or "
                + "/qa, or POST /staff/login with your email and password\"}", response.body());
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        StaffHttp.member(parley, "known@example-health.test", "Known", "\"agent\"");

        HttpResponse<String> wrong = new StaffHttp(parley).signIn("known@example-health.test",
                "not the right password");
        HttpResponse<String> unknown = new StaffHttp(parley).signIn(
                "nobody@example-health.test", StaffHttp.PASSWORD);

        assertEquals(401, wrong.statusCode());
        assertEquals("{\"error\":\"sign_in_failed\",\"message\":\"Email or password is wrong, "
                + "or the account is not active\"}", wrong.body());
        assertEquals(wrong.statusCode() + wrong.body(), unknown.statusCode() + unknown.body());
        assertFalse(StaffHttp.setCookie(wrong).isPresent());
    }

    @Test
    void aSessionIdleForThirtyMinutesEnds() {
        StaffHttp.member(parley, "idle@example-health.test", "Idle", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("idle@example-health.test");

        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals(200, browser.get("/staff/me").statusCode(), "a request restarts idle time");
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertEquals(200, browser.get("/staff/me").statusCode());
        clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> ended = browser.get("/staff/me");

        assertEquals(401, ended.statusCode());
        assertEquals("session_ended", StaffHttp.json(ended).get("error").asText());
    }

    @Test
    void aBusySessionStillEndsTwelveHoursAfterSignIn() {
        StaffHttp.member(parley, "busy@example-health.test", "Busy", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("busy@example-health.test");

        for (int i = 0; i < 35; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertEquals(200, browser.get("/staff/me").statusCode(), "after " + (i + 1) * 20
                    + " minutes");
        }
        clock.advance(Duration.ofMinutes(19).plusSeconds(59));
        assertEquals(200, browser.get("/staff/me").statusCode(), "11:59:59 after sign-in");
        clock.advance(Duration.ofSeconds(1));

        assertEquals(401, browser.get("/staff/me").statusCode(), "12:00:00 after sign-in");
    }

    @Test
    void fiveFailuresLockTheEmailForFifteenMinutesEvenForTheRightPassword() {
        StaffHttp.member(parley, "locked@example-health.test", "Locked", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.signIn("locked@example-health.test", "wrong password " + i)
                    .statusCode(), "failure " + (i + 1));
            clock.advance(Duration.ofMinutes(1));
        }

        HttpResponse<String> locked = browser.signIn("Locked@example-health.test",
                StaffHttp.PASSWORD);

        assertEquals(429, locked.statusCode());
        assertEquals("{\"error\":\"sign_in_locked\",\"message\":\"Too many failed sign-ins for "
                + "this email: signing in with it is locked for 14 minutes, until " + lockEnd()
                + ". Wait until then and try again, or ask an administrator to check the "
                + "account\"}", locked.body());
        assertEquals("840", locked.headers().firstValue("Retry-After").orElseThrow());

        clock.advance(Duration.ofMinutes(13).plusSeconds(59));
        assertEquals(429, browser.signIn("locked@example-health.test", StaffHttp.PASSWORD)
                .statusCode());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(200, browser.signIn("locked@example-health.test", StaffHttp.PASSWORD)
                .statusCode());
    }

    @Test
    void anUnknownEmailIsLockedAfterFiveFailuresLikeAKnownOne() {
        StaffHttp browser = new StaffHttp(parley);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.signIn("ghost@example-health.test", "guess number " + i)
                    .statusCode());
        }

        assertEquals(429, browser.signIn("ghost@example-health.test", "guess number 6")
                .statusCode());
    }

    @Test
    void failuresOlderThanFifteenMinutesDoNotCountTowardTheLock() {
        StaffHttp.member(parley, "slow@example-health.test", "Slow", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley);
        for (int i = 0; i < 4; i++) {
            browser.signIn("slow@example-health.test", "wrong password " + i);
        }
        clock.advance(Duration.ofMinutes(15));

        assertEquals(401, browser.signIn("slow@example-health.test", "wrong again").statusCode());
        assertEquals(200, browser.signIn("slow@example-health.test", StaffHttp.PASSWORD)
                .statusCode());
    }

    @Test
    void aSuccessfulSignInForgetsEarlierFailures() {
        StaffHttp.member(parley, "typo@example-health.test", "Typo", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley);
        for (int i = 0; i < 4; i++) {
            browser.signIn("typo@example-health.test", "wrong password " + i);
        }
        browser.signedIn("typo@example-health.test");

        for (int i = 0; i < 4; i++) {
            assertEquals(401, browser.signIn("typo@example-health.test", "wrong " + i)
                    .statusCode());
        }
        assertEquals(200, browser.signIn("typo@example-health.test", StaffHttp.PASSWORD)
                .statusCode());
    }

    @Test
    void aChangeWithoutTheCsrfTokenIs403AndChangesNothing() {
        StaffHttp.member(parley, "csrf@example-health.test", "Csrf", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("csrf@example-health.test");

        HttpResponse<String> missing = browser.send("POST", "/staff/logout", null, null);
        HttpResponse<String> wrong = browser.send("POST", "/staff/logout", null,
                browser.csrf().substring(1) + "x");

        assertEquals(403, missing.statusCode());
        assertEquals("{\"error\":\"csrf_token\",\"message\":\"This request changes something, so "
                + "it must carry the header X-CSRF-Token with the token given at sign-in (also "
                + "in GET /staff/me)\"}", missing.body());
        assertEquals(403, wrong.statusCode());
        assertEquals(200, browser.get("/staff/me").statusCode(), "still signed in");
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        StaffHttp.member(parley, "out@example-health.test", "Out", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("out@example-health.test");

        HttpResponse<String> response = browser.change("POST", "/staff/logout", null);

        assertEquals(204, response.statusCode());
        assertEquals("parley_staff=; Expires=Thu, 1 Jan 1970 00:00:00 GMT; Path=/; HttpOnly; "
                + "SameSite=Strict",
                StaffHttp.setCookie(response).orElseThrow());
        assertEquals(401, browser.get("/staff/me").statusCode());
    }

    @Test
    void signingInAgainEndsTheBrowsersEarlierSession() {
        StaffHttp.member(parley, "again@example-health.test", "Again", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("again@example-health.test");
        String first = browser.cookie();

        browser.signedIn("again@example-health.test");

        assertEquals(401, parley.send(HttpRequest.newBuilder(parley.http("/staff/me"))
                .header("Cookie", first).build()).statusCode());
        assertEquals(200, browser.get("/staff/me").statusCode());
    }

    @Test
    void aFormSignInGoesBackToItsConsoleWithTheCookieOrWithWhatWentWrong() {
        StaffHttp.member(parley, "form@example-health.test", "Form", "\"qa\"");
        StaffHttp browser = new StaffHttp(parley);

        HttpResponse<String> wrong = browser.signInWithForm("form@example-health.test", "nope",
                "/qa");
        HttpResponse<String> right = browser.signInWithForm("form@example-health.test",
                StaffHttp.PASSWORD, "/qa");
        HttpResponse<String> elsewhere = browser.signInWithForm("form@example-health.test",
                StaffHttp.PASSWORD, "https://evil.example.test/");

        assertEquals("303 /qa?signin=failed", wrong.statusCode() + " "
                + wrong.headers().firstValue("Location").orElseThrow());
        assertFalse(StaffHttp.setCookie(wrong).isPresent());
        assertEquals("303 /qa", right.statusCode() + " "
                + right.headers().firstValue("Location").orElseThrow());
        assertTrue(StaffHttp.setCookie(right).orElseThrow().startsWith("parley_staff="));
        assertEquals("/qa", elsewhere.headers().firstValue("Location").orElseThrow(),
                "only a console's own path is followed, else the member's own console");
    }

    @Test
    void aMissingEmailOrPasswordIs400NamingTheField() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                        parley.http("/staff/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"a@example.test\"}"))
                .build());

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_password\",\"message\":\"password is required to sign "
                + "in\",\"detail\":{\"field\":\"password\"}}", response.body());
    }

    @Test
    void anyInstanceOnTheSameStoreAcceptsTheSession() {
        StaffHttp.member(parley, "shared@example-health.test", "Shared", "\"qa\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("shared@example-health.test");
        Staff other = Staff.create(org.parley.config.ParleyConfig.load(Map.of()),
                parley.parley().store().database(), parley.parley().services().clients(), clock,
                new java.security.SecureRandom());

        var headers = io.helidon.http.WritableHeaders.create()
                .add(io.helidon.http.HeaderNames.COOKIE, browser.cookie());
        StaffAuth.Check check = other.auth().check(headers, io.helidon.http.Method.GET, Role.QA);

        assertEquals("Shared", ((StaffAuth.SignedIn) check).member().displayName());
    }

    private static String lockEnd() {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm 'UTC'")
                .withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant().plus(Duration.ofMinutes(14)));
    }
}
