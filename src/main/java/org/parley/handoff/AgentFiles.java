package org.parley.handoff;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import org.parley.NotFoundException;
import org.parley.audit.AuditLog;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffMember;

/**
 * {@code GET /agent/conversations/{id}/files/{fileId}}: a file the patient sent, downloaded by
 * the signed-in agent who holds the conversation (the staff session, as on the agent socket).
 * Anyone else, another agent included, gets 404, as for a file that does not exist; every
 * download is audited as a look at the transcript. Files are served as downloads, never inline.
 */
final class AgentFiles {

    static final String PATH = "/agent/conversations/{id}/files/{fileId}";

    private final HandoffStore store;
    private final ConversationFiles files;
    private final AuditLog audit;

    AgentFiles(HandoffStore store, ConversationFiles files, AuditLog audit) {
        this.store = store;
        this.files = files;
        this.audit = audit;
    }

    /** The path the console links a file to. */
    static String link(String conversationId, String fileId) {
        return "/agent/conversations/" + conversationId + "/files/" + fileId;
    }

    void routes(HttpRouting.Builder routing, StaffAuth auth) {
        routing.get(PATH, auth.require(AgentSocket.ROLES), this::download);
    }

    private void download(ServerRequest req, ServerResponse res) {
        StaffMember agent = StaffAuth.signedIn(req).member();
        String conversationId = req.path().pathParameters().get("id");
        String fileId = req.path().pathParameters().get("fileId");
        Handoff held = store.find(conversationId)
                .filter(h -> h.status() == Handoff.Status.ASSIGNED)
                .filter(h -> h.agentId().filter(agent.id()::equals).isPresent())
                .orElseThrow(() -> notFound(conversationId, fileId));
        ConversationFiles.Content content = files.content(conversationId, fileId)
                .orElseThrow(() -> notFound(conversationId, fileId));

        audit.record("attachment_viewed", "agent:" + agent.id(), held.clientId(), null,
                conversationId);
        res.header(HeaderNames.CONTENT_TYPE, content.contentType());
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"attachment-"
                + fileId + "\"");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(content.bytes());
    }

    private static NotFoundException notFound(String conversationId, String fileId) {
        return new NotFoundException("unknown_attachment", "No file '" + fileId + "' in a "
                + "conversation you hold (" + conversationId + "); claim the conversation "
                + "first, then open its files from the console");
    }
}
