package org.parley.channel.webchat;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import org.parley.conversation.ConversationService;
import org.parley.i18n.Renderer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The web chat channel: the patient's page at {@code /chat} and its socket at {@code /ws/chat}. */
public final class WebChat {

    /** Message keys the chat page itself shows, beside the conversation. */
    public static final java.util.Set<String> PAGE_KEYS = pageKeys();

    private final ConversationService conversations;
    private final ChatPage page;
    private final String clientId;
    private final int maxFrameBytes;
    private final int maxTextLength;

    public WebChat(ConversationService conversations, Renderer renderer, String clientId,
                   int maxFrameBytes, int maxTextLength) {
        this.conversations = conversations;
        this.page = new ChatPage(renderer, maxTextLength);
        this.clientId = clientId;
        this.maxFrameBytes = maxFrameBytes;
        this.maxTextLength = maxTextLength;
    }

    public void routes(HttpRouting.Builder routing) {
        routing.get("/chat", (req, res) -> {
                    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
                    res.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    res.send(page.html());
                })
                .get("/chat.js",
                        (req, res) -> page(res, "chat.js", "text/javascript; charset=utf-8"))
                .get("/chat.css", (req, res) -> page(res, "chat.css", "text/css; charset=utf-8"));
    }

    private static java.util.Set<String> pageKeys() {
        java.util.Set<String> keys = new java.util.HashSet<>(ChatPage.UI_KEYS.values());
        keys.add("language.name");
        keys.add("ui.choose_language");
        return java.util.Set.copyOf(keys);
    }

    public void sockets(WsRouting.Builder ws) {
        ws.endpoint("/ws/chat", () -> new ChatSocket(conversations, clientId, maxFrameBytes,
                maxTextLength));
    }

    private static void page(io.helidon.webserver.http.ServerResponse res, String file,
                             String type) {
        try (InputStream in = WebChat.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("web/" + file + " is missing from the jar");
            }
            res.header(HeaderNames.CONTENT_TYPE, type);
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.send(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
