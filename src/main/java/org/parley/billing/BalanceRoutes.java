package org.parley.billing;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.web.CsvUpload;
import org.parley.web.Json;
import org.parley.web.Problems;

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

    private final BalanceImport balances;
    private final CsvUpload upload;

    public BalanceRoutes(BalanceImport balances) {
        this(balances, MAX_BYTES);
    }

    BalanceRoutes(BalanceImport balances, long maxBytes) {
        this.balances = balances;
        this.upload = new CsvUpload("balance file", "balance_file", maxBytes, "split it into "
                + "smaller files, keeping each account's rows together, and import each");
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{clientId}/balances", this::importFile);
    }

    private void importFile(ServerRequest req, ServerResponse res) {
        String clientId = req.path().pathParameters().get("clientId");
        Optional<byte[]> body = upload.read(req, res);
        if (body.isEmpty()) {
            return;
        }

        ImportResult result;
        try {
            result = balances.importCsv(clientId, body.get());
        } catch (BalanceFileRejected.TooManyRows e) {
            Problems.send(res, Status.REQUEST_ENTITY_TOO_LARGE_413, e.code(), e.getMessage());
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(result));
    }
}
