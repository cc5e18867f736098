package org.parley.outreach.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The campaigns page and its calls let in administrators and supervisors only. */
class CampaignPageAccessTest {

    static final String PASSWORD = "campaign access passphrase 0123";

    @TempDir
    Path data;
    CampaignFixture f;

    @BeforeEach
    void start() {
        f = new CampaignFixture(data, Map.of("PARLEY_STAFF_DEMO_PASSWORD", PASSWORD));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private String signIn(String email) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&return=%2Fcampaigns";
        HttpResponse<String> res = f.parley.send(HttpRequest.newBuilder(
                        f.parley.http("/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return res.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    private HttpResponse<String> get(String path, String cookie) {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.parley.http(path));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return f.parley.send(b.build());
    }

    @Test
    void nobodySignedInGetsTheSignInFormAndA401FromTheCalls() {
        HttpResponse<String> call = get("/campaigns/api/clients", null);

        assertEquals(true, get("/campaigns", null).body().contains("id=\"signin\""));
        assertEquals(401, call.statusCode());
        assertEquals("{\"error\":\"not_signed_in\",\"message\":\"Sign in first: open "
                + "/campaigns and sign in there, or POST /staff/login with your email and "
                + "password\"}", call.body());
    }

    @Test
    void aReviewerWithoutTheRoleIsRefused() {
        String cookie = signIn("qa@example-health.test");

        HttpResponse<String> page = get("/campaigns", cookie);

        assertEquals(403, page.statusCode());
        assertEquals(true, page.body().contains("(roles: qa), but the Campaigns page needs the "
                + "role admin or supervisor."), page.body());
        assertEquals(403, get("/campaigns/api/clients", cookie).statusCode());
    }

    @Test
    void anAdministratorSeesEveryClient() {
        String cookie = signIn("admin@example-health.test");

        assertEquals(200, get("/campaigns", cookie).statusCode());
        assertEquals("{\"clients\":[{\"id\":\"example-health\",\"name\":\"Example Health\"}]}",
                get("/campaigns/api/clients", cookie).body());
    }
}
