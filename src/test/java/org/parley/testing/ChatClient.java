package org.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.web.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A patient's web chat over a real WebSocket, for tests that read like a transcript:
 * {@code chat.say("what do I owe"); chat.bot("First I need to confirm who you are...")}.
 */
public final class ChatClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final BlockingQueue<JsonNode> source;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<JsonNode> seen = new ArrayList<>();
    private String conversationId;
    private String resumeToken;
    private long lastSeq;
    private String language = "";

    private ChatClient(WebSocket socket, BlockingQueue<JsonNode> source) {
        this.socket = socket;
        this.source = source;
    }

    public static ChatClient connect(URI uri) {
        StringBuilder partial = new StringBuilder();
        BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            try {
                                queue.add(Json.MAPPER.readTree(partial.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            partial.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
        return new ChatClient(socket, queue);
    }

    /** Sends a start frame and returns the started frame. */
    public JsonNode start(String locale) {
        sendRaw("{\"type\":\"start\",\"locale\":\"" + locale + "\"}");
        JsonNode started = next("started");
        conversationId = started.get("conversationId").asText();
        resumeToken = started.get("resumeToken").asText();
        return started;
    }

    /** Sends a resume frame for another client's conversation. */
    public JsonNode resume(String conversationId, String resumeToken, long lastSeq) {
        this.conversationId = conversationId;
        this.resumeToken = resumeToken;
        this.lastSeq = lastSeq;
        ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "resume")
                .put("conversationId", conversationId).put("resumeToken", resumeToken)
                .put("lastSeq", lastSeq);
        sendRaw(frame.toString());
        return next("resumed");
    }

    /** Sends the patient's text with a fresh id and returns that id after its ack arrives. */
    public String say(String text) {
        String id = "m-" + ids.incrementAndGet() + "-" + java.util.UUID.randomUUID();
        say(id, text);
        return id;
    }

    /** Sends the patient's text under {@code id}; returns the acked seq. */
    public long say(String id, String text) {
        ObjectNode frame = Json.MAPPER.createObjectNode().put("type", "message").put("id", id)
                .put("text", text);
        sendRaw(frame.toString());
        JsonNode ack = next("ack");
        assertEquals(id, ack.get("id").asText(), "ack for another message");
        return ack.get("seq").asLong();
    }

    /** Asserts that the next patient-visible message is the bot saying exactly {@code text}. */
    public JsonNode bot(String text) {
        JsonNode m = nextMessage();
        assertEquals("bot: " + text, m.get("from").asText() + ": " + m.get("text").asText());
        return m;
    }

    /**
     * Asserts that the next message is the bot telling the patient how long a person may take:
     * the minutes depend on who else is queued, so only they may be any number.
     */
    public JsonNode botTellsTheWait() {
        JsonNode m = nextMessage();
        String said = m.get("from").asText() + ": " + m.get("text").asText();
        if (!said.matches("bot: A person usually answers within \\d+ minutes?\\. Anything you "
                + "write here until then reaches them\\.")) {
            fail("Expected the bot to tell the wait, but got " + said);
        }
        return m;
    }

    /** The next message frame, skipping the echo of the patient's own messages. */
    public JsonNode nextMessage() {
        while (true) {
            JsonNode m = next("message");
            if (!m.get("from").asText().equals("patient")) {
                return m;
            }
        }
    }

    /** The next frame of {@code type}; fails on any other frame type first. */
    public JsonNode next(String type) {
        JsonNode frame = poll();
        while (frame != null && !type.equals("language")
                && frame.path("type").asText().equals("language")) {
            // The page's own words follow the conversation's language; noted, not in the way.
            language = frame.get("locale").asText();
            frame = poll();
        }
        if (frame == null) {
            fail("No '" + type + "' frame within " + WAIT.toSeconds() + " s");
        }
        if (frame.path("type").asText().equals("message")) {
            long seq = frame.get("seq").asLong();
            if (seq <= lastSeq) {
                fail("Message seq " + seq + " was delivered twice: " + frame);
            }
            lastSeq = seq;
            seen.add(frame);
        }
        if (!frame.path("type").asText().equals(type)) {
            fail("Expected a '" + type + "' frame but got " + frame);
        }
        return frame;
    }

    /** The next frame or null when none arrives within the bound. */
    public JsonNode poll() {
        try {
            return source.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** True when no frame is waiting; frames are sent before the ack-answering call returns. */
    public boolean quiet() {
        return source.isEmpty();
    }

    public void sendRaw(String frame) {
        socket.sendText(frame, true).join();
    }

    /** The last language the server told the page to show its own words in. */
    public String language() {
        return language;
    }

    public String conversationId() {
        return conversationId;
    }

    public String resumeToken() {
        return resumeToken;
    }

    public long lastSeq() {
        return lastSeq;
    }

    /** Every message frame seen so far, in order. */
    public List<JsonNode> seen() {
        return List.copyOf(seen);
    }

    /** Drops the connection without a closing handshake, as a lost network would. */
    public void drop() {
        socket.abort();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
