package org.parley.handoff;

import org.parley.staff.Role;
import org.parley.staff.StaffMember;
import org.parley.staff.StaffService;
import org.parley.web.Json;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents a console may transfer to, as its agent sees them: who serves which languages and
 * clients and who has a console open now. Sent in the hello and again whenever it changed.
 */
final class AgentRoster {

    private final StaffService staff;
    private final AgentPresence presence;
    private final Clock clock;

    AgentRoster(StaffService staff, AgentPresence presence, Clock clock) {
        this.staff = staff;
        this.presence = presence;
        this.clock = clock;
    }

    /**
     * The other agents {@code me} may transfer to: active, with a client in common, with the
     * languages and clients they serve and whether a console of theirs is open now.
     */
    List<Map<String, Object>> agents(StaffMember me) {
        Set<String> online = presence.online(clock.instant().minus(AgentDesk.SILENCE_LIMIT));
        return staff.list().stream()
                .filter(m -> m.active() && !m.id().equals(me.id()) && m.hasAny(AgentSocket.ROLES)
                        && m.clients().stream().anyMatch(me.clients()::contains))
                .map(m -> Map.<String, Object>of("id", m.id(), "name", m.displayName(),
                        "languages", m.languages(), "clients", m.clients(),
                        "supervisor", m.hasAny(Role.SUPERVISOR),
                        "online", online.contains(m.id())))
                .toList();
    }

    /** Sends the console the other agents when they changed since it was last told. */
    void send(AgentSocket socket) {
        List<Map<String, Object>> agents = agents(socket.member());
        String shape = Json.write(agents);
        if (!shape.equals(socket.lastAgents)) {
            socket.lastAgents = shape;
            socket.send(Map.of("type", "agents", "agents", agents));
        }
    }
}
