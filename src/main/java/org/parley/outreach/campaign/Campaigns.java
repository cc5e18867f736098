package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.parley.NotFoundException;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.ConversationStore;
import org.parley.csv.CsvFileRejected;
import org.parley.csv.CsvProblems;
import org.parley.csv.CsvRows;
import org.parley.dialog.Flow;
import org.parley.dialog.Step;
import org.parley.i18n.LocaleContent;
import org.parley.outreach.CampaignGate;
import org.parley.outreach.Outbox;
import org.parley.outreach.TakenBack;
import org.parley.payments.PaymentLedger;
import org.parley.plans.PlanStore;

import java.io.StringReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.random.RandomGenerator;

/**
 * Outreach campaigns a client administrator defines: a fixed audience of accounts, steps over
 * days, a start and an end. The hourly {@link #JOB} schedules each due step into the outreach
 * {@link Outbox}, which does the sending and every compliance check; campaigns never send
 * anything themselves.
 */
public final class Campaigns {

    /** The job name of the hourly campaign pass. */
    public static final String JOB = "campaigns";
    /** How often the job runs. */
    public static final Duration JOB_EVERY = Duration.ofHours(1);
    /** How many accounts a preview shows. */
    static final int PREVIEW = 20;
    /** The most account numbers an uploaded list may hold. */
    static final int MAX_LIST = 100_000;
    /** Unknown accounts an upload's answer lists by number; the rest are counted. */
    static final int UNKNOWN_LISTED = 100;
    /** Where a patient's answer to a campaign message continues: the outreach flow's choice. */
    public static final String REPLY_STEP = "outreach.choose";
    /** Where any answer to a campaign message that offered no options continues. */
    public static final String READ_STEP = "outreach-read.read";

    private static final System.Logger LOG = System.getLogger(Campaigns.class.getName());
    private static final CsvRows.Kind<CampaignListRejected> LIST = new CsvRows.Kind<>(
            "campaign's account list", CampaignListRejected::new);

    private final CampaignStore store;
    private final CampaignKeys keys;
    private final AudienceSelector audience;
    private final CampaignRunner runner;
    private final CampaignResults results;
    private final ClientStore clients;
    private final CampaignSends waiting;
    private final Map<String, LocaleContent> locales;
    private final List<String> replyOptions;
    private final Clock clock;
    private final RandomGenerator random;

    private Campaigns(CampaignStore store, AudienceSelector audience, CampaignRunner runner,
                      CampaignResults results, ClientStore clients,
                      CampaignSends waiting, Map<String, LocaleContent> locales,
                      List<String> replyOptions, Clock clock, RandomGenerator random) {
        this.store = store;
        this.keys = new CampaignKeys(store.database());
        this.audience = audience;
        this.runner = runner;
        this.results = results;
        this.clients = clients;
        this.waiting = waiting;
        this.locales = locales;
        this.replyOptions = List.copyOf(replyOptions);
        this.clock = clock;
        this.random = random;
    }

    /** What campaigns read and write, from the running Parley. */
    public record Parts(ClientStore clients, AccountStore accounts, PlanStore plans,
                        ConsentLedger consent, PaymentLedger payments) {
    }

    /**
     * @param flows the dialogs: the options of {@value #REPLY_STEP} are those a step may offer
     */
    public static Campaigns create(MongoDatabase db, Parts parts,
                                   Map<String, LocaleContent> locales, Map<String, Flow> flows,
                                   Clock clock, RandomGenerator random) {
        int dot = REPLY_STEP.indexOf('.');
        List<String> replyOptions = Optional.ofNullable(flows.get(REPLY_STEP.substring(0, dot)))
                .map(f -> f.steps().get(REPLY_STEP.substring(dot + 1))).map(Step::options)
                .orElse(List.of());
        CampaignStore store = new CampaignStore(db);
        Outbox outbox = new Outbox(db, clock);
        MongoCollection<Document> sends = db.getCollection(Outbox.COLLECTION);
        AudienceSelector audience = new AudienceSelector(db, parts.plans());
        CampaignSends waiting = new CampaignSends(sends,
                new TakenBack(outbox, new ConversationStore(db)), outbox);
        CampaignRunner runner = new CampaignRunner(store, audience, parts.clients(),
                parts.accounts(), parts.consent(), outbox, sends, waiting, clock);
        CampaignResults results = new CampaignResults(sends, store, parts.payments(),
                parts.plans(), db.getCollection("assistance_applications"),
                new Handover(db.getCollection("messages")));
        return new Campaigns(store, audience, runner, results, parts.clients(), waiting,
                locales, replyOptions, clock, random);
    }

