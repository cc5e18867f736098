package org.parley.outreach.campaign;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.web.CsvUpload;
import org.parley.web.Json;
import org.parley.web.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The campaigns API under {@code /api/clients}, for a client administrator with the operator
 * token: define ({@code POST /{clientId}/campaigns}), list and show, pause, resume and cancel,
 * preview and upload the audience, and read the results.
 */
final class CampaignRoutes implements HttpService {

    /** The largest campaign definition accepted. */
    static final int MAX_BYTES = 32 * 1024;
    /** The largest uploaded account list accepted. */
    static final long MAX_LIST_BYTES = 5L * 1024 * 1024;

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final CsvUpload LIST = new CsvUpload("campaign's account list",
            "campaign_list", MAX_LIST_BYTES, "split the audience into campaigns of fewer "
            + "accounts");

    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create(CampaignKeys.HEADER);
    private static final HeaderName REPLAYED = HeaderNames.create(CampaignKeys.REPLAYED);

    private final Campaigns campaigns;

    CampaignRoutes(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{clientId}/campaigns", this::create)
                .get("/{clientId}/campaigns", this::list)
                .get("/{clientId}/campaigns/{campaignId}", this::show)
                .get("/{clientId}/campaigns/{campaignId}/audience", this::preview)
                .post("/{clientId}/campaigns/{campaignId}/audience", this::upload)
                .get("/{clientId}/campaigns/{campaignId}/results", this::results)
                .post("/{clientId}/campaigns/{campaignId}/{move}", this::move);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<String> key = req.headers().first(IDEMPOTENCY_KEY).map(CampaignKeys::check);
        Optional<JsonNode> body = body(req, res);
        if (body.isPresent()) {
            Campaigns.Created created = campaigns.create(client(req), body.get(), key);
            if (created.replayed()) {
                res.header(REPLAYED, "true");
            }
            send(res, Status.CREATED_201, Campaigns.json(created.campaign()));
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        String clientId = client(req);
        send(res, Status.OK_200, Map.of("clientId", clientId, "campaigns",
                campaigns.all(clientId).stream().map(Campaigns::json).toList()));
    }

    private void show(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, Campaigns.json(campaigns.require(client(req), campaign(req))));
    }

    private void preview(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, campaigns.preview(client(req), campaign(req)));
    }

    private void upload(ServerRequest req, ServerResponse res) {
        String clientId = client(req);
        String id = campaign(req);
        campaigns.require(clientId, id);
        Optional<byte[]> csv = LIST.read(req, res);
        if (csv.isPresent()) {
            send(res, Status.OK_200, campaigns.upload(clientId, id, csv.get()));
        }
    }

    private void results(ServerRequest req, ServerResponse res) {
        send(res, Status.OK_200, campaigns.results(client(req), campaign(req)));
    }

    private void move(ServerRequest req, ServerResponse res) {
        String word = req.path().pathParameters().get("move");
        // This service is mounted under /api/clients: the answer names the full route.
        String path = req.path().absolute().path();
        String campaignPath = path.substring(0, path.lastIndexOf('/') + 1);
        CampaignState.Move move = CampaignState.Move.parse(word).orElseThrow(() ->
                new org.parley.NotFoundException("not_found", "No such route: POST " + path
                        + "; a campaign is moved with POST " + campaignPath + "pause, "
                        + campaignPath + "resume or " + campaignPath + "cancel"));
        send(res, Status.OK_200, Campaigns.json(campaigns.move(client(req), campaign(req),
                move)));
    }

    private static String client(ServerRequest req) {
        return req.path().pathParameters().get("clientId");
    }

    private static String campaign(ServerRequest req) {
        return req.path().pathParameters().get("campaignId");
    }

    /** The JSON body, or empty when the request was refused and answered here (413, 415). */
    private static Optional<JsonNode> body(ServerRequest req, ServerResponse res) {
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !type.get().mediaType().subtype().equals("json")) {
            Problems.send(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "A campaign is sent as 'Content-Type: application/json', not '"
                            + type.get().text() + "'; with curl, add -H 'Content-Type: "
                            + "application/json'");
            return Optional.empty();
        }
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the campaign from the request", e);
        }
        if (bytes.length > MAX_BYTES) {
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "campaign_too_large",
                    "The body is larger than " + MAX_BYTES / 1024 + " KB; a campaign is far "
                            + "smaller (upload a long list of accounts as CSV to "
                            + "/api/clients/" + client(req) + "/campaigns/{campaignId}"
                            + "/audience)");
            return Optional.empty();
        }
        if (bytes.length == 0) {
            throw new BadInputException("empty_body", "The request body is empty; send the "
                    + "campaign as a JSON object with name, audience, steps, start and end");
        }
        try {
            return Optional.of(READER.readTree(new String(bytes, StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new BadInputException("invalid_json", "The body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()
                    + ": " + e.getOriginalMessage() + "); send one JSON object");
        }
    }

    private static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
