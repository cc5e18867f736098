package org.parley.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import org.parley.ParleyException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns failures into JSON error responses; the only place a failure kind becomes a status. */
public final class Problems {

    private static final System.Logger LOG = System.getLogger(Problems.class.getName());

    private Problems() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ParleyException.class, (req, res, e) -> send(res, e));
        // No route, or a method the route does not take: say so instead of failing.
        routing.error(io.helidon.http.HttpException.class, (req, res, e) -> write(res, e.status(),
                e.status().code() == 404 ? "not_found" : "http_" + e.status().code(),
                e.status().code() == 404 ? "No such route: " + req.prologue().method() + " "
                        + req.path().path() + "; see the README for the API's routes"
                        : e.getMessage(), null));
        routing.error(RuntimeException.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure on " + req.prologue().method()
                    + " " + req.path().path(), e);
            write(res, Status.INTERNAL_SERVER_ERROR_500, "internal_error",
                    "Parley failed unexpectedly; the operator's log has the details", null);
        });
    }

    public static void send(ServerResponse res, ParleyException e) {
        write(res, status(e.kind()), e.code(), e.getMessage(), e.detail());
    }

    /**
     * Answers with a status no failure kind maps to, such as 413 or 415, in the same shape as
     * every other failure.
     */
    public static void send(ServerResponse res, Status status, String code, String message) {
        write(res, status, code, message, null);
    }

    public static Status status(ParleyException.Kind kind) {
        return switch (kind) {
            case BAD_INPUT -> Status.BAD_REQUEST_400;
            case NOT_FOUND -> Status.NOT_FOUND_404;
            case CONFLICT -> Status.CONFLICT_409;
            case GONE -> Status.GONE_410;
            case UNAUTHORIZED -> Status.UNAUTHORIZED_401;
            case UNAVAILABLE -> Status.SERVICE_UNAVAILABLE_503;
        };
    }

    private static void write(ServerResponse res, Status status, String code, String message,
                              Object detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (detail != null) {
            body.put("detail", detail);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
