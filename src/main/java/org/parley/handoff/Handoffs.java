package org.parley.handoff;

import com.mongodb.client.MongoDatabase;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import org.parley.audit.AuditLog;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.client.SettingsSection;
import org.parley.config.ParleyConfig;
import org.parley.conversation.ConversationService;
import org.parley.conversation.Handover;
import org.parley.dialog.Flow;
import org.parley.dialog.Step;
import org.parley.plans.PlanStore;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffService;
import org.parley.store.Jobs;
import org.parley.web.WebResources;

import java.net.URI;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Live agents taking conversations over from the bot, wired: the queue the conversation router
 * hands over to, the client settings ({@code handoff}, {@code canned-replies}), the agent
 * socket {@code WS /ws/agent} with the console's script, the feed that carries events between
 * instances, and the heartbeat job that gives a silent agent's conversations back.
 */
public final class Handoffs implements AutoCloseable {

    /** The job name of the heartbeat sweep, for {@link Jobs}. */
    public static final String HEARTBEAT_JOB = "agent-heartbeats";
    /** Message keys the handoff code says itself. */
    public static final Set<String> MESSAGE_KEYS = Set.of("handoff.wait", "handoff.closed",
            "handoff.client_message", "handoff.requeued");

    private final HandoffStore store;
    private final HandoffEvents events;
    private final HandoffSettings settings;
    private final CannedReplies canned;
    private final HandoffQueue queue;
    private final AgentFeed feed;
    private final Set<String> languages;
    private final ParleyConfig config;
    private final Clock clock;
    private final AgentPresence presence;
    private AgentDesk desk;
    private ConversationFiles files = ConversationFiles.NONE;
    private StaffAuth filesAuth;
    private AgentFiles fileRoutes;

    private Handoffs(HandoffStore store, HandoffEvents events, HandoffSettings settings,
                     CannedReplies canned, HandoffQueue queue, AgentFeed feed,
                     Set<String> languages, ParleyConfig config, Clock clock,
                     AgentPresence presence) {
        this.store = store;
        this.events = events;
        this.settings = settings;
        this.canned = canned;
        this.queue = queue;
        this.feed = feed;
        this.languages = languages;
        this.config = config;
        this.clock = clock;
        this.presence = presence;
    }

    /**
     * The queue side, made before the conversations are (they hand over to it).
     *
     * @param embeddedStore whether the store is the embedded one: the feed polls there
     */
    public static Handoffs create(ParleyConfig config, MongoDatabase db, boolean embeddedStore,
                                  ClientStore clients, ClientSettings clientSettings,
                                  Set<String> languages, Clock clock) {
        HandoffStore store = new HandoffStore(db);
        HandoffEvents events = new HandoffEvents(db);
        HandoffSettings settings = new HandoffSettings(clientSettings, languages);
        AgentFeed feed = config.handoff().changeStreams(embeddedStore)
                ? new ChangeStreamFeed(db, Clock.systemUTC())
                : new PollingFeed(db, Clock.systemUTC(), config.handoff().pollInterval());
        HandoffQueue queue = new HandoffQueue(store, events, settings, clients, feed, clock);
        return new Handoffs(store, events, settings, new CannedReplies(clientSettings, languages),
                queue, feed, Set.copyOf(languages), config, clock, new AgentPresence(db));
    }

    /** What the conversation router hands conversations that need a person to. */
    public Handover handover() {
        return queue;
    }

    /** The client settings sections of handoffs, for the settings API. */
    public List<SettingsSection> settingsSections() {
        return List.of(settings, canned);
    }

    public HandoffSettings settings() {
        return settings;
    }

    public CannedReplies cannedReplies() {
        return canned;
    }

    public HandoffStore store() {
        return store;
    }

    /** What people did with handed-off conversations: the record QA reads. */
    public HandoffEvents events() {
        return events;
    }

    public AgentFeed feed() {
        return feed;
    }

    /** Opens the agents' desk once the conversations and staff exist. */
    public void openDesk(ConversationService conversations, ClientStore clients,
                         AccountStore accounts, PlanStore plans,
                         org.parley.assistance.Applications applications, AgentTasks tasks,
                         AuditLog audit, StaffService staff, Map<String, Flow> flows,
                         org.parley.compliance.ConsentLedger consent) {
        AgentContext contexts = new AgentContext(conversations, clients, accounts, plans,
                applications, events, canned, audit, files, consent);
        fileRoutes = new AgentFiles(store, files, audit);
        desk = new AgentDesk(store, events, feed, conversations, clients, staff, contexts,
                tasks, presence, returnTargets(flows), languages, clock);
    }

    /**
     * The files patients send, listed in the console and downloaded by the agent holding the
     * conversation under {@code auth}'s staff session; before {@link #openDesk}.
     */
    public void files(ConversationFiles files, StaffAuth auth) {
        this.files = files;
        this.filesAuth = auth;
    }

    public AgentDesk desk() {
        return desk;
    }

    /** The console's script and styles; the page itself is the staff console at /agent. */
    public void routes(HttpRouting.Builder routing) {
        routing.get("/agent.js", (req, res) -> asset(res, "agent.js", "text/javascript"))
                .get("/agent.css", (req, res) -> asset(res, "agent.css", "text/css"));
        if (filesAuth != null && fileRoutes != null) {
            fileRoutes.routes(routing, filesAuth);
        }
    }

    /** {@code WS /ws/agent}, for signed-in agents and supervisors on this server's pages. */
    public void sockets(WsRouting.Builder ws, StaffAuth auth) {
        Set<String> origins = new HashSet<>();
        config.publicBaseUrl().map(Handoffs::origin).ifPresent(origins::add);
        ws.endpoint("/ws/agent", () -> new AgentSocket(desk, auth, origins,
                config.chatMaxFrameBytes()));
    }

    /** Adds the heartbeat sweep: every 15 s, one instance at a time. */
    public Jobs jobs(Jobs jobs) {
        return jobs.add(HEARTBEAT_JOB, () -> desk.sweep(), AgentDesk.HEARTBEAT);
    }

    /** Starts hearing the other instances. */
    public void start() {
        feed.start();
    }

    @Override
    public void close() {
        if (desk != null) {
            desk.close();
        }
        feed.close();
    }

    /**
     * Where an agent may hand a conversation back: the menu, and each request the main menu
     * leads to except a person, labelled for the console.
     */
    static Map<String, String> returnTargets(Map<String, Flow> flows) {
        Map<String, String> targets = new LinkedHashMap<>();
        targets.put("main.again", "Main menu");
        Optional.ofNullable(flows.get("main")).map(f -> f.steps().get("menu"))
                .map(Step::on).ifPresent(on -> on.values().stream()
                        .map(Step.Transition::target)
                        .filter(t -> t.startsWith("@") && !t.equals("@talk-to-agent"))
                        .filter(t -> flows.containsKey(t.substring(1)))
                        .forEach(t -> targets.put(t, label(t.substring(1)))));
        return targets;
    }

    private static String label(String flow) {
        String words = flow.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }

    private static void asset(io.helidon.webserver.http.ServerResponse res, String file,
                              String type) {
        res.header(HeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        res.send(WebResources.text(file));
    }
}