    /** The API under {@code /api/clients}, behind the operator token. */
    public io.helidon.webserver.http.HttpService routes() {
        return new CampaignRoutes(this);
    }

    /** The {@code /campaigns} page's calls and files, for signed-in staff. */
    public void consoleRoutes(io.helidon.webserver.http.HttpRouting.Builder routing,
                              org.parley.staff.StaffAuth auth) {
        new CampaignConsole(this, clients, auth).routes(routing);
    }

    /** The hourly pass: start, step and end campaigns. Safe to run again at any time. */
    public void run() {
        runner.run();
    }

    /** A campaign defined, or found again for a retry with the same idempotency key. */
    record Created(Campaign campaign, boolean replayed) {
    }

    /**
     * Defines a campaign, {@code scheduled} until its start day. With an idempotency
     * {@code key}, the same body sent again answers the campaign the key first made.
     *
     * @throws CampaignRejected naming every wrong field; nothing is stored, the key not taken
     * @throws CampaignConflict when {@code key} came before with another body
     */
    Created create(String clientId, JsonNode body, Optional<String> key) {
        Client client = clients.require(clientId);
        String digest = CampaignKeys.digest(body);
        Optional<String> earlier = key.flatMap(k -> keys.taken(clientId, k, digest));
        Optional<Campaign> made = earlier.flatMap(id -> store.find(clientId, id));
        if (made.isPresent()) {
            return new Created(made.get(), true);
        }

        Instant now = clock.instant();
        CampaignInput.Draft draft = new CampaignInput(now.atZone(client.timeZone())
                .toLocalDate(), locales.keySet(), keysInEveryLanguage(), replyOptions).read(body);
        // The key is written before the campaign, under the id the campaign then takes: a
        // process that dies between the two leaves the key, and the retry makes that campaign.
        String id = earlier.orElseGet(this::newId);
        if (key.isPresent() && earlier.isEmpty()) {
            id = keys.take(clientId, key.get(), digest, id, now);
        }
        Campaign c = new Campaign(id, clientId, draft.name(), draft.audience(),
                draft.steps(), draft.start(), draft.end(), CampaignState.SCHEDULED,
                Optional.empty(), 0, List.of(), 1, now, now);
        if (!store.insert(c)) {
            if (key.isEmpty()) {
                throw new IllegalStateException("Campaign id " + id + " is taken; ask again");
            }
            // A request with the same key stored it first, between our look and our insert.
            return new Created(require(clientId, id), true);
        }
        LOG.log(System.Logger.Level.INFO, "Campaign {0} of client {1} defined with {2} steps",
                c.id(), clientId, c.steps().size());
        return new Created(c, false);
    }

    public List<Campaign> all(String clientId) {
        clients.require(clientId);
        return store.all(clientId);
    }

    /**
     * @throws NotFoundException when the client has no such campaign
     */
    public Campaign require(String clientId, String id) {
        clients.require(clientId);
        return store.find(clientId, id).orElseThrow(() -> new NotFoundException(
                "unknown_campaign", "Client " + clientId + " has no campaign '" + id
                + "'; GET /api/clients/" + clientId + "/campaigns lists them"));
    }

