package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/** Lets a request under {@code /api/} through only with the configured bearer token. */
public final class ApiAuth {

    private final byte[] token;

    public ApiAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /** Passes the request on, or answers 401 and nothing else. */
    public void handle(ServerRequest req, ServerResponse res) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] given = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        if (MessageDigest.isEqual(given, token)) {
            res.next();
            return;
        }
        res.status(Status.UNAUTHORIZED_401);
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"parley\"");
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", "unauthorized");
        body.put("message", "Send the API token as 'Authorization: Bearer <token>'; it is set by "
                        + "PARLEY_API_TOKEN, or printed at start in the embedded demo");
        res.send(Json.write(body));
    }
}
