package org.parley.store;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.NotFoundException;
import org.parley.web.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code POST /api/jobs/{name}/run} for operators (the API token): runs one background job now,
 * under its lease as its timer would, instead of waiting for its next turn, and answers how it
 * went. {@code GET /api/jobs} lists the jobs.
 */
public final class JobRoutes implements HttpService {

    private final Supplier<Jobs> jobs;
    private final Clock clock;

    /** @param jobs the instance's jobs, made once the server is up */
    public JobRoutes(Supplier<Jobs> jobs, Clock clock) {
        this.jobs = jobs;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> send(res, Status.OK_200, Map.of("jobs", jobs.get().names())))
                .post("/{name}/run", this::run);
    }

    private void run(ServerRequest req, ServerResponse res) {
        String name = req.path().pathParameters().get("name");
        Jobs all = jobs.get();
        if (!all.names().contains(name)) {
            throw new NotFoundException("unknown_job", "No job '" + name + "'; the jobs are "
                    + all.names() + ", as in POST /api/jobs/missed-payments/run");
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        Jobs.Outcome outcome = all.runOnce(name);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("job", name);
        body.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT));
        body.put("startedAt", started.toString());
        body.put("tookMs", Duration.ofNanos(System.nanoTime() - t0).toMillis());
        body.put("message", switch (outcome) {
            case RAN -> "The job ran once to the end";
            case BUSY -> "Another run holds the job's lease (on this or another instance); it "
                    + "did not run again; try later";
            case FAILED -> "The job failed; the operator's log has the details, and its next "
                    + "run tries again";
        });
        send(res, switch (outcome) {
            case RAN -> Status.OK_200;
            case BUSY -> Status.CONFLICT_409;
            case FAILED -> Status.INTERNAL_SERVER_ERROR_500;
        }, body);
    }

    private static void send(ServerResponse res, Status status, Object body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
