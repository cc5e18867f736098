package org.parley.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.staff.Console;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffMember;
import org.parley.web.Json;
import org.parley.web.Problems;
import org.parley.web.WebResources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The QA console's routes, for signed-in members with the QA role; state-changing ones need the
 * session's CSRF token. A reviewer sees only the clients they serve. Under {@code /qa/api}:
 * {@code GET options}, {@code GET conversations} (search), {@code GET conversations/{id}}
 * (transcript, audited), {@code POST conversations/{id}/reveal} (audited), {@code PUT
 * conversations/{id}/review}, {@code POST conversations/{id}/comments}, {@code GET
 * conversations/{id}/export.json}, {@code GET export.csv}, {@code GET rollups}, {@code GET} and
 * {@code POST queue}; and {@code GET /qa/print/{id}}, the printable transcript.
 */
final class QaRoutes {

    private static final int MAX_BODY_BYTES = 16 * 1024;

    private final Qa qa;
    private final StaffAuth auth;

    QaRoutes(Qa qa, StaffAuth auth) {
        this.qa = qa;
        this.auth = auth;
    }

    /** A reviewer asked for a client they do not serve. */
    static final class NotYourClient extends RuntimeException {
        NotYourClient(String message) {
            super(message);
        }
    }

    /** A request body over the limit. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(String message) {
            super(message);
        }
    }

    void routes(HttpRouting.Builder routing) {
        routing.error(NotYourClient.class, (req, res, e) -> Problems.send(res,
                Status.FORBIDDEN_403, "forbidden_client", e.getMessage()));
        routing.error(BodyTooLarge.class, (req, res, e) -> Problems.send(res,
                Status.REQUEST_ENTITY_TOO_LARGE_413, "body_too_large", e.getMessage()));
        routing.any("/qa/api/*", auth.require(Console.QA.roles()))
                .any("/qa/print/*", auth.require(Console.QA.roles()))
                .get("/qa/api/options", this::options)
                .get("/qa/api/conversations", this::search)
                .get("/qa/api/conversations/{id}", this::transcript)
                .post("/qa/api/conversations/{id}/reveal", this::reveal)
                .put("/qa/api/conversations/{id}/review", this::review)
                .post("/qa/api/conversations/{id}/comments", this::comment)
                .get("/qa/api/conversations/{id}/export.json", this::exportJson)
                .get("/qa/api/export.csv", this::exportCsv)
                .get("/qa/api/rollups", this::rollups)
                .get("/qa/api/queue", this::queue)
                .post("/qa/api/queue", this::fillQueue)
                .get("/qa/print/{id}", this::print)
                .get("/qa/qa.js", (req, res) -> asset(res, "qa.js", "text/javascript"))
                .get("/qa/qa.css", (req, res) -> asset(res, "qa.css", "text/css"))
                .get("/qa/print.js", (req, res) -> asset(res, "qa-print.js", "text/javascript"));
    }

    private void options(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        String clientId = clientId(req, m);
        json(res, qa.options(m, clientId));
    }

    private void search(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        String clientId = clientId(req, m);
        json(res, qa.search(qa.query(clientId, params(req))));
    }

    private void transcript(ServerRequest req, ServerResponse res) {
        json(res, qa.transcript(member(req), id(req)));
    }

    private void reveal(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req);
        json(res, qa.reveal(member(req), id(req), text(body, "ref", 40)));
    }

    private void review(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req);
        JsonNode answers = body.get("answers");
        if (answers == null || !answers.isObject()) {
            throw new BadInputException("invalid_answers", "'answers' must be an object of "
                    + "scorecard item ids to \"yes\", \"no\" or \"not_applicable\"");
        }
        Map<String, String> given = new LinkedHashMap<>();
        answers.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().isTextual()
                ? e.getValue().asText() : e.getValue().toString()));
        JsonNode version = body.get("version");
        if (version == null || !version.canConvertToLong() || version.asLong() < 0) {
            throw new BadInputException("invalid_version", "'version' must be the review's "
                    + "version from the transcript (0 when it has none)");
        }
        json(res, qa.review(member(req), id(req), given, version.asLong()));
    }

    private void comment(ServerRequest req, ServerResponse res) {
        JsonNode body = body(req);
        JsonNode seq = body.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong()
                || seq.asLong() < 1) {
            throw new BadInputException("invalid_seq", "'seq' must be the number of the "
                    + "message the comment is about, a whole number, 1 or more; got "
                    + (seq == null ? "nothing" : seq.toString()));
        }
        json(res, qa.comment(member(req), id(req), seq.asLong(), text(body, "text", 2000)));
    }

    private void exportJson(ServerRequest req, ServerResponse res) {
        String id = id(req);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"transcript-" + id
                + ".json\"");
        json(res, qa.exportJson(member(req), id));
    }

    private void exportCsv(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        String clientId = clientId(req, m);
        String csv = qa.exportCsv(m, qa.query(clientId, params(req)));
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"transcripts-"
                + clientId + ".csv\"");
        noStore(res);
        // A byte order mark first, so that a spreadsheet reads the UTF-8 ("Lucía") as UTF-8.
        res.send("\uFEFF" + csv);
    }

    private void rollups(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        String clientId = clientId(req, m);
        Map<String, List<String>> params = params(req);
        String by = params.getOrDefault("by", List.of("agent")).get(0);
        if (!Rollups.BY.contains(by)) {
            throw new BadInputException("invalid_by", "'by' must be one of " + Rollups.BY
                    + "; got '" + by + "'");
        }
        params.remove("by");
        json(res, qa.rollups(qa.query(clientId, params), by));
    }

    private void queue(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        json(res, qa.queue(clientId(req, m), req.query().first("week").orElse(
                Rollups.week(java.time.LocalDate.ofInstant(qa.now(),
                        java.time.ZoneOffset.UTC)))));
    }

    private void fillQueue(ServerRequest req, ServerResponse res) {
        StaffMember m = member(req);
        JsonNode body = body(req);
        String clientId = body.hasNonNull("clientId") ? body.get("clientId").asText()
                : clientId(req, m);
        qa.checkClient(m, clientId);
        json(res, qa.fillQueue(clientId, text(body, "week", 10)));
    }

    private void print(ServerRequest req, ServerResponse res) {
        String html = qa.printable(member(req), id(req));
        res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
        noStore(res);
        res.header(HeaderNames.create("Content-Security-Policy"), "default-src 'self'; "
                + "script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "frame-ancestors 'none'; form-action 'none'; base-uri 'none'");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.create("Referrer-Policy"), "no-referrer");
        res.send(html);
    }

    private static StaffMember member(ServerRequest req) {
        return StaffAuth.signedIn(req).member();
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    /** The client asked for, or the only one the reviewer serves. */
    private String clientId(ServerRequest req, StaffMember m) {
        String clientId = req.query().first("clientId").asOptional()
                .filter(v -> !v.isBlank()).orElseGet(() -> {
                    if (m.clients().size() == 1) {
                        return m.clients().get(0);
                    }
                    throw new BadInputException("missing_client", "Name the client with "
                            + "?clientId=...; you serve " + (m.clients().isEmpty() ? "none"
                            : String.join(", ", m.clients())));
                });
        qa.checkClient(m, clientId);
        return clientId;
    }

