package org.parley.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestParley;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API for staff accounts: {@code /api/staff}, with the API token or an admin. */
class StaffApiTest {

    private static final String JSON = "application/json";

    @TempDir
    static Path data;
    static TestParley parley;

    @BeforeAll
    static void start() {
        parley = TestParley.start(data);
    }

    @AfterAll
    static void stop() {
        parley.close();
    }

    @Test
    void creatingAMemberAnswers201WithTheMemberAndWhereItLives() {
        HttpResponse<String> response = parley.api("POST", "/api/staff", JSON, """
                {"email": "Dana.Lopez@Example-Health.test", "displayName": "Dana López",
                 "roles": ["agent", "Supervisor"], "languages": ["EN", "es-mx"],
                 "clients": ["example-health"], "password": "correct horse battery staple"}""");

        assertEquals(201, response.statusCode(), response.body());
        JsonNode m = StaffHttp.json(response);
        String id = m.get("id").asText();
        assertTrue(id.matches("st_[0-9a-f]{24}"), id);
        assertEquals("/api/staff/" + id, response.headers().firstValue("Location").orElseThrow());
        assertEquals("{\"id\":\"" + id + "\",\"email\":\"Dana.Lopez@Example-Health.test\","
                + "\"displayName\":\"Dana López\",\"roles\":[\"agent\",\"supervisor\"],"
                + "\"languages\":[\"en\",\"es-MX\"],\"clients\":[\"example-health\"],"
                + "\"active\":true,\"hasPassword\":true,\"createdAt\":\"2026-12-04T15:00:00Z\","
                + "\"updatedAt\":\"2026-12-04T15:00:00Z\"}", response.body());
        assertEquals(response.body(), parley.api("GET", "/api/staff/" + id, null, null).body());
    }

    @Test
    void theCreatedMemberIsAnsweredExactlyAsItIsReadBackWhenTheClockHasNanoseconds() {
        java.time.Clock clock = java.time.Clock.fixed(TestParley.NOW.plusNanos(123_456_789),
                java.time.ZoneOffset.UTC);
        var db = parley.parley().store().database();
        Staff staff = Staff.create(org.parley.config.ParleyConfig.load(java.util.Map.of()), db,
                parley.parley().services().clients(), clock, new java.security.SecureRandom());

        StaffMember created = staff.service().create(new StaffService.NewMember(
                "nanos@example-health.test", "Nanos", java.util.Set.of(Role.QA), List.of(),
                List.of(), true, java.util.Optional.empty()));

        assertEquals("2026-12-04T15:00:00.123Z", created.createdAt().toString());
        assertEquals(created, staff.service().get(created.id()));
    }

    @Test
    void aSecondMemberWithTheSameEmailInAnotherCaseIs409NamingTheEmail() {
        StaffHttp.member(parley, "twice@example-health.test", "First", "\"agent\"");

        HttpResponse<String> response = parley.api("POST", "/api/staff", JSON, """
                {"email": " TWICE@example-health.TEST ", "displayName": "Second",
                 "roles": ["qa"]}""");

        assertEquals(409, response.statusCode());
        assertEquals("{\"error\":\"email_taken\",\"message\":\"email 'TWICE@example-health.TEST' "
                + "already belongs to a staff member (emails are compared without regard to "
                + "case); use another address, or change the existing member with PATCH "
                + "/api/staff/{id}\",\"detail\":{\"field\":\"email\"}}", response.body());
        assertEquals(1, emails().stream()
                .filter(e -> e.equalsIgnoreCase("twice@example-health.test")).count());
    }

    @Test
    void aShortPasswordIs400NamingTheRuleAndNothingIsStored() {
        HttpResponse<String> response = parley.api("POST", "/api/staff", JSON, """
                {"email": "short@example-health.test", "displayName": "Short",
                 "roles": ["agent"], "password": "elevenchars"}""");

        assertEquals(400, response.statusCode());
        assertEquals("{\"error\":\"invalid_password\",\"message\":\"password must be at least 12 "
                + "characters long, the one given has 11; choose a longer one, such as a few "
                + "unrelated words\",\"detail\":{\"field\":\"password\"}}", response.body());
        assertFalse(emails().contains("short@example-health.test"));
    }

