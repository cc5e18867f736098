package org.parley.audit;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.web.Json;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /api/audit?conversationId=…&clientId=…&from=…&to=…}: the audit log for the
 * operator's token, one conversation's or one client's entries (at least one of the two) from
 * {@code from} to {@code to} (UTC days, both included; all time when not given), oldest first.
 */
public final class AuditRoutes implements HttpService {

    /** The most entries one answer holds; {@code truncated} says when there were more. */
    static final int LIMIT = 1000;
    private static final Set<String> PARAMETERS = Set.of("conversationId", "clientId", "from",
            "to");

    private final AuditLog audit;

    public AuditRoutes(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::find);
    }

    private void find(ServerRequest req, ServerResponse res) {
        for (String name : req.query().names()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadInputException("unknown_parameter", "'" + name + "' is not an audit "
                        + "parameter; use conversationId, clientId, from and to");
            }
        }
        Optional<String> conversationId = text(req, "conversationId");
        Optional<String> clientId = text(req, "clientId");
        if (conversationId.isEmpty() && clientId.isEmpty()) {
            throw new BadInputException("missing_conversation", "Name a conversation with "
                    + "?conversationId=… or a client with ?clientId=…");
        }
        LocalDate from = date(req, "from").orElse(LocalDate.of(1970, 1, 1));
        LocalDate to = date(req, "to").orElse(LocalDate.of(9999, 12, 30));
        if (from.isAfter(to)) {
            throw new BadInputException("invalid_from", "'from' (" + from + ") is after 'to' ("
                    + to + "); send from on or before to");
        }

        List<AuditLog.Entry> found = audit.find(conversationId, clientId,
                from.atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), LIMIT + 1);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", found.stream().limit(LIMIT).map(AuditRoutes::entry).toList());
        body.put("truncated", found.size() > LIMIT);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }

    private static Map<String, Object> entry(AuditLog.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at());
        m.put("event", e.event());
        m.put("actor", e.actor());
        m.put("clientId", e.clientId());
        m.put("accountNumber", e.accountNumber());
        m.put("conversationId", e.conversationId());
        m.put("details", e.details());
        return m;
    }

    private static Optional<String> text(ServerRequest req, String name) {
        List<String> values = req.query().all(name, List::of);
        if (values.size() > 1) {
            throw new BadInputException("repeated_parameter", "'" + name + "' is given "
                    + values.size() + " times; give it once");
        }
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).findFirst();
    }

    private static Optional<LocalDate> date(ServerRequest req, String name) {
        Optional<String> value = text(req, name);
        try {
            return value.map(LocalDate::parse);
        } catch (DateTimeParseException e) {
            throw new BadInputException("invalid_" + name, "'" + name + "' must be a date such "
                    + "as 2026-12-04; got '" + value.get() + "'");
        }
    }
}
