package org.parley.assistance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.web.CsvUpload;
import org.parley.web.Echo;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The assistance API under {@code /api/clients}: a client's applications and their status
 * ({@code /{clientId}/assistance/...}) and its report ({@code /{clientId}/reports/assistance}).
 * The programs are a section of the settings API ({@link AssistanceSettingsSection}).
 */
final class AssistanceRoutes implements HttpService {

    /** The largest status file taken. */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The largest status change taken: a few fields, far less than this. */
    static final int MAX_UPDATE_BYTES = 64 * 1024;
    private static final CsvUpload UPLOAD = new CsvUpload("status file", "status_file",
            MAX_BYTES, "split it and send the parts in order");

    private final Assistance assistance;
    private final ClientStore clients;

    AssistanceRoutes(Assistance assistance, ClientStore clients) {
        this.assistance = assistance;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{clientId}/assistance/applications", this::applications)
                .get("/{clientId}/assistance/applications/{appId}", this::application)
                .post("/{clientId}/assistance/applications/{appId}/status", this::status)
                .post("/{clientId}/assistance/status-file", this::statusFile)
                .get("/{clientId}/reports/assistance", this::report);
    }

    private void applications(ServerRequest req, ServerResponse res) {
        String clientId = client(req).id();
        Optional<String> account = req.query().first("account").asOptional();
        Optional<String> status = req.query().first("status").asOptional();
        status.filter(s -> ApplicationStatus.of(s).isEmpty()).ifPresent(s -> {
            throw new BadInputException("invalid_parameter", "status '" + Echo.cap(s)
                    + "' is not one of "
                    + String.join(", ", ApplicationStatus.codes()));
        });
        json(res, assistance.applications().all(clientId).stream()
                .filter(a -> account.map(a.accountNumber()::equals).orElse(true))
                .filter(a -> status.map(a.status().code()::equals).orElse(true))
                .map(ApplicationView::of).toList());
    }

    private void application(ServerRequest req, ServerResponse res) {
        String clientId = client(req).id();
        json(res, ApplicationView.of(assistance.applications().require(clientId,
                req.path().pathParameters().get("appId"))));
    }