    @Test
    void eachWrongFieldIsRefusedByNameAndNothingIsStored() {
        String base = "\"email\": \"wrong@example-health.test\", \"displayName\": \"W\"";
        List<List<String>> cases = List.of(
                List.of("{\"displayName\": \"W\", \"roles\": [\"agent\"]}", "email"),
                List.of("{\"email\": \"not-an-address\", \"displayName\": \"W\", "
                        + "\"roles\": [\"agent\"]}", "email"),
                List.of("{\"email\": \"wrong@example-health.test\", \"roles\": [\"agent\"]}",
                        "displayName"),
                List.of("{" + base + ", \"roles\": []}", "roles"),
                List.of("{" + base + ", \"roles\": [\"boss\"]}", "roles"),
                List.of("{" + base + ", \"roles\": \"agent\"}", "roles"),
                List.of("{" + base + ", \"roles\": [\"agent\"], \"languages\": [\"e n\"]}",
                        "languages"),
                List.of("{" + base + ", \"roles\": [\"agent\"], \"clients\": [\"nobody\"]}",
                        "clients"),
                List.of("{" + base + ", \"roles\": [\"agent\"], \"active\": \"yes\"}", "active"),
                List.of("{" + base + ", \"roles\": [\"agent\"], \"admin\": true}", "admin"));

        for (List<String> c : cases) {
            HttpResponse<String> response = parley.api("POST", "/api/staff", JSON, c.get(0));

            assertEquals(400, response.statusCode(), c.get(0));
            assertEquals(c.get(1), StaffHttp.json(response).get("detail").get("field").asText(),
                    response.body());
        }
        assertFalse(emails().contains("wrong@example-health.test"));
    }

    @Test
    void theRoleRuleNamesEveryRole() {
        HttpResponse<String> response = parley.api("POST", "/api/staff", JSON, """
                {"email": "r@example-health.test", "displayName": "R", "roles": ["boss"]}""");

        assertEquals("roles has 'boss', which is not a role; the roles are agent, supervisor, "
                + "admin, qa", StaffHttp.json(response).get("message").asText());
    }

    @Test
    void theListShowsEveryMemberAndNeverAHash() {
        StaffHttp.member(parley, "listed@example-health.test", "Listed", "\"qa\"");

        HttpResponse<String> response = parley.api("GET", "/api/staff", null, null);

        assertEquals(200, response.statusCode());
        assertTrue(emails().contains("listed@example-health.test"));
        assertTrue(emails().contains("admin@example-health.test"), "the demo admin is seeded");
        assertFalse(response.body().contains("argon2"), response.body());
        assertFalse(response.body().toLowerCase().contains("passwordhash"), response.body());
        assertFalse(response.body().contains(StaffHttp.PASSWORD));
    }

    @Test
    void aPatchChangesOnlyTheFieldsItNames() {
        String id = StaffHttp.member(parley, "patch@example-health.test", "Before", "\"agent\"")
                .get("id").asText();

        HttpResponse<String> response = parley.api("PATCH", "/api/staff/" + id, JSON, """
                {"displayName": "After", "roles": ["agent", "qa"], "languages": ["vi", "ko"],
                 "clients": []}""");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode m = StaffHttp.json(response);
        assertEquals("patch@example-health.test After [\"agent\",\"qa\"] [\"vi\",\"ko\"] [] true",
                m.get("email").asText() + " " + m.get("displayName").asText() + " "
                        + m.get("roles") + " " + m.get("languages") + " " + m.get("clients")
                        + " " + m.get("active"));
    }

    @Test
    void aPatchWithABadFieldChangesNothing() {
        String id = StaffHttp.member(parley, "steady@example-health.test", "Steady", "\"agent\"")
                .get("id").asText();
        String before = parley.api("GET", "/api/staff/" + id, null, null).body();

        HttpResponse<String> badLanguage = parley.api("PATCH", "/api/staff/" + id, JSON,
                "{\"displayName\": \"Changed\", \"languages\": [\"en\", \"123\"]}");
        HttpResponse<String> email = parley.api("PATCH", "/api/staff/" + id, JSON,
                "{\"email\": \"other@example-health.test\"}");
        HttpResponse<String> empty = parley.api("PATCH", "/api/staff/" + id, JSON, "{}");

        assertEquals("400 languages", badLanguage.statusCode() + " "
                + StaffHttp.json(badLanguage).get("detail").get("field").asText());
        assertEquals("400 email cannot be changed; create a member with the new email and "
                + "deactivate this one", email.statusCode() + " "
                + StaffHttp.json(email).get("message").asText());
        assertEquals(400, empty.statusCode());
        assertEquals(before, parley.api("GET", "/api/staff/" + id, null, null).body());
    }

    @Test
    void anUnknownMemberIs404NamingTheId() {
        HttpResponse<String> get = parley.api("GET", "/api/staff/st_nobody", null, null);
        HttpResponse<String> patch = parley.api("PATCH", "/api/staff/st_nobody", JSON,
                "{\"active\": false}");
        HttpResponse<String> password = parley.api("POST", "/api/staff/st_nobody/password", JSON,
                "{\"password\": \"a long enough password\"}");

        assertEquals("{\"error\":\"unknown_staff\",\"message\":\"No staff member 'st_nobody'; "
                + "list them with GET /api/staff\"}", get.body());
        assertEquals(404, get.statusCode());
        assertEquals(404, patch.statusCode());
        assertEquals(404, password.statusCode());
    }

