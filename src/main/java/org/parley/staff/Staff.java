package org.parley.staff;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpRouting;
import org.parley.client.ClientStore;
import org.parley.config.ParleyConfig;
import org.parley.web.ApiAuth;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Staff accounts, sign-in and sessions, wired from the configuration: the admin API under
 * {@code /api/staff}, {@code /staff/login}, {@code /staff/logout}, {@code /staff/me}, and the
 * console pages {@code /agent} and {@code /qa}. Other features guard their staff routes with
 * {@link #auth()}.
 */
public final class Staff {

    /** Failed sign-ins per email within {@link #FAILURE_WINDOW} that lock it. */
    public static final int FAILURES_TO_LOCK = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK = Duration.ofMinutes(15);

    private final StaffService service;
    private final StaffAuth auth;
    private final StaffSessions sessions;
    private final SignIn signIn;
    private final Clock clock;

    private Staff(StaffService service, StaffAuth auth, StaffSessions sessions, SignIn signIn,
                  Clock clock) {
        this.service = service;
        this.auth = auth;
        this.sessions = sessions;
        this.signIn = signIn;
        this.clock = clock;
    }

    public static Staff create(ParleyConfig config, MongoDatabase db, ClientStore clients,
                               Clock clock, RandomGenerator random) {
        ParleyConfig.Staff settings = config.staff();
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.DEFAULT, random);
        StaffStore store = new StaffStore(db);
        StaffSessions sessions = new StaffSessions(db, clock, random, settings.idleTimeout(),
                settings.sessionLifetime());
        SignInThrottle throttle = new SignInThrottle(db, clock, FAILURES_TO_LOCK, FAILURE_WINDOW,
                LOCK);
        return new Staff(new StaffService(store, sessions, clients, hasher, clock, random),
                new StaffAuth(store, sessions, secureCookies(config)), sessions,
                new SignIn(store, sessions, throttle, hasher), clock);
    }

    /** Whether the session cookie is marked Secure: when the public base URL is https. */
    static boolean secureCookies(ParleyConfig config) {
        return config.publicBaseUrl()
                .map(url -> url.toLowerCase(Locale.ROOT).startsWith("https://")).orElse(false);
    }

    /**
     * Adds every staff route. Call it before the general {@code /api} token check is
     * registered: {@code /api/staff} also takes an admin's session, which that check refuses.
     */
    public void routes(HttpRouting.Builder routing, ApiAuth bearer) {
        new StaffApi(service, auth, bearer).routes(routing);
        new StaffRoutes(signIn, auth, sessions, clock).routes(routing);
        new StaffPages(auth).routes(routing);
    }

    /** The check other features put in front of their staff routes. */
    public StaffAuth auth() {
        return auth;
    }

    public StaffService service() {
        return service;
    }

    public StaffSessions sessions() {
        return sessions;
    }

    /**
     * Seeds the demo's admin, agent and QA reviewer for {@code clientId}, and gives each the
     * password {@code password}, or, without one, a new random one: the demo's staff
     * passwords are new at every start.
     *
     * @return the accounts with the passwords to print once
     */
    public List<DemoStaff.Login> seedDemo(String clientId, Optional<String> password,
                                          RandomGenerator random) {
        return DemoStaff.seed(service, clientId, password, random);
    }
}
