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
 * ({@code /{clientId}/outreach/sends?account=&status=&campaignId=&limit=&cursor=}, newest
 * {@code dueAt} first, a page at a time), and the alerts and limits in effect
 * ({@code /{clientId}/outreach/alerts}); the settings themselves are the settings API's
 * {@code outreach} section.
 */
final class OutreachRoutes implements HttpService {

    static final List<String> STATUSES = List.of("scheduled", "sending", "sent", "delivered",
            "failed", "suppressed");
    /** The sends one answer holds unless {@code limit} says otherwise. */
    static final int DEFAULT_LIMIT = 100;
    /** The most sends one answer may hold. */
    static final int MAX_LIMIT = 1_000;
    private static final List<String> PARAMETERS = List.of("account", "status", "campaignId",
            "limit", "cursor");
    private static final List<String> DATES = List.of("dueAt", "firstDueAt", "sentAt",
            "deliveredAt", "repliedAt", "optedOutAt", "suppressedAt");

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
        for (String name : req.query().names()) {
            if (!PARAMETERS.contains(name)) {
                throw new BadInputException("unknown_parameter", "'" + name + "' is not a "
                        + "parameter of the sends list; use " + String.join(", ", PARAMETERS));
            }
        }
        Optional<String> account = parameter(req, "account");
        Optional<String> campaignId = parameter(req, "campaignId");
        Optional<String> status = parameter(req, "status");
        status.filter(s -> !STATUSES.contains(s)).ifPresent(s -> {
            throw new BadInputException("invalid_parameter", "status '" + s + "' is not one of "
                    + String.join(", ", STATUSES));
        });
        int limit = limit(parameter(req, "limit"));
        Optional<SendCursor> cursor = parameter(req, "cursor").map(SendCursor::parse);

        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("clientId", clientId)));
        account.ifPresent(a -> filters.add(Filters.eq("account", a)));
        campaignId.ifPresent(c -> filters.add(Filters.eq("campaignId", c)));
        status.ifPresent(s -> filters.add(Filters.eq("status", s)));
        cursor.ifPresent(c -> filters.add(c.after()));
        // One more than asked says whether another page follows.
        List<Document> found = outbox.collection().find(Filters.and(filters))
                .sort(Sorts.descending("dueAt", "_id")).limit(limit + 1)
                .into(new ArrayList<>());

        Map<String, Object> body = new LinkedHashMap<>();
        List<Document> page = found.subList(0, Math.min(limit, found.size()));
        body.put("sends", page.stream().map(OutreachRoutes::view).toList());
        body.put("truncated", found.size() > limit);
        if (found.size() > limit) {
            body.put("next", SendCursor.of(page.getLast()).text());
        }
        json(res, body);
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
        List<Map<String, Object>> releases = new ArrayList<>();
        for (Document r : d.getList("releases", Document.class, List.of())) {
            Map<String, Object> release = new LinkedHashMap<>();
            release.put("reason", r.getString("reason"));
            release.put("at", r.getDate("at").toInstant().toString());
            releases.add(release);
        }
        v.put("releases", releases);
        return v;
    }

    /** A parameter given at most once, or empty when not given. */
    private static Optional<String> parameter(ServerRequest req, String name) {
        List<String> values = req.query().all(name, List::of);
        if (values.size() > 1) {
            throw new BadInputException("repeated_parameter", "'" + name + "' is given "
                    + values.size() + " times; give it once");
        }
        if (!values.isEmpty() && values.getFirst().isBlank()) {
            throw new BadInputException("invalid_parameter", "'" + name + "' is empty; give a "
                    + "value or leave it out");
        }
        return values.stream().findFirst();
    }

    private static int limit(Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
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