    @Test
    void deactivatingAMemberEndsTheirSessionsAtOnceAndStopsSignIn() {
        JsonNode m = StaffHttp.member(parley, "leaver@example-health.test", "Leaver", "\"agent\"");
        StaffHttp browser = new StaffHttp(parley).signedIn("leaver@example-health.test");
        assertEquals(200, browser.get("/staff/me").statusCode());

        HttpResponse<String> response = parley.api("PATCH", "/api/staff/" + m.get("id").asText(),
                JSON, "{\"active\": false}");

        assertEquals(200, response.statusCode());
        assertEquals(0, parley.parley().staff().sessions().count(m.get("id").asText()));
        assertEquals("session_ended", StaffHttp.json(browser.get("/staff/me")).get("error")
                .asText());
        assertEquals(401, new StaffHttp(parley).signIn("leaver@example-health.test",
                StaffHttp.PASSWORD).statusCode());
    }

    @Test
    void settingAPasswordLetsTheMemberSignInWithItAndEndsTheirOtherSessions() {
        String id = StaffHttp.member(parley, "reset@example-health.test", "Reset", "\"qa\"")
                .get("id").asText();
        StaffHttp before = new StaffHttp(parley).signedIn("reset@example-health.test");

        HttpResponse<String> response = parley.api("POST", "/api/staff/" + id + "/password",
                JSON, "{\"password\": \"a brand new passphrase\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertFalse(response.body().contains("argon2"));
        assertEquals(401, before.get("/staff/me").statusCode());
        assertEquals(401, new StaffHttp(parley).signIn("reset@example-health.test",
                StaffHttp.PASSWORD).statusCode());
        assertEquals(200, new StaffHttp(parley).signIn("reset@example-health.test",
                "a brand new passphrase").statusCode());
    }

    @Test
    void aShortNewPasswordIs400AndTheOldOneStillWorks() {
        String id = StaffHttp.member(parley, "keep@example-health.test", "Keep", "\"qa\"")
                .get("id").asText();

        HttpResponse<String> response = parley.api("POST", "/api/staff/" + id + "/password",
                JSON, "{\"password\": \"short\"}");

        assertEquals("400 password", response.statusCode() + " "
                + StaffHttp.json(response).get("detail").get("field").asText());
        assertEquals(200, new StaffHttp(parley).signIn("keep@example-health.test",
                StaffHttp.PASSWORD).statusCode());
    }

    @Test
    void withoutTheTokenOrASessionTheApiIs401() {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                parley.http("/api/staff")).GET().build());

        assertEquals(401, response.statusCode());
        assertEquals("Bearer realm=\"parley\"", response.headers().firstValue("WWW-Authenticate")
                .orElseThrow());
    }

    @Test
    void aSignedInAdminUsesTheApiWithTheCsrfTokenOnChanges() {
        StaffHttp.member(parley, "boss@example-health.test", "Boss", "\"admin\"");
        StaffHttp admin = new StaffHttp(parley).signedIn("boss@example-health.test");
        String body = "{\"email\": \"hired@example-health.test\", \"displayName\": \"Hired\", "
                + "\"roles\": [\"agent\"]}";

        HttpResponse<String> list = admin.get("/api/staff");
        HttpResponse<String> withoutToken = admin.send("POST", "/api/staff", body, null);
        HttpResponse<String> withToken = admin.change("POST", "/api/staff", body);

        assertEquals(200, list.statusCode());
        assertEquals("403 csrf_token", withoutToken.statusCode() + " "
                + StaffHttp.json(withoutToken).get("error").asText());
        assertEquals(201, withToken.statusCode(), withToken.body());
    }

    @Test
    void aSignedInAgentIsRefusedTheAdminApiWith403() {
        StaffHttp.member(parley, "notadmin@example-health.test", "Agent", "\"agent\"");
        StaffHttp agent = new StaffHttp(parley).signedIn("notadmin@example-health.test");

        HttpResponse<String> response = agent.get("/api/staff");

        assertEquals(403, response.statusCode());
        assertEquals("{\"error\":\"forbidden_role\",\"message\":\"This needs the role admin; you "
                + "are signed in with agent. Ask an administrator for the role, or sign in as "
                + "another member\"}", response.body());
    }

    private static List<String> emails() {
        JsonNode list = StaffHttp.json(parley.api("GET", "/api/staff", null, null));
        List<String> emails = new java.util.ArrayList<>();
        list.get("staff").forEach(m -> emails.add(m.get("email").asText()));
        return emails;
    }
}
