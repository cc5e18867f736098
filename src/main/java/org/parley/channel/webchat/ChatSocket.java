package org.parley.channel.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import org.parley.ParleyException;
import org.parley.channel.InboundText;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Message;
import org.parley.web.Json;
import org.parley.web.TextFrames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The patient side of {@code WS /ws/chat}: one instance per connection. Frames are JSON; a bad
 * frame is answered with an error frame and changes nothing stored, and the socket stays open.
 */
final class ChatSocket implements WsListener {

    private static final System.Logger LOG = System.getLogger(ChatSocket.class.getName());

    private final ConversationService conversations;
    private final String clientId;
    private final int maxFrameBytes;
    private final int maxTextLength;
    private final TextFrames frames;
    private String conversationId;
    private String language = "";
    private long lastSent;
    private AutoCloseable listening;
    private AutoCloseable typing;

    ChatSocket(ConversationService conversations, String clientId, int maxFrameBytes,
               int maxTextLength) {
        this.conversations = conversations;
        this.clientId = clientId;
        this.maxFrameBytes = maxFrameBytes;
        this.maxTextLength = maxTextLength;
        this.frames = new TextFrames(maxFrameBytes);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        // A frame may arrive in pieces; keep at most the limit, then refuse the whole frame.
        Optional<TextFrames.Frame> whole = frames.add(text, last);
        if (whole.isEmpty()) {
            return;
        }
        String frame = whole.get().text();
        if (whole.get().tooLarge()) {
            error(session, "frame_too_large", "A frame may be at most " + maxFrameBytes
                    + " bytes; send a shorter message");
            return;
        }

        try {
            handle(session, frame);
        } catch (ParleyException e) {
            error(session, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            if (closed(e)) {
                // The patient left before the reply: nothing went wrong on our side.
                LOG.log(System.Logger.Level.INFO, "Chat socket of conversation " + conversationId
                        + " closed before its reply was sent (" + e.getClass().getSimpleName()
                        + ")");
                return;
            }
            LOG.log(System.Logger.Level.ERROR, "Chat frame failed on conversation "
                    + conversationId, e);
            error(session, "internal_error", "Something went wrong on our side; please try again");
        }
    }

    /** Whether {@code e} comes of writing to a socket the other side has closed. */
    static boolean closed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException
                    || t.getClass().getName().startsWith("io.helidon.webserver.")
                    && t.getClass().getSimpleName().contains("Connection")) {
                return true;
            }
        }
        return false;
    }

    private void handle(WsSession session, String frame) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(frame);
        } catch (Exception e) {
            error(session, "malformed_frame", "A frame must be a JSON object such as "
                    + "{\"type\":\"message\",\"id\":\"…\",\"text\":\"…\"}");
            return;
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            error(session, "malformed_frame", "A frame must be a JSON object with a \"type\": "
                    + "start, resume or message");
            return;
        }

        switch (node.get("type").asText()) {
            case "start" -> start(session, node);
            case "resume" -> resume(session, node);
            case "message" -> message(session, node);
            default -> error(session, "unknown_type", "Unknown frame type '"
                    + node.get("type").asText() + "'; use start, resume or message");
        }
    }

    private void start(WsSession session, JsonNode node) {
        String locale = node.path("locale").asText("en");
        String client = node.path("client").asText(clientId);
        ConversationService.Started started = conversations.start(client, "webchat", locale);
        conversationId = started.conversation().id();
        language = started.conversation().dialog().language();
        lastSent = 0;
        listen(session);
        send(session, Map.of("type", "started", "conversationId", conversationId,
                "resumeToken", started.resumeToken()));
        deliver(session, started.messages());
    }

    private void resume(WsSession session, JsonNode node) {
        if (!node.path("conversationId").isTextual() || !node.path("resumeToken").isTextual()) {
            error(session, "malformed_frame", "A resume frame needs \"conversationId\", "
                    + "\"resumeToken\" and \"lastSeq\"");
            return;
        }
        long lastSeq = node.path("lastSeq").asLong(0);
        List<Message> missed = conversations.resume(node.get("conversationId").asText(),
                node.get("resumeToken").asText(), lastSeq);
        conversationId = node.get("conversationId").asText();
        language = conversations.find(conversationId).map(c -> c.dialog().language()).orElse("");
        // A page may remember more than the conversation holds (a stale tab): never skip ahead.
        lastSent = Math.min(Math.max(0, lastSeq), conversations.lastSeq(conversationId));
        listen(session);
        send(session, Map.of("type", "resumed", "conversationId", conversationId,
                "locale", language));
        deliver(session, missed);
    }

    private void message(WsSession session, JsonNode node) {
        if (conversationId == null) {
            error(session, "not_started", "Send a start or resume frame before messages");
            return;
        }
        String id = node.path("id").asText("");
        String text = InboundText.clean(node.path("text").asText(""));
        if (id.isBlank() || id.length() > 100 || !node.path("text").isTextual()) {
            error(session, "malformed_frame", id, "A message frame needs an \"id\" (1 to 100 "
                    + "characters, unique per message) and a \"text\"");
            return;
        }
        if (text.isBlank()) {
            error(session, "empty_message", id, "The message is empty; type something to send");
            return;
        }
        if (text.codePointCount(0, text.length()) > maxTextLength) {
            error(session, "message_too_long", id, "A message may be at most " + maxTextLength
                    + " characters; send it in shorter parts");
            return;
        }

        ConversationService.Received received = conversations.receive(conversationId, id, text);
        send(session, Map.of("type", "ack", "id", id, "seq", received.seq()));
        received.language().filter(now -> !now.equals(language)).ifPresent(now -> {
            // The patient switched language in words: the page switches its own words too.
            language = now;
            send(session, Map.of("type", "language", "locale", now));
        });
        deliver(session, received.messages());
    }

    /** Notices and replies said outside the patient's turn reach this page as they happen. */
    private void listen(WsSession session) {
        stopListening();
        listening = conversations.listen(conversationId, messages -> deliver(session, messages));
        // A person typing a reply: the page shows it until their message arrives.
        typing = conversations.listenTyping(conversationId,
                () -> send(session, Map.of("type", "typing", "from", "agent")));
    }

    private void stopListening() {
        for (AutoCloseable handle : new AutoCloseable[] {listening, typing}) {
            if (handle != null) {
                try {
                    handle.close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.DEBUG, "Stop listening failed", e);
                }
            }
        }
        listening = null;
        typing = null;
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        stopListening();
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        stopListening();
    }

    private synchronized void deliver(WsSession session, List<Message> messages) {
        if (!messages.isEmpty() && messages.get(0).seq() > lastSent + 1) {
            // A notice pushed between a turn's store and its delivery: fill the gap in order.
            messages = conversations.messagesAfter(conversationId, lastSent);
        }
        for (Message m : messages) {
            if (m.seq() <= lastSent) {
                continue;
            }
            Map<String, Object> frame = new LinkedHashMap<>();
            frame.put("type", "message");
            frame.put("seq", m.seq());
            frame.put("from", m.from());
            frame.put("text", m.text());
            frame.put("options", m.options());
            send(session, frame);
            lastSent = m.seq();
        }
    }

    private void error(WsSession session, String code, String message) {
        send(session, Map.of("type", "error", "code", code, "message", message));
    }

    /** An error about one patient message, naming its id so the page stops re-sending it. */
    private void error(WsSession session, String code, String id, String message) {
        send(session, Map.of("type", "error", "code", code, "id", id, "message", message));
    }

    private void send(WsSession session, Object frame) {
        synchronized (this) {
            session.send(Json.write(frame), true);
        }
    }
}
