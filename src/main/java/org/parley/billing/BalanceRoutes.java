package org.parley.billing;

import io.helidon.common.media.type.MediaType;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.BadInputException;
import org.parley.web.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The balance import over HTTP: {@code POST /{clientId}/balances} with the CSV file as the body,
 * answered with what the import changed. A body over the byte limit, or a file over the row limit
 * of its {@link BalanceImport}, is answered with 413.
 */
public final class BalanceRoutes implements HttpService {

    /**
     * The largest body accepted, 20 MB: about 100,000 encounter rows, so the import's row limit
     * ({@value BalanceImport#MAX_ROWS} by default) is usually what refuses a large file.
     */
    public static final long MAX_BYTES = 20L * 1024 * 1024;

    private static final List<MediaType> ACCEPTED = List.of(MediaTypes.create("text", "csv"),
            MediaTypes.create("application", "csv"), MediaTypes.APPLICATION_OCTET_STREAM);

    private final BalanceImport balances;
    private final long maxBytes;

    public BalanceRoutes(BalanceImport balances) {
        this(balances, MAX_BYTES);
    }

    BalanceRoutes(BalanceImport balances, long maxBytes) {
        this.balances = balances;
        this.maxBytes = maxBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{clientId}/balances", this::importFile);
    }

    private void importFile(ServerRequest req, ServerResponse res) {
        String clientId = req.path().pathParameters().get("clientId");
        Optional<HttpMediaType> type = req.headers().contentType();
        if (type.isPresent() && !acceptable(type.get())) {
            refuse(res, Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported_media_type",
                    "A balance file is sent as 'Content-Type: text/csv' in UTF-8, not '"
                            + type.get().text() + "'; with curl, add -H 'Content-Type: text/csv'");
            return;
        }
        if (req.headers().contentLength().orElse(0) > maxBytes) {
            refuseTooLarge(res);
            return;
        }

        Optional<byte[]> body = read(req);
        if (body.isEmpty()) {
            refuseTooLarge(res);
            return;
        }
        if (body.get().length == 0) {
            throw new BadInputException("empty_balance_file", "The request body is empty; send "
                    + "the balance file as the body with 'Content-Type: text/csv'");
        }

        ImportResult result;
        try {
            result = balances.importCsv(clientId, body.get());
        } catch (BalanceFileRejected.TooManyRows e) {
            refuse(res, Status.REQUEST_ENTITY_TOO_LARGE_413, e.code(), e.getMessage());
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(result));
    }

    private static boolean acceptable(HttpMediaType type) {
        boolean utf8 = type.charset().map(c -> c.equalsIgnoreCase("utf-8")).orElse(true);
        return utf8 && ACCEPTED.stream().anyMatch(type::test);
    }

    /** The body, or empty when it is longer than the limit (a chunked body has no length). */
    private Optional<byte[]> read(ServerRequest req) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) maxBytes + 1);
            return bytes.length > maxBytes ? Optional.empty() : Optional.of(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the balance file from the request", e);
        }
    }

    private void refuseTooLarge(ServerResponse res) {
        long mb = 1024 * 1024;
        String limit = maxBytes % mb == 0 ? maxBytes / mb + " MB" : maxBytes + " bytes";
        refuse(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "balance_file_too_large",
                "The balance file is larger than the limit of " + limit + "; split it into "
                        + "smaller files, keeping each account's rows together, and import each");
    }

    // Problems maps failure kinds to statuses and has no kind for 413 or 415, so these two
    // answers are written here, in the same shape.
    private static void refuse(ServerResponse res, Status status, String code, String message) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        res.send(Json.write(body));
    }
}