    private void status(ServerRequest req, ServerResponse res) {
        String clientId = client(req).id();
        String appId = req.path().pathParameters().get("appId");
        assistance.applications().require(clientId, appId);
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !type.get().mediaType().subtype().equals("json")) {
            Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "A status change is sent as 'Content-Type: application/json', not '"
                            + Echo.cap(type.get().text()) + "'; with curl, add -H "
                            + "'Content-Type: application/json'");
            return;
        }
        Optional<byte[]> bytes = req.headers().contentLength().orElse(0) > MAX_UPDATE_BYTES
                ? Optional.empty() : bytes(req);
        if (bytes.isEmpty()) {
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "status_update_too_large",
                    "The status change is larger than the limit of " + MAX_UPDATE_BYTES / 1024
                            + " KB; send one change such as {\"status\": \"received\"}, and "
                            + "many changes as a status file");
            return;
        }
        StatusUpdate update = update(json(bytes.get()));
        Applications.Moved moved = assistance.move(clientId, appId, update);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("changed", moved.changed());
        out.put("application", ApplicationView.of(moved.application()));
        json(res, out);
    }

    private void statusFile(ServerRequest req, ServerResponse res) {
        String clientId = client(req).id();
        UPLOAD.read(req, res).ifPresent(bytes ->
                json(res, assistance.importStatusFile(clientId, bytes)));
    }

    private void report(ServerRequest req, ServerResponse res) {
        Client client = client(req);
        Optional<LocalDate> from = date(req, "from");
        Optional<LocalDate> to = date(req, "to");
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw new BadInputException("invalid_parameter", "from " + from.get() + " is after "
                    + "to " + to.get() + "; give the first day of the range first");
        }
        String format = req.query().first("format").asOptional().orElse("json");
        AssistanceReport.Report report = AssistanceReport.of(client.id(),
                assistance.applications().all(client.id()), from, to, client.timeZone());
        switch (format) {
            case "json" -> json(res, AssistanceReport.json(report));
            case "csv" -> {
                res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
                res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"assistance-"
                        + client.id() + ".csv\"");
                res.send(AssistanceReport.csv(report));
            }
            default -> throw new BadInputException("invalid_parameter", "format '"
                    + Echo.cap(format) + "' is not json or csv");
        }
    }

    /** Reads a status change: {@code status}, and {@code missing}, {@code reason} or
     * {@code discountPercent} as the status needs. */
    static StatusUpdate update(JsonNode body) {
        if (!body.isObject()) {
            throw new BadInputException("invalid_status_update", "The body must be a JSON object "
                    + "such as {\"status\": \"received\"}");
        }
        List<String> unknown = new ArrayList<>();
        body.fieldNames().forEachRemaining(f -> {
            if (!Set.of("status", "missing", "reason", "discountPercent").contains(f)) {
                unknown.add(f);
            }
        });
        if (!unknown.isEmpty()) {
            throw new BadInputException("invalid_status_update", "Unknown field "
                    + Echo.cap(unknown.get(0)) + "; a status change has status, and missing, "
                    + "reason or discountPercent");
        }
        JsonNode s = body.get("status");
        Optional<ApplicationStatus> status = s != null && s.isTextual()
                ? ApplicationStatus.of(s.asText()) : Optional.empty();
        if (status.isEmpty()) {
            throw new BadInputException("invalid_status_update", "status "
                    + (s == null ? "is missing" : Echo.cap(s) + " is not known") + "; use one of "
                    + String.join(", ", ApplicationStatus.codes()));
        }
        List<String> missing = new ArrayList<>();
        JsonNode m = body.get("missing");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                throw new BadInputException("invalid_status_update", "missing " + Echo.cap(m)
                        + " is not "
                        + "a list of document ids such as [\"proof_of_income\"]");
            }
            m.forEach(id -> {
                if (!id.isTextual()) {
                    throw new BadInputException("invalid_status_update", "missing holds "
                            + Echo.cap(id) + ", which is not a document id such as "
                            + "\"proof_of_income\"");
                }
                missing.add(id.asText().strip());
            });
        }
        JsonNode r = body.get("reason");
        if (r != null && !r.isNull() && !r.isTextual()) {
            throw new BadInputException("invalid_status_update", "reason " + Echo.cap(r)
                    + " is not text "
                    + "such as \"income_above_limit\"");
        }
        JsonNode p = body.get("discountPercent");
        Optional<BigDecimal> percent = Optional.empty();
        if (p != null && !p.isNull()) {
            try {
                percent = Optional.of(new BigDecimal(p.asText().strip()));
            } catch (NumberFormatException e) {
                throw new BadInputException("invalid_status_update", "discountPercent "
                        + Echo.cap(p) + " is not a percentage such as 75 or 12.5");
            }
        }
        return new StatusUpdate(status.get(), missing,
                r == null || r.isNull() ? Optional.empty() : Optional.of(r.asText().strip()),
                percent);
    }

    private Client client(ServerRequest req) {
        return clients.require(req.path().pathParameters().get("clientId"));
    }

    private static Optional<LocalDate> date(ServerRequest req, String name) {
        Optional<String> text = req.query().first(name).asOptional();
        try {
            return text.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new BadInputException("invalid_parameter", name + " '"
                    + Echo.cap(text.get()) + "' is not a date such as 2026-12-01");
        }
    }

    /**
     * One JSON value, each key once ({@code {"status": "sent", "status": "approved"}} is
     * refused naming the key).
     */
    private static JsonNode json(byte[] bytes) {
        try {
            JsonNode node = Json.STRICT.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException("invalid_json", "The body is empty; send JSON such "
                        + "as {\"status\": \"received\"}");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("invalid_json", "The body is not valid JSON: "
                    + Echo.cap(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The body, or empty when it is larger than {@link #MAX_UPDATE_BYTES}. */
    private static Optional<byte[]> bytes(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_UPDATE_BYTES + 1);
            return bytes.length > MAX_UPDATE_BYTES ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