    private static Map<String, List<String>> params(ServerRequest req) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (String name : req.query().names()) {
            if (!name.equals("clientId")) {
                params.put(name, req.query().all(name));
            }
        }
        return params;
    }

    private static JsonNode body(ServerRequest req) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLarge("The body is larger than "
                    + MAX_BODY_BYTES / 1024 + " KB; QA requests are far smaller");
        }
        try {
            JsonNode node = Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new BadInputException("invalid_json", "Send one JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("invalid_json", "The body is not valid JSON ("
                    + e.getOriginalMessage() + "); send one JSON object");
        }
    }

    private static String text(JsonNode body, String name, int max) {
        JsonNode value = body.get(name);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadInputException("invalid_" + name, "'" + name + "' must be a "
                    + "non-empty string");
        }
        if (value.asText().length() > max) {
            throw new BadInputException("invalid_" + name, "'" + name + "' is "
                    + value.asText().length() + " characters; send at most " + max);
        }
        return value.asText().strip();
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        noStore(res);
        res.send(Json.write(body));
    }

    private static void noStore(ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }

    private static void asset(ServerResponse res, String file, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.send(WebResources.text(file));
    }

    static NotFoundException unknown(String id) {
        return new NotFoundException("unknown_conversation", "No conversation '" + id
                + "'; pick one from the search");
    }
}
