package org.parley.outreach;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.BadInputException;
import org.parley.client.ClientStore;
import org.parley.web.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outreach API under {@code /api/clients}: a client's sends with their holds and reasons
 * ({@code /{clientId}/outreach/sends?account=&status=}), and the alerts and limits in effect
 * ({@code /{clientId}/outreach/alerts}); the settings themselves are the settings API's
 * {@code outreach} section.
 */
final class OutreachRoutes implements HttpService {

    static final List<String> STATUSES = List.of("scheduled", "sending", "sent", "delivered",
            "failed", "suppressed");
    private static final int MAX_LIMIT = 1_000;
    private static final List<String> DATES = List.of("dueAt", "sentAt", "deliveredAt",
            "repliedAt", "optedOutAt", "suppressedAt");

    private final Outbox outbox;
    private final OutreachSettingsSection settings;
    private final ClientStore clients;

    OutreachRoutes(Outbox outbox, OutreachSettingsSection settings, ClientStore clients) {
        this.outbox = outbox;
        this.settings = settings;
        this.clients = clients;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{clientId}/outreach/sends", this::sends)
                .get("/{clientId}/outreach/alerts", this::alerts);
    }

    private void sends(ServerRequest req, ServerResponse res) {
        String clientId = clients.require(req.path().pathParameters().get("clientId")).id();
        Optional<String> account = req.query().first("account").asOptional();
        Optional<String> status = req.query().first("status").asOptional();
        status.filter(s -> !STATUSES.contains(s)).ifPresent(s -> {
            throw new BadInputException("invalid_parameter", "status '" + s + "' is not one of "
                    + String.join(", ", STATUSES));
        });
        int limit = limit(req.query().first("limit").asOptional());
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("clientId", clientId)));
        account.ifPresent(a -> filters.add(Filters.eq("account", a)));
        status.ifPresent(s -> filters.add(Filters.eq("status", s)));
        List<Map<String, Object>> out = new ArrayList<>();
        outbox.collection().find(Filters.and(filters)).sort(Sorts.ascending("dueAt", "_id"))
                .limit(limit).forEach(d -> out.add(view(d)));
        json(res, Map.of("sends", out));
    }

    private void alerts(ServerRequest req, ServerResponse res) {
        String clientId = clients.require(req.path().pathParameters().get("clientId")).id();
        json(res, OutreachSettingsSection.json(settings.get(clientId)));
    }

    /** A send as the API shows it: no arguments (they hold amounts) and no address. */
    static Map<String, Object> view(Document d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("key", d.getString("_id"));
        for (String f : List.of("account", "source", "event", "campaignId", "step", "template",
                "status", "reason", "channel", "conversationId", "attempts")) {
            if (d.get(f) != null) {
                v.put(f, d.get(f));
            }
        }
        for (String f : DATES) {
            if (d.getDate(f) != null) {
                v.put(f, d.getDate(f).toInstant().toString());
            }
        }
        List<Map<String, Object>> holds = new ArrayList<>();
        for (Document h : d.getList("holds", Document.class, List.of())) {
            Map<String, Object> hold = new LinkedHashMap<>();
            hold.put("reason", h.getString("reason"));
            hold.put("at", h.getDate("at").toInstant().toString());
            hold.put("until", h.getDate("until").toInstant().toString());
            holds.add(hold);
        }
        v.put("holds", holds);
        return v;
    }

    private static int limit(Optional<String> raw) {
        if (raw.isEmpty()) {
            return MAX_LIMIT;
        }
        try {
            int n = Integer.parseInt(raw.get());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Answered below.
        }
        throw new BadInputException("invalid_parameter", "limit '" + raw.get() + "' is not a "
                + "whole number from 1 to " + MAX_LIMIT);
    }

    private static void json(ServerResponse res, Object body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.write(body));
    }
}
