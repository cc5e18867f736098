package org.parley.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.NotFoundException;
import org.parley.web.Echo;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client administrator's settings API: {@code GET} and {@code PUT
 * /{clientId}/settings/{section}} under {@code /api/clients}, one section per feature (plans,
 * payments, financing). A {@code PUT} replaces the whole section after checking all of it; a
 * refused body changes nothing.
 */
public final class ClientSettingsRoutes implements HttpService {

    /** The largest settings body accepted: far more than any section needs. */
    static final int MAX_BYTES = 64 * 1024;

    private static final ObjectReader READER = Json.STRICT;

    private final ClientStore clients;
    private final Map<String, SettingsSection> sections = new LinkedHashMap<>();

    public ClientSettingsRoutes(ClientStore clients, List<SettingsSection> sections) {
        this.clients = clients;
        sections.forEach(s -> this.sections.put(s.name(), s));
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{clientId}/settings/{section}", this::show)
                .put("/{clientId}/settings/{section}", this::replace);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Client client = clients.require(req.path().pathParameters().get("clientId"));
        SettingsSection section = section(req);
        JsonNode shown = section.show(client).orElseThrow(() -> new NotFoundException(
                "settings_not_set", "Client '" + client.id() + "' has no " + section.name()
                        + " settings yet; set them with PUT /api/clients/" + client.id()
                        + "/settings/" + section.name()));
        send(res, shown);
    }

    private void replace(ServerRequest req, ServerResponse res) {
        Client client = clients.require(req.path().pathParameters().get("clientId"));
        SettingsSection section = section(req);
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !type.get().mediaType().subtype().equals("json")) {
            // 415, as for a file sent as something other than CSV.
            Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "Settings are sent as 'Content-Type: application/json', not '"
                            + type.get().text() + "'; with curl, add -H 'Content-Type: "
                            + "application/json'");
            return;
        }
        if (req.headers().contentLength().orElse(0) > MAX_BYTES) {
            tooLarge(res);
            return;
        }
        Optional<JsonNode> body = body(req);
        if (body.isEmpty()) {
            tooLarge(res);
            return;
        }
        send(res, section.replace(client, body.get()));
    }

    private static void tooLarge(ServerResponse res) {
        Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "settings_too_large",
                "The body is larger than the limit of " + MAX_BYTES / 1024 + " KB; settings "
                        + "are far smaller, so check what is sent");
    }

    private SettingsSection section(ServerRequest req) {
        String name = req.path().pathParameters().get("section");
        SettingsSection section = sections.get(name);
        if (section == null) {
            throw new NotFoundException("unknown_settings_section", "There are no '" + name
                    + "' settings; use one of " + sections.keySet());
        }
        return section;
    }

    /** The body read as JSON, or empty when it is larger than the limit. */
    private static Optional<JsonNode> body(ServerRequest req) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the settings from the request", e);
        }
        if (bytes.length > MAX_BYTES) {
            return Optional.empty();
        }
        if (bytes.length == 0) {
            throw new BadInputException("empty_body", "The request body is empty; send the "
                    + "settings as a JSON object, as GET shows them");
        }
        try {
            return Optional.of(READER.readTree(new String(bytes, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new BadInputException("invalid_json", "The body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + Echo.cap(e.getOriginalMessage()) + "); send one JSON object");
        }
    }

    private static void send(ServerResponse res, JsonNode body) {
        res.status(Status.OK_200);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
