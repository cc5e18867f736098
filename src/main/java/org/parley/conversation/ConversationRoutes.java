package org.parley.conversation;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.NotFoundException;
import org.parley.audit.AuditLog;
import org.parley.web.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /api/conversations/{id}}: a conversation and every message in it, as JSON. */
public final class ConversationRoutes implements HttpService {

    private final ConversationService conversations;
    private final AuditLog audit;

    public ConversationRoutes(ConversationService conversations, AuditLog audit) {
        this.conversations = conversations;
        this.audit = audit;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}", this::transcript);
    }

    private void transcript(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Conversation c = conversations.find(id).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation '" + id + "'; check the id"));
        List<Message> messages = conversations.messages(id);
        Map<Long, Map<String, Object>> deliveries = conversations.deliveries(id);
        audit.record("transcript_viewed", "api", c.clientId(),
                c.dialog().verifiedAccount().orElse(null), id);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", c.id());
        body.put("clientId", c.clientId());
        body.put("channel", c.channel());
        body.put("status", c.status());
        body.put("language", c.dialog().language());
        body.put("verified", c.dialog().verified());
        body.put("needsAgent", c.dialog().needsAgent());
        body.put("agentReason", c.dialog().agentReason());
        body.put("dialog", Map.of("flow", c.dialog().flow(), "step", c.dialog().step()));
        body.put("createdAt", c.createdAt());
        body.put("updatedAt", c.updatedAt());
        body.put("messages", messages.stream().map(m -> {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("seq", m.seq());
            msg.put("from", m.from());
            msg.put("text", m.text());
            msg.put("key", m.key());
            msg.put("options", m.options());
            msg.put("at", m.at());
            if (deliveries.containsKey(m.seq())) {
                msg.put("delivery", deliveries.get(m.seq()));
            }
            return msg;
        }).toList());
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.write(body));
    }
}
