package org.parley.channel.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.parley.NotFoundException;
import org.parley.audit.AuditLog;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.handoff.ConversationFiles;
import org.parley.web.Json;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Files patients send with their mail (assistance documents, a photo of a bill): each checked
 * against the size limit and, by its first bytes rather than its name or declared type, against
 * the kinds accepted (PDF, PNG, JPEG), then stored in {@code email_attachments}, apart from the
 * message, and listed for agents at {@code GET /api/conversations/{id}/attachments}.
 *
 * <p>The check reads magic numbers only: it tells a PDF from a renamed executable, not a
 * harmful PDF from a harmless one. Files are served back as downloads, never inline.
 */
final class Attachments implements ConversationFiles {

    private static final Map<String, byte[]> MAGIC = Map.of(
            "pdf", new byte[] {'%', 'P', 'D', 'F', '-'},
            "png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A},
            "jpeg", new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF});
    private static final Map<String, String> MEDIA = Map.of("pdf", "application/pdf",
            "png", "image/png", "jpeg", "image/jpeg");

    private final MongoCollection<Document> files;
    private final List<String> accepted;
    private final int maxBytes;

    Attachments(MongoDatabase db, List<String> accepted, int maxBytes) {
        this.files = db.getCollection("email_attachments");
        this.accepted = List.copyOf(accepted);
        this.maxBytes = maxBytes;
        files.createIndex(Indexes.ascending("conversationId", "seq"));
    }

    /** The kind of an accepted file, or empty when it is too large or not an accepted kind. */
    Optional<String> accept(ParsedMail.Attachment file) {
        if (file.content().length == 0 || file.content().length > maxBytes) {
            return Optional.empty();
        }
        return accepted.stream().filter(kind -> startsWith(file.content(), MAGIC.get(kind)))
                .findFirst();
    }

    /** The kinds accepted, as patients read them: {@code PDF, PNG, JPEG}. */
    String kinds() {
        return String.join(", ", accepted.stream().map(k -> k.toUpperCase(Locale.ROOT))
                .toList());
    }

    /** The size limit in whole megabytes, at least 1. */
    long maxMegabytes() {
        return Math.max(1, maxBytes / (1024 * 1024));
    }

    /** Stores an accepted file under the patient's message it came with. */
    void store(String clientId, String conversationId, long seq, String messageId,
               ParsedMail.Attachment file, String kind, Instant now) {
        files.insertOne(new Document("clientId", clientId)
                .append("conversationId", conversationId)
                .append("seq", seq)
                .append("messageId", messageId)
                .append("fileName", file.fileName())
                .append("type", MEDIA.get(kind))
                .append("size", file.content().length)
                .append("content", new Binary(file.content()))
                .append("at", Date.from(now)));
    }

    /** The files of a conversation, without their content, oldest first, for the API. */
    List<Map<String, Object>> listed(String conversationId) {
        return files.find(new Document("conversationId", conversationId))
                .projection(Projections.exclude("content"))
                .sort(Sorts.ascending("seq", "_id"))
                .map(d -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", d.getObjectId("_id").toHexString());
                    m.put("seq", d.getLong("seq"));
                    m.put("fileName", d.getString("fileName"));
                    m.put("type", d.getString("type"));
                    m.put("size", d.getInteger("size"));
                    m.put("at", d.getDate("at").toInstant());
                    return m;
                }).into(new ArrayList<>());
    }

    @Override
    public List<File> list(String conversationId) {
        return files.find(new Document("conversationId", conversationId))
                .projection(Projections.exclude("content"))
                .sort(Sorts.ascending("seq", "_id"))
                .map(d -> new File(d.getObjectId("_id").toHexString(), d.getString("fileName"),
                        d.getString("type"), d.getInteger("size"), d.getDate("at").toInstant()))
                .into(new ArrayList<>());
    }

    @Override
    public Optional<Content> content(String conversationId, String fileId) {
        return Optional.ofNullable(find(conversationId, fileId)).map(d -> new Content(
                d.getString("type"), d.get("content", Binary.class).getData()));
    }

    private Document find(String conversationId, String fileId) {
        return ObjectId.isValid(fileId) ? files.find(new Document("_id", new ObjectId(fileId))
                .append("conversationId", conversationId)).first() : null;
    }

    /**
     * Adds {@code GET /api/conversations/{id}/attachments} and
     * {@code .../attachments/{attachmentId}}, behind the API token like the rest of
     * {@code /api}; each view is audited as a look at the transcript.
     */
    void routes(HttpRouting.Builder routing, ConversationService conversations, AuditLog audit) {
        routing.get("/api/conversations/{id}/attachments", (req, res) -> {
            Conversation c = conversation(req, conversations);
            audit.record("attachments_listed", "api", c.clientId(),
                    c.dialog().verifiedAccount().orElse(null), c.id());
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("conversationId", c.id());
            body.put("attachments", listed(c.id()));
            res.send(Json.write(body));
        });
        routing.get("/api/conversations/{id}/attachments/{attachmentId}", (req, res) -> {
            Conversation c = conversation(req, conversations);
            String id = req.path().pathParameters().get("attachmentId");
            Document d = find(c.id(), id);
            if (d == null) {
                throw new NotFoundException("unknown_attachment", "Conversation " + c.id()
                        + " has no attachment '" + id + "'; list them at "
                        + "/api/conversations/" + c.id() + "/attachments");
            }
            audit.record("attachment_viewed", "api", c.clientId(),
                    c.dialog().verifiedAccount().orElse(null), c.id());
            res.header(HeaderNames.CONTENT_TYPE, d.getString("type"));
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"attachment-"
                    + id + "\"");
            res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
            res.send(d.get("content", Binary.class).getData());
        });
    }

    private static Conversation conversation(ServerRequest req,
                                             ConversationService conversations) {
        String id = req.path().pathParameters().get("id");
        return conversations.find(id).orElseThrow(() -> new NotFoundException(
                "unknown_conversation", "No conversation '" + id + "'; check the id"));
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        return content.length >= magic.length
                && Arrays.equals(content, 0, magic.length, magic, 0, magic.length);
    }
}