    /**
     * Pauses, resumes or cancels a campaign. Pausing holds its sends still waiting in the
     * outbox; resuming lets them go and continues with the steps not yet scheduled; cancelling
     * suppresses the waiting sends with reason {@code campaign_cancelled}.
     *
     * @throws CampaignMoveRefused when the campaign's state does not allow the move
     */
    public Campaign move(String clientId, String id, CampaignState.Move move) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Campaign c = require(clientId, id);
            if (!c.state().allowed().contains(move)) {
                throw new CampaignMoveRefused(id, c.state(), move);
            }
            Instant now = clock.instant();
            CampaignState to = switch (move) {
                case PAUSE -> CampaignState.PAUSED;
                case RESUME -> c.startedAt().isPresent() ? CampaignState.RUNNING
                        : CampaignState.SCHEDULED;
                case CANCEL -> CampaignState.CANCELLED;
            };
            if (!store.move(c, to, now)) {
                continue;
            }
            Campaign after = followed(c, to, now);
            if (move == CampaignState.Move.RESUME) {
                stepNow(clientId, id);
                return require(clientId, id);
            }
            return after;
        }
        throw new IllegalStateException("Campaign " + id + " kept changing while it was asked "
                + "to " + move.code() + "; nothing was changed, ask again");
    }

    /**
     * Brings the campaign's waiting sends in line with {@code state}, which this request has
     * just stored, and then with whatever state is stored by the time that is done: another
     * request may have moved the campaign in between and finished first (a resume whose sends
     * this pause would otherwise hold for good). Answers the campaign as it is then.
     */
    Campaign followed(Campaign c, CampaignState state, Instant now) {
        CampaignState done = state;
        long changed = waiting.follow(c.id(), state, now);
        for (int pass = 0; pass < 5; pass++) {
            Campaign stored = require(c.clientId(), c.id());
            if (stored.state() == done) {
                LOG.log(System.Logger.Level.INFO, "Campaign {0} of client {1}: {2}, {3} waiting "
                        + "sends changed", c.id(), c.clientId(), done.code(), changed);
                return stored;
            }
            done = stored.state();
            changed += waiting.follow(c.id(), done, clock.instant());
        }
        throw new IllegalStateException("Campaign " + c.id() + " kept changing while its "
                + "waiting sends were brought in line; ask again");
    }

    /** A resumed campaign's start and due steps, now; the hourly pass retries a failure. */
    private void stepNow(String clientId, String id) {
        try {
            runner.advance(clientId, id);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Campaign " + id + " of client " + clientId
                    + " was resumed but its due steps could not be scheduled; the hourly "
                    + "pass tries again", e);
        }
    }

    /**
     * Whether a send of campaign {@code id} may go now: a paused or cancelled campaign stops
     * its sends as the sender takes them up, those scheduled after the pause included.
     */
    public CampaignGate.Verdict gate(String clientId, String id) {
        return store.find(clientId, id).map(c -> switch (c.state()) {
            case PAUSED -> CampaignGate.Verdict.PAUSED;
            case CANCELLED -> CampaignGate.Verdict.CANCELLED;
            case SCHEDULED, RUNNING, ENDED -> CampaignGate.Verdict.GO;
        }).orElse(CampaignGate.Verdict.CANCELLED);
    }

    /**
     * Who the campaign is for: before it starts, who its rules (or its list) take in now; once
     * it started, its fixed audience.
     */
    public Map<String, Object> preview(String clientId, String id) {
        Campaign c = require(clientId, id);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", c.id());
        List<String> accounts;
        if (c.startedAt().isPresent()) {
            out.put("fixed", true);
            accounts = store.members(c.id()).stream().map(CampaignStore.Member::account)
                    .toList();
        } else {
            out.put("fixed", false);
            Client client = clients.require(clientId);
            accounts = c.audience().list()
                    ? List.copyOf(audience.existing(clientId, store.list(c.id())))
                    : audience.select(client, c.audience(), clock.instant());
        }
        out.put("count", accounts.size());
        out.put("accounts", accounts.subList(0, Math.min(PREVIEW, accounts.size())));
        return out;
    }

    /**
     * Stores the uploaded list of a list campaign's accounts, before it starts, replacing any
     * earlier list. A number is read as verification reads a typed one ({@code eh-100234} is
     * {@code EH100234}); numbers the client has no account under are kept (they join if an
     * import brings them before the start) and named in the answer.
     *
     * @throws CampaignListRejected when the file has a bad row; nothing is stored
     */
    public Map<String, Object> upload(String clientId, String id, byte[] csv) {
        Campaign c = require(clientId, id);
        if (!c.audience().list()) {
            throw new CampaignConflict("not_a_list_campaign", "Campaign " + id + " chooses its "
                    + "audience by rules; an account list is uploaded only to a campaign "
                    + "defined with \"audience\": {\"list\": true}");
        }
        boolean waiting = c.state() == CampaignState.SCHEDULED
                || c.state() == CampaignState.PAUSED;
        if (c.startedAt().isPresent() || !waiting) {
            throw new CampaignConflict("audience_fixed", "Campaign " + id + " is "
                    + c.state().code() + " and its audience is fixed; a list is uploaded "
                    + "before the start day");
        }
        List<String> numbers = readList(csv);
        Map<String, String> matched = audience.matches(clientId, numbers);
        Set<String> known = new TreeSet<>(matched.values());
        List<String> unknown = numbers.stream().filter(n -> !matched.containsKey(n)).toList();
        store.saveList(c.id(), numbers, clock.instant());
        LOG.log(System.Logger.Level.INFO, "Campaign {0} of client {1}: list of {2} accounts, "
                + "{3} unknown", id, clientId, numbers.size(), unknown.size());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", c.id());
        out.put("listed", numbers.size());
        out.put("known", known.size());
        out.put("unknownCount", unknown.size());
        out.put("unknown", unknown.subList(0, Math.min(UNKNOWN_LISTED, unknown.size())));
        return out;
    }

    private static List<String> readList(byte[] bytes) {
        String text = CsvRows.utf8(bytes, LIST);
        Set<String> numbers = new LinkedHashSet<>();
        CsvProblems problems = new CsvProblems();
        List<CsvRows.Row> rows = new ArrayList<>();
        CsvRows.each(new StringReader(text), LIST, rows::add);
        boolean first = true;
        for (CsvRows.Row row : rows) {
            if (row.isBlankLine()) {
                continue;
            }
            String value = row.values().get(0).strip();
            if (first && value.toLowerCase(Locale.ROOT).replace(' ', '_')
                    .equals("account_number")) {
                first = false;
                continue;
            }
            first = false;
            // Read as verification reads a typed number: TB/201 and TB 201 both name TB201.
            if (row.values().size() > 1 || !AccountStore.isAccountNumber(value)) {
                problems.add(new CsvFileRejected.Problem(row.line(), "account_number",
                        String.join(",", row.values()), "one account number per line: "
                        + AccountStore.ACCOUNT_NUMBER_RULE));
                problems.badRow();
                continue;
            }
            numbers.add(value);
        }
        if (problems.found() > 0) {
            throw problems.rejection(LIST);
        }
        if (numbers.isEmpty() || numbers.size() > MAX_LIST) {
            throw new CampaignListRejected("The " + LIST.noun() + " has " + numbers.size()
                    + " account numbers; send 1 to " + MAX_LIST + ", one per line", List.of(), 0);
        }
        return List.copyOf(numbers);
    }

    /** The campaign's results, per step and in total. */
    public Map<String, Object> results(String clientId, String id) {
        return results.of(require(clientId, id));
    }

    /** The campaign as the API shows it. */
    public static Map<String, Object> json(Campaign c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("clientId", c.clientId());
        out.put("name", c.name());
        out.put("state", c.state().code());
        out.put("allowed", c.state().allowed().stream().map(CampaignState.Move::code).toList());
        out.put("start", c.start().toString());
        out.put("end", c.end().toString());
        out.put("audience", audienceJson(c.audience()));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (CampaignStep s : c.steps()) {
            Map<String, Object> step = stepJson(c, s);
            step.put("options", s.options());
            step.put("scheduled", c.stepsDone().contains(s.number()));
            steps.add(step);
        }
        out.put("steps", steps);
        c.startedAt().ifPresent(t -> out.put("startedAt", t.toString()));
        out.put("members", c.members());
        out.put("createdAt", c.createdAt().toString());
        return out;
    }

    /** What a step is, as the API shows it before its own figures. */
    static Map<String, Object> stepJson(Campaign c, CampaignStep s) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", s.number());
        step.put("day", s.day());
        step.put("dueOn", s.dueOn(c.start()).toString());
        step.put("channel", s.channel());
        step.put("template", s.template());
        return step;
    }

    private static Map<String, Object> audienceJson(Audience a) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (a.list()) {
            out.put("list", true);
            return out;
        }
        if (a.balanceMin().isPresent() || a.balanceMax().isPresent()) {
            Map<String, Object> balance = new LinkedHashMap<>();
            a.balanceMin().ifPresent(m -> balance.put("min", m.toPlainString()));
            a.balanceMax().ifPresent(m -> balance.put("max", m.toPlainString()));
            out.put("balance", balance);
        }
        if (a.daysSinceMin().isPresent() || a.daysSinceMax().isPresent()) {
            Map<String, Object> days = new LinkedHashMap<>();
            a.daysSinceMin().ifPresent(m -> days.put("min", m));
            a.daysSinceMax().ifPresent(m -> days.put("max", m));
            out.put("daysSinceFirstStatement", days);
        }
        if (!a.planStates().isEmpty()) {
            out.put("planState", a.planStates());
        }
        if (!a.languages().isEmpty()) {
            out.put("languages", a.languages());
        }
        if (!a.reachable().isEmpty()) {
            out.put("reachable", a.reachable());
        }
        a.noContactDays().ifPresent(d -> out.put("noContactDays", d));
        return out;
    }

    private Set<String> keysInEveryLanguage() {
        Set<String> keys = null;
        for (LocaleContent l : locales.values()) {
            if (keys == null) {
                keys = new HashSet<>(l.messages().keySet());
            } else {
                keys.retainAll(l.messages().keySet());
            }
        }
        return keys == null ? Set.of() : keys;
    }

    private String newId() {
        String alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder id = new StringBuilder("cmp-");
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
