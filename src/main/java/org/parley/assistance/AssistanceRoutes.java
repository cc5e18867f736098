package org.parley.assistance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.web.CsvUpload;
import org.parley.web.Json;

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

    /** The largest body taken: settings, a status change or a status file. */
    static final int MAX_BYTES = 2 * 1024 * 1024;
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
            throw new BadInputException("invalid_parameter", "status '" + s + "' is not one of "
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
        StatusUpdate update = update(body(req));
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
            default -> throw new BadInputException("invalid_parameter", "format '" + format
                    + "' is not json or csv");
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
            throw new BadInputException("invalid_status_update", "Unknown field " + unknown.get(0)
                    + "; a status change has status, and missing, reason or discountPercent");
        }
        JsonNode s = body.get("status");
        Optional<ApplicationStatus> status = s != null && s.isTextual()
                ? ApplicationStatus.of(s.asText()) : Optional.empty();
        if (status.isEmpty()) {
            throw new BadInputException("invalid_status_update", "status "
                    + (s == null ? "is missing" : s + " is not known") + "; use one of "
                    + String.join(", ", ApplicationStatus.codes()));
        }
        List<String> missing = new ArrayList<>();
        JsonNode m = body.get("missing");
        if (m != null && !m.isNull()) {
            if (!m.isArray()) {
                throw new BadInputException("invalid_status_update", "missing " + m + " is not "
                        + "a list of document ids such as [\"proof_of_income\"]");
            }
            m.forEach(id -> {
                if (!id.isTextual()) {
                    throw new BadInputException("invalid_status_update", "missing holds " + id
                            + ", which is not a document id such as \"proof_of_income\"");
                }
                missing.add(id.asText().strip());
            });
        }
        JsonNode r = body.get("reason");
        if (r != null && !r.isNull() && !r.isTextual()) {
            throw new BadInputException("invalid_status_update", "reason " + r + " is not text "
                    + "such as \"income_above_limit\"");
        }
        JsonNode p = body.get("discountPercent");
        Optional<BigDecimal> percent = Optional.empty();
        if (p != null && !p.isNull()) {
            try {
                percent = Optional.of(new BigDecimal(p.asText().strip()));
            } catch (NumberFormatException e) {
                throw new BadInputException("invalid_status_update", "discountPercent " + p
                        + " is not a percentage such as 75 or 12.5");
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
            throw new BadInputException("invalid_parameter", name + " '" + text.get()
                    + "' is not a date such as 2026-12-01");
        }
    }

    private static JsonNode body(ServerRequest req) {
        byte[] bytes = bytes(req);
        try {
            JsonNode node = Json.MAPPER.readTree(bytes);
            if (node == null || node.isMissingNode()) {
                throw new BadInputException("invalid_json", "The body is empty; send JSON");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadInputException("invalid_json", "The body is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new BadInputException("body_too_large", "The body is larger than "
                        + MAX_BYTES / (1024 * 1024) + " MB; split the file and send the parts");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
