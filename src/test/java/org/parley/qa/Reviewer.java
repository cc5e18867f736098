package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * A QA reviewer's browser as far as the server can tell: signed in with the session cookie and
 * the CSRF token, calling the QA console's routes as its page does.
 */
final class Reviewer {

    /** The demo staff's password in QA tests (PARLEY_STAFF_DEMO_PASSWORD). */
    static final String PASSWORD = "qa tests passphrase 0123";
    static final String DEMO_QA = "qa@example-health.test";

    private final TestParley parley;
    private final String cookie;
    private final String csrf;
    private final String id;

    private Reviewer(TestParley parley, String cookie, String csrf, String id) {
        this.parley = parley;
        this.cookie = cookie;
        this.csrf = csrf;
        this.id = id;
    }

    /** Signs in as {@code email} with {@code password}; fails the test if that is refused. */
    static Reviewer signIn(TestParley parley, String email, String password) {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                        parley.http("/staff/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":" + Json.write(email)
                        + ",\"password\":" + Json.write(password) + "}")).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + email + ": " + response.body());
        }
        JsonNode body = json(response.body());
        return new Reviewer(parley, response.headers().firstValue("Set-Cookie").orElseThrow()
                .split(";")[0], body.get("csrfToken").asText(),
                body.get("member").get("id").asText());
    }

    /** The demo's QA reviewer. */
    static Reviewer demo(TestParley parley) {
        return signIn(parley, DEMO_QA, PASSWORD);
    }

    /** Makes a member through the admin API and returns its id. */
    static String member(TestParley parley, String email, String roles, String clients) {
        HttpResponse<String> created = parley.api("POST", "/api/staff", "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":\"Test Member\",\"roles\":["
                        + roles + "],\"languages\":[\"en\"],\"clients\":[" + clients
                        + "],\"password\":\"" + PASSWORD + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creating " + email + ": " + created.body());
        }
        return json(created.body()).get("id").asText();
    }

    String id() {
        return id;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(parley.http(path))
                .header("Cookie", cookie)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!method.equals("GET")) {
            b.header("X-CSRF-Token", csrf);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return parley.send(b.build());
    }

    /** GET, expecting 200 and JSON. */
    JsonNode getJson(String path) {
        return ok(get(path));
    }

    /** A state-changing call, expecting 200 and JSON. */
    JsonNode call(String method, String path, String body) {
        return ok(send(method, path, body));
    }

    private static JsonNode ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " from " + response.uri() + ": "
                    + response.body());
        }
        return json(response.body());
    }

    static JsonNode json(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }
}
