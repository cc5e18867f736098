package org.parley.testing;

import org.parley.Parley;
import org.parley.config.ParleyConfig;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * A real Parley for tests: the whole server on a free loopback port, over an empty embedded
 * store in a temporary folder, with the demo client seeded and a fixed clock.
 */
public final class TestParley implements AutoCloseable {

    public static final String TOKEN = "test-token-0123456789";
    public static final Instant NOW = Instant.parse("2026-12-04T15:00:00Z");

    private final Parley parley;
    private final HttpClient http = HttpClient.newHttpClient();

    private TestParley(Parley parley) {
        this.parley = parley;
    }

    public static TestParley start(Path dataDir) {
        return start(dataDir, Map.of());
    }

    public static TestParley start(Path dataDir, Map<String, String> env) {
        return start(dataDir, env, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    public static TestParley start(Path dataDir, Map<String, String> env, Clock clock) {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("PARLEY_HOST", "127.0.0.1");
        ParleyConfig config = ParleyConfig.load(all).with(0, dataDir, Optional.of(TOKEN));
        return new TestParley(Parley.start(config, clock));
    }

    public Parley parley() {
        return parley;
    }

    public URI http(String path) {
        return URI.create("http://127.0.0.1:" + parley.port() + path);
    }

    public URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + parley.port() + path);
    }

    public ChatClient chat() {
        return ChatClient.connect(ws("/ws/chat"));
    }

    /** Sends a request with the API token and returns status and body. */
    public HttpResponse<String> api(String method, String path, String contentType, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(http(path))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("Request to " + request.uri() + " failed", e);
        }
    }

    @Override
    public void close() {
        parley.close();
    }

    /**
     * Sends every text due now and waits (boundedly) for any the SMS channel's own poller took
     * meanwhile, so that what reached Twilio is settled before a test looks.
     */
    public void settleTexts() {
        var sender = parley.sms().sender();
        sender.drain();
        try {
            if (!sender.awaitIdle(java.time.Duration.ofSeconds(30))) {
                throw new AssertionError("Texts were still being sent after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
