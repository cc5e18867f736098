package org.parley.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.testing.TestParley;
import org.parley.web.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A staff member's browser, as far as the server can tell: it signs in, keeps the session cookie
 * and the CSRF token, and sends them the way the pages do. Also makes members through the admin
 * API with the operator's token.
 */
final class StaffHttp {

    static final String PASSWORD = "correct horse battery staple";

    private final TestParley parley;
    private String cookie;
    private String csrf;

    StaffHttp(TestParley parley) {
        this.parley = parley;
    }

    /** Creates a member with {@link #PASSWORD} through the admin API and returns its JSON. */
    static JsonNode member(TestParley parley, String email, String displayName, String roles) {
        HttpResponse<String> created = parley.api("POST", "/api/staff", "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":" + Json.write(displayName)
                        + ",\"roles\":[" + roles + "],\"languages\":[\"en\"],"
                        + "\"clients\":[\"example-health\"],\"password\":\"" + PASSWORD + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creating " + email + ": " + created.body());
        }
        return json(created);
    }

    /** Signs in with JSON, with the cookie it has, and keeps the new cookie and CSRF token. */
    HttpResponse<String> signIn(String email, String password) {
        HttpResponse<String> response = send("POST", "/staff/login", "{\"email\":"
                + Json.write(email) + ",\"password\":" + Json.write(password) + "}", null);
        if (response.statusCode() == 200) {
            cookie = setCookie(response).orElseThrow().split(";")[0];
            csrf = json(response).get("csrfToken").asText();
        }
        return response;
    }

    /** Signs in and fails the test when that does not work. */
    StaffHttp signedIn(String email) {
        HttpResponse<String> response = signIn(email, PASSWORD);
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + email + ": " + response.body());
        }
        return this;
    }

    /** Signs in through the HTML form, without script, as a browser with JS off would. */
    HttpResponse<String> signInWithForm(String email, String password, String returnTo) {
        String form = "email=" + encode(email) + "&password=" + encode(password) + "&return="
                + encode(returnTo);
        return parley.send(HttpRequest.newBuilder(parley.http("/staff/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    String cookie() {
        return cookie;
    }

    String csrf() {
        return csrf;
    }

    /** A request with the session cookie; the CSRF header is sent when {@code csrf} is given. */
    HttpResponse<String> send(String method, String path, String body, String csrfToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(parley.http(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (csrfToken != null) {
            b.header("X-CSRF-Token", csrfToken);
        }
        return parley.send(b.build());
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    /** A state-changing request with the right CSRF token, as the pages send it. */
    HttpResponse<String> change(String method, String path, String body) {
        return send(method, path, body, csrf);
    }

    static Optional<String> setCookie(HttpResponse<?> response) {
        return response.headers().firstValue("Set-Cookie");
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
