package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * An agent's console over a real {@code /ws/agent} socket, signed in with a real staff session:
 * {@code agent.claim(id)}, {@code agent.reply(id, "...")}, {@code agent.patientSays(id, "...")}.
 * Frames the test does not wait for (queue refreshes, heartbeats) are kept but skipped.
 */
public final class AgentClient implements AutoCloseable {

    /** The password of every member made by {@link #member}. */
    public static final String PASSWORD = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WebSocket socket;
    private final BlockingQueue<JsonNode> frames;
    private final List<JsonNode> skipped = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final JsonNode hello;
    private final java.util.concurrent.CompletableFuture<String> closed;

    private AgentClient(WebSocket socket, BlockingQueue<JsonNode> frames,
                        java.util.concurrent.CompletableFuture<String> closed) {
        this.socket = socket;
        this.frames = frames;
        this.closed = closed;
        this.hello = next("hello");
    }

    /**
     * Makes a staff member through the admin API with {@link #PASSWORD}.
     *
     * @param roles     JSON strings, such as {@code "\"agent\""}
     * @param languages JSON strings, such as {@code "\"en\",\"es\""}
     * @return the member's id
     */
    public static String member(TestParley parley, String email, String name, String roles,
                                String languages) {
        HttpResponse<String> created = parley.api("POST", "/api/staff", "application/json",
                "{\"email\":\"" + email + "\",\"displayName\":" + Json.write(name)
                        + ",\"roles\":[" + roles + "],\"languages\":[" + languages + "],"
                        + "\"clients\":[\"example-health\"],\"password\":\"" + PASSWORD + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("creating " + email + ": " + created.body());
        }
        return read(created.body()).get("id").asText();
    }

    /** Signs in as {@code email} and returns the session cookie, {@code name=value}. */
    public static String signIn(TestParley parley, String email, String password) {
        HttpResponse<String> response = parley.send(HttpRequest.newBuilder(
                        parley.http("/staff/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":" + Json.write(email)
                        + ",\"password\":" + Json.write(password) + "}"))
                .build());
        if (response.statusCode() != 200) {
            throw new AssertionError("sign-in of " + email + ": " + response.body());
        }
        return response.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    /** Signs in and opens the console's socket, from the server's own origin. */
    public static AgentClient connect(TestParley parley, String email) {
        String cookie = signIn(parley, email, PASSWORD);
        return open(parley.ws("/ws/agent"), cookie, "http://127.0.0.1:" + parley.parley().port());
    }

    /** Opens the socket with {@code cookie} and {@code origin}; fails when it is refused. */
    public static AgentClient open(URI uri, String cookie, String origin) {
        StringBuilder partial = new StringBuilder();
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        java.util.concurrent.CompletableFuture<String> closed =
                new java.util.concurrent.CompletableFuture<>();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        if (origin != null) {
            builder.header("Origin", origin);
        }
        WebSocket socket = builder.buildAsync(uri, new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    queue.add(read(partial.toString()));
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(status + " " + reason);
                return null;
            }
        }).join();
        return new AgentClient(socket, queue, closed);
    }

    /** True when the server refuses to open the socket with these headers. */
    public static boolean refused(URI uri, String cookie, String origin) {
        try {
            open(uri, cookie, origin).close();
            return false;
        } catch (CompletionException e) {
            return true;
        }
    }

    /** The first frame: who the server thinks this agent is, and the console's choices. */
    public JsonNode hello() {
        return hello;
    }

    public String id() {
        return hello.get("agent").get("id").asText();
    }

    /** Claims the conversation; returns its context, or the {@code taken} frame. */
    public JsonNode claim(String conversationId) {
        send(frame("claim").put("conversationId", conversationId));
        return next(f -> (f.path("type").asText().equals("context")
                || f.path("type").asText().equals("taken")
                || f.path("type").asText().equals("error"))
                && f.path("conversationId").asText().equals(conversationId), "context or taken");
    }

    /** Replies to the patient and returns the seq the reply was stored at. */
    public long reply(String conversationId, String text) {
        String id = "r-" + ids.incrementAndGet();
        send(frame("reply").put("conversationId", conversationId).put("id", id)
                .put("text", text));
        JsonNode sent = next(f -> (f.path("type").asText().equals("sent")
                && f.path("id").asText().equals(id)) || f.path("type").asText().equals("error"),
                "sent " + id);
        if (!sent.path("type").asText().equals("sent")) {
            fail("reply refused: " + sent);
        }
        return sent.get("seq").asLong();
    }

    /** The next message from {@code from} the console shows in the conversation. */
    public JsonNode message(String conversationId, String from) {
        return next(f -> f.path("type").asText().equals("message")
                && f.path("conversationId").asText().equals(conversationId)
                && f.path("from").asText().equals(from), "a message from " + from + " in "
                + conversationId);
    }

    /** The next queue frame whose items pass {@code test}. */
    public JsonNode queue(Predicate<JsonNode> test) {
        return next(f -> f.path("type").asText().equals("queue") && test.test(f.get("items")),
                "a queue frame that passes the test");
    }

    /** True when the queue frame lists {@code conversationId}. */
    public static boolean lists(JsonNode items, String conversationId) {
        for (JsonNode item : items) {
            if (item.get("conversationId").asText().equals(conversationId)) {
                return true;
            }
        }
        return false;
    }

    public ObjectNode frame(String type) {
        return Json.MAPPER.createObjectNode().put("type", type);
    }

    public void send(ObjectNode frame) {
        socket.sendText(frame.toString(), true).join();
    }

    /** The next frame of {@code type}, skipping frames of other types. */
    public JsonNode next(String type) {
        return next(f -> f.path("type").asText().equals(type), "a '" + type + "' frame");
    }

    /** The next frame that passes {@code test}, skipping the others. */
    public JsonNode next(Predicate<JsonNode> test, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode frame;
            try {
                frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (frame == null) {
                fail("No " + what + " within " + WAIT.toSeconds() + " s; skipped " + skipped);
            }
            if (test.test(frame)) {
                return frame;
            }
            skipped.add(frame);
        }
    }

    /** The server's close of the socket, as {@code "code reason"}; fails after a while. */
    public String closedByServer() {
        try {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The server did not close the socket within "
                    + WAIT.toSeconds() + " s; skipped " + skipped, e);
        }
    }

    /** Closes the console as a browser tab does: with a close frame. */
    public void leave() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "closed the tab").join();
    }

    /** Drops the connection without a closing handshake, as a dead network would. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static JsonNode read(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + text, e);
        }
    }
}
