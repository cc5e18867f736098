package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;
import org.parley.BadInputException;
import org.parley.ParleyException;
import org.parley.staff.Role;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffMember;
import org.parley.web.Json;
import org.parley.web.TextFrames;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One agent console's connection to {@code WS /ws/agent}. The upgrade is let through only for a
 * signed-in agent or supervisor (the staff session cookie) from a page of this server (the
 * {@code Origin} header); frames are JSON, handled by the {@link AgentDesk}. A bad frame is
 * answered with an error frame, changes nothing, and leaves the socket open.
 */
final class AgentSocket implements WsListener {

    private static final System.Logger LOG = System.getLogger(AgentSocket.class.getName());
    static final Role[] ROLES = {Role.AGENT, Role.SUPERVISOR};
    /** The close code for a socket whose staff session ended. */
    static final int SESSION_ENDED = 4401;

    private final AgentDesk desk;
    private final StaffAuth auth;
    private final Set<String> allowedOrigins;
    private final int maxFrameBytes;
    private final TextFrames frames;
    private volatile StaffMember member;
    private volatile Headers upgradeHeaders;
    private volatile WsSession session;
    private volatile Instant lastBeat = Instant.EPOCH;
    /** The conversations this console shows as held, each with the last seq it was sent. */
    final Map<String, Long> shown = new ConcurrentHashMap<>();
    /** This console's id in {@link AgentPresence}. */
    final String id = java.util.UUID.randomUUID().toString();
    volatile String lastQueue = "";
    volatile String lastAgents = "";

    AgentSocket(AgentDesk desk, StaffAuth auth, Set<String> allowedOrigins, int maxFrameBytes) {
        this.desk = desk;
        this.auth = auth;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.maxFrameBytes = maxFrameBytes;
        this.frames = new TextFrames(maxFrameBytes);
    }

    @Override
    public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers)
            throws WsUpgradeException {
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        String host = headers.first(HeaderNames.HOST).orElse("");
        boolean own = origin.isPresent() && (allowedOrigins.contains(origin.get())
                || origin.get().equals("http://" + host) || origin.get().equals("https://" + host));
        if (!own) {
            throw new WsUpgradeException("The agent socket takes connections only from this "
                    + "server's own pages; Origin " + origin.orElse("(none)") + " is not one");
        }
        StaffAuth.Check check = auth.check(headers, Method.GET, ROLES);
        if (check instanceof StaffAuth.Refused refused) {
            throw new WsUpgradeException(refused.message());
        }
        member = ((StaffAuth.SignedIn) check).member();
        upgradeHeaders = headers;
        return Optional.empty();
    }

    @Override
    public void onOpen(WsSession session) {
        this.session = session;
        desk.connected(this);
    }

    @Override
    public void onMessage(WsSession session, String text, boolean last) {
        Optional<TextFrames.Frame> whole = frames.add(text, last);
        if (whole.isEmpty()) {
            return;
        }
        if (whole.get().tooLarge()) {
            error("frame_too_large", "A frame may be at most " + maxFrameBytes + " bytes");
            return;
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(whole.get().text());
        } catch (Exception e) {
            node = null;
        }
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            error("malformed_frame", "A frame must be a JSON object with a \"type\", such as "
                    + "{\"type\":\"claim\",\"conversationId\":\"…\"}");
            return;
        }
        // Every frame checks again that the member may still use the console: a deactivated,
        // demoted or signed-out member's socket ends before the frame does anything. Only an
        // agent's action counts as activity on the session, never a heartbeat.
        if (!allowed(!node.path("type").asText().equals("heartbeat"))) {
            return;
        }
        try {
            desk.handle(this, node);
        } catch (ParleyException e) {
            send(Map.of("type", "error", "code", e.code(), "message", e.getMessage(),
                    "conversationId", node.path("conversationId").asText("")));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Agent frame " + node.path("type").asText()
                    + " failed for agent " + member.id(), e);
            error("internal_error", "Something went wrong on our side; please try again");
        }
    }

    @Override
    public void onClose(WsSession session, int status, String reason) {
        desk.disconnected(this);
    }

    @Override
    public void onError(WsSession session, Throwable t) {
        desk.disconnected(this);
    }

    StaffMember member() {
        return member;
    }

    /**
     * Checks the staff session and the member's roles again, as at the upgrade, and keeps the
     * member as stored now; ends the connection with {@link #SESSION_ENDED} when they fail.
     *
     * @param activity whether what the console does counts as activity on the session
     */
    boolean allowed(boolean activity) {
        Headers headers = upgradeHeaders;
        StaffAuth.Check check = headers == null
                ? new StaffAuth.Refused(io.helidon.http.Status.UNAUTHORIZED_401,
                "session_ended", "") : auth.check(headers, Method.GET, activity, ROLES);
        if (check instanceof StaffAuth.SignedIn signedIn) {
            member = signedIn.member();
            return true;
        }
        close(SESSION_ENDED, ((StaffAuth.Refused) check).code().equals("forbidden_role")
                ? "You no longer have the agent or supervisor role"
                : "Your session has ended; sign in again");
        return false;
    }

    Instant lastBeat() {
        return lastBeat;
    }

    void beat(Instant at) {
        lastBeat = at;
    }

    void error(String code, String message) {
        send(Map.of("type", "error", "code", code, "message", message));
    }

    /** Sends one frame; a socket that went away is the desk's to forget, not an error here. */
    synchronized void send(Object frame) {
        WsSession s = session;
        if (s == null) {
            return;
        }
        try {
            s.send(Json.write(frame), true);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Sending to an agent console failed", e);
        }
    }

    /** Ends the connection, as when the staff session ended. */
    void close(int code, String reason) {
        WsSession s = session;
        if (s != null) {
            try {
                s.close(code, reason);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing an agent console failed", e);
            }
        }
        desk.disconnected(this);
    }

    /** A frame's string field, stripped; refused when missing, blank or over {@code max}. */
    static String text(JsonNode frame, String field, int max) {
        JsonNode value = frame.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new BadInputException("malformed_frame", "A " + frame.get("type").asText()
                    + " frame needs \"" + field + "\": a non-empty string");
        }
        String text = value.asText().strip();
        if (text.codePointCount(0, text.length()) > max) {
            throw new BadInputException("too_long", "\"" + field + "\" may be at most " + max
                    + " characters");
        }
        return text;
    }
}
