package org.parley.conversation;

import org.bson.Document;
import org.parley.dialog.DialogState;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps conversations and messages to and from their MongoDB documents. */
final class ConversationCodec {

    private ConversationCodec() {
    }

    static Document write(Conversation c) {
        return new Document("_id", c.id())
                .append("clientId", c.clientId())
                .append("channel", c.channel())
                .append("address", c.address())
                .append("status", c.status())
                .append("dialog", new Document(dialog(c.dialog())))
                .append("resumeTokenHash", c.resumeTokenHash())
                .append("nextSeq", c.nextSeq())
                .append("version", c.version())
                .append("createdAt", Date.from(c.createdAt()))
                .append("updatedAt", Date.from(c.updatedAt()));
    }

    static Map<String, Object> dialog(DialogState s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("flow", s.flow());
        d.put("step", s.step());
        d.put("language", s.language());
        d.put("slots", new Document(new LinkedHashMap<>(s.slots())));
        d.put("returns", s.returns());
        d.put("verifiedAccount", s.verifiedAccount().orElse(null));
        d.put("failedAttempts", s.failedAttempts());
        d.put("locked", s.locked());
        d.put("needsAgent", s.needsAgent());
        d.put("agentReason", s.agentReason().orElse(null));
        d.put("history", s.history());
        d.put("misunderstood", s.misunderstood());
        d.put("lastIntent", s.lastIntent().orElse(null));
        return d;
    }

    static Conversation read(Document d) {
        Document s = d.get("dialog", Document.class);
        Map<String, String> slots = new LinkedHashMap<>();
        s.get("slots", Document.class).forEach((k, v) -> slots.put(k, String.valueOf(v)));
        DialogState state = new DialogState(s.getString("flow"), s.getString("step"),
                s.getString("language"), slots, s.getList("returns", String.class),
                Optional.ofNullable(s.getString("verifiedAccount")), s.getInteger("failedAttempts"),
                s.getBoolean("locked"), s.getBoolean("needsAgent"),
                Optional.ofNullable(s.getString("agentReason")),
                s.getList("history", String.class, List.of()), s.getInteger("misunderstood", 0),
                Optional.ofNullable(s.getString("lastIntent")));
        return new Conversation(d.getString("_id"), d.getString("clientId"), d.getString("channel"),
                d.getString("address"), state, d.getString("resumeTokenHash"),
                d.getLong("nextSeq"), d.getLong("version"),
                d.getDate("createdAt").toInstant(), d.getDate("updatedAt").toInstant());
    }

    static Document write(Message m, String dedupe) {
        List<Document> options = m.options().stream()
                .map(o -> new Document("label", o.label()).append("value", o.value())).toList();
        return new Document("conversationId", m.conversationId())
                .append("seq", m.seq())
                .append("from", m.from())
                .append("text", m.text())
                .append("options", options)
                .append("key", m.key().orElse(null))
                .append("clientMessageId", m.clientMessageId().orElse(null))
                .append("dedupe", dedupe)
                .append("at", Date.from(m.at()));
    }

    static Message readMessage(Document d) {
        List<Message.Option> options = d.getList("options", Document.class).stream()
                .map(o -> new Message.Option(o.getString("label"), o.getString("value"))).toList();
        return new Message(d.getString("conversationId"), d.getLong("seq"), d.getString("from"),
                d.getString("text"), options, Optional.ofNullable(d.getString("key")),
                Optional.ofNullable(d.getString("clientMessageId")), d.getDate("at").toInstant());
    }
}
