package org.parley.qa;

import com.mongodb.client.MongoDatabase;
import io.helidon.webserver.http.HttpRouting;
import org.parley.BadInputException;
import org.parley.audit.AuditLog;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.client.SettingsSection;
import org.parley.compliance.CardNumbers;
import org.parley.conversation.ConversationService;
import org.parley.staff.StaffAuth;
import org.parley.staff.StaffMember;
import org.parley.staff.StaffStore;
import org.parley.store.Jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * QA review: finding conversations, reading them with the bot's reasoning, scoring them
 * against the client's scorecard, the weekly review queue, and exports. Every view, export and
 * reveal of a transcript is audited with the reviewer's staff id. {@code Parley} wires it:
 * {@link #create}, {@link #routes}, {@link #schedule}, and the settings section
 * {@link #settingsSection}.
 */
public final class Qa {

    /** The job that keeps the summaries (and so search and flags) up to date. */
    public static final String SUMMARIES_JOB = "qa-summaries";
    /** The job that fills each client's review queue for the week that has just ended. */
    public static final String QUEUE_JOB = "qa-queue";
    /** At most this many conversations go into one CSV export. */
    static final int MAX_EXPORT = 1000;

    private final Timelines timelines;
    private final QaSummaries summaries;
    private final Reviews reviews;
    private final QaSearch search;
    private final Transcripts transcripts;
    private final Exports exports;
    private final ReviewQueue queue;
    private final SummaryJob job;
    private final AuditLog audit;
    private final ClientSettings settings;
    private final ClientStore clients;
    private final StaffAuth auth;
    private final StaffStore staff;
    private final List<String> languages;
    private final Clock clock;

    private Qa(MongoDatabase db, ConversationService conversations, ClientSettings settings,
               ClientStore clients, AuditLog audit, StaffAuth auth, Collection<String> languages,
               Clock clock, RandomGenerator random) {
        this.timelines = new Timelines(db, conversations);
        this.summaries = new QaSummaries(db);
        this.reviews = new Reviews(db, clock);
        this.search = new QaSearch(summaries);
        this.transcripts = new Transcripts(new Redactor(languages, clock));
        this.exports = new Exports(transcripts);
        this.queue = new ReviewQueue(db, summaries, random, clock);
        this.job = new SummaryJob(db, conversations, timelines, summaries, reviews, settings,
                clock);
        this.audit = audit;
        this.settings = settings;
        this.clients = clients;
        this.auth = auth;
        this.staff = new StaffStore(db);
        this.languages = List.copyOf(languages);
        this.clock = clock;
    }

    /**
     * @param languages the languages Parley speaks, for the month names in typed dates
     * @param random    draws the review sample
     */
    public static Qa create(MongoDatabase db, ConversationService conversations,
                            ClientSettings settings, ClientStore clients, AuditLog audit,
                            StaffAuth auth, Collection<String> languages, Clock clock,
                            RandomGenerator random) {
        return new Qa(db, conversations, settings, clients, audit, auth, languages, clock,
                random);
    }

    /** The client settings section {@code qa-scorecard}, for the settings API. */
    public static SettingsSection settingsSection(ClientSettings settings) {
        return new ScorecardSettings(settings);
    }

    /** Adds the console's routes; see {@link QaRoutes}. */
    public void routes(HttpRouting.Builder routing) {
        new QaRoutes(this, auth).routes(routing);
    }

    /**
     * Adds the summary job, every minute, and the queue job, every hour; call before the jobs
     * start.
     */
    public void schedule(Jobs jobs) {
        jobs.add(SUMMARIES_JOB, job::run, Duration.ofMinutes(1));
        jobs.add(QUEUE_JOB, this::fillEndedWeeks, Duration.ofHours(1));
    }

    /**
     * Fills every client's queue for the last ISO week whose conversations have all ended (the
     * week before the one {@code endedAfter} ago falls in): its sample once, and what was
     * flagged since at every run.
     */
    void fillEndedWeeks() {
        for (org.parley.client.Client client : clients.all()) {
            QaSettings rules = QaSettings.of(settings, client.id());
            java.time.LocalDate settled = java.time.LocalDate.ofInstant(
                    now().minus(rules.endedAfter()), java.time.ZoneOffset.UTC);
            String week = Rollups.week(settled.minusWeeks(1));
            queue.fill(client.id(), week, rules.samplePercent());
        }
    }

    /** Shows another feature's events in timelines, summaries and flags. */
    public void addSource(EventSource source) {
        timelines.addSource(source);
    }

    Instant now() {
        return clock.instant();
    }

    /** @throws QaRoutes.NotYourClient unless the reviewer serves {@code clientId} */
    void checkClient(StaffMember m, String clientId) {
        if (!m.clients().contains(clientId)) {
            throw new QaRoutes.NotYourClient("You do not review client '" + clientId + "'; you "
                    + "serve " + (m.clients().isEmpty() ? "no client" : String.join(", ",
                    m.clients())) + ". Ask an administrator to add the client to your account");
        }
    }

    Map<String, Object> options(StaffMember m, String clientId) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clients", clientsOf(m));
        out.put("clientId", clientId);
        out.put("scorecard", ScorecardSettings.write(QaSettings.of(settings, clientId)));
        out.put("flags", Flags.ALL);
        out.put("outcomes", QaSummary.OUTCOMES);
        out.put("sorts", QaSearch.SORTS);
        out.put("agents", agents(clientId).entrySet().stream().map(e -> Map.of("id", e.getKey(),
                "name", e.getValue())).toList());
        out.put("maxExport", MAX_EXPORT);
        // The last week that has ended: the one whose queue can be filled.
        out.put("week", Rollups.week(java.time.LocalDate.ofInstant(now(),
                java.time.ZoneOffset.UTC).minusWeeks(1)));
        return out;
    }

    /** A search query from request parameters; see {@link QaSearch#parse}. */
    QaSearch.Query query(String clientId, Map<String, List<String>> params) {
        return QaSearch.parse(clientId, params, now(), languages);
    }

    Map<String, Object> search(QaSearch.Query q) {
        QaSearch.Page page = search.run(q);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", page.total());
        out.put("page", page.page());
        out.put("size", page.size());
        out.put("from", q.from().toString());
        out.put("to", q.to().toString());
        out.put("conversations", page.conversations().stream().map(Qa::row).toList());
        return out;
    }

    /** A transcript for the console; audited as viewed by {@code m}. */
    Map<String, Object> transcript(StaffMember m, String id) {
        Opened o = open(m, id);
        audited(m, o.timeline(), "transcript_viewed", Map.of("via", "console"));
        QaSettings rules = QaSettings.of(settings, o.timeline().conversation().clientId());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("conversation", conversation(o.timeline()));
        out.put("summary", summary(o.summary()));
        out.put("items", transcripts.items(o.timeline()));
        out.put("review", review(o.review()));
        out.put("scorecard", ScorecardSettings.write(rules));
        return out;
    }

    /** The original text of one masked detail; audited with its kind and place. */
    Map<String, Object> reveal(StaffMember m, String id, String ref) {
        Opened o = open(m, id);
        String kind = transcripts.kind(o.timeline(), ref);
        String text = transcripts.reveal(o.timeline(), ref);
        audited(m, o.timeline(), "personal_detail_revealed", Map.of("ref", ref, "kind", kind));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ref", ref);
        out.put("kind", kind);
        out.put("text", text);
        return out;
    }

    Map<String, Object> review(StaffMember m, String id, Map<String, String> given,
                               long version) {
        Opened o = open(m, id);
        String clientId = o.timeline().conversation().clientId();
        QaSettings rules = QaSettings.of(settings, clientId);
        Map<String, Review.Answer> answers = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (rules.item(e.getKey()).isEmpty()) {
                throw new BadInputException("unknown_item", "'" + e.getKey() + "' is not an "
                        + "item of client " + clientId + "'s scorecard; use "
                        + rules.items().stream().map(QaSettings.Item::id).toList());
            }
            answers.put(e.getKey(), Review.Answer.parse(e.getValue()).orElseThrow(() ->
                    new BadInputException("invalid_answer", "The answer to '" + e.getKey()
                            + "' must be yes, no or not_applicable; got '" + e.getValue()
                            + "'")));
        }
        List<String> missing = rules.items().stream().map(QaSettings.Item::id)
                .filter(i -> !answers.containsKey(i)).toList();
        if (!missing.isEmpty()) {
            throw new BadInputException("unanswered_items", "Answer every item of the "
                    + "scorecard (yes, no or not_applicable); missing: " + missing);
        }
        Review.Score score = Review.score(rules, answers);
        Review saved = reviews.score(id, clientId, answers, score, m.id(), version);
        summaries.save(o.summary().reviewed(saved.score().map(Review.Score::percent),
                score.criticalFailed()));
        return review(Optional.of(saved));
    }

    Map<String, Object> comment(StaffMember m, String id, long seq, String text) {
        Opened o = open(m, id);
        if (o.timeline().lines().stream().noneMatch(l -> l.seq() == seq)) {
            throw new BadInputException("invalid_seq", "Conversation " + id + " has no message "
                    + seq + "; pin the comment to one of its messages");
        }
        return review(Optional.of(reviews.comment(id, o.timeline().conversation().clientId(),
                seq, masked(text), m.id())));
    }

    Map<String, Object> exportJson(StaffMember m, String id) {
        Opened o = open(m, id);
        audited(m, o.timeline(), "transcript_exported", Map.of("format", "json"));
        return exports.json(o.timeline(), o.summary());
    }

    String printable(StaffMember m, String id) {
        Opened o = open(m, id);
        audited(m, o.timeline(), "transcript_viewed", Map.of("via", "print"));
        return exports.printable(o.timeline(), o.summary());
    }

    /** The conversations the query matches, as CSV; each one audited as exported. */
    String exportCsv(StaffMember m, QaSearch.Query q) {
        List<QaSummary> matched = search.all(q);
        if (matched.size() > MAX_EXPORT) {
            throw new BadInputException("export_too_large", matched.size() + " conversations "
                    + "match; export at most " + MAX_EXPORT + " at a time by narrowing the "
                    + "dates or filters");
        }
        List<Timeline> ordered = new ArrayList<>();
        Map<String, QaSummary> current = new LinkedHashMap<>();
        for (QaSummary s : matched) {
            Opened o = open(m, s.conversationId());
            ordered.add(o.timeline());
            current.put(s.conversationId(), o.summary());
            audited(m, o.timeline(), "transcript_exported", Map.of("format", "csv"));
        }
        return exports.csv(ordered, current);
    }

    Map<String, Object> rollups(QaSearch.Query q, String by) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("by", by);
        out.put("from", q.from().toString());
        out.put("to", q.to().toString());
        Map<String, String> names = by.equals("agent") ? agents(q.clientId()) : Map.of();
        out.put("groups", Rollups.of(search.all(q), by).stream().map(g -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", g.key());
            if (names.containsKey(g.key())) {
                m.put("name", names.get(g.key()));
            }
            m.put("conversations", g.conversations());
            m.put("reviewed", g.reviewed());
            m.put("averageScore", g.averageScore());
            m.put("criticalFailed", g.criticalFailed());
            return m;
        }).toList());
        return out;
    }

    /** The display names of the staff who serve {@code clientId} as agents or supervisors. */
    private Map<String, String> agents(String clientId) {
        Map<String, String> names = new LinkedHashMap<>();
        staff.all().stream().filter(s -> s.clients().contains(clientId))
                .filter(s -> s.roles().contains(org.parley.staff.Role.AGENT)
                        || s.roles().contains(org.parley.staff.Role.SUPERVISOR))
                .forEach(s -> names.put(s.id(), s.displayName()));
        return names;
    }

    Map<String, Object> queue(String clientId, String week) {
        return queued(clientId, week, queue.list(clientId, week));
    }

    /**
     * Fills the queue of a week that has ended.
     *
     * @throws BadInputException for a week still under way or to come, storing nothing
     */
    Map<String, Object> fillQueue(String clientId, String week) {
        Instant ends = ReviewQueue.monday(week).plusWeeks(1)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        if (now().isBefore(ends)) {
            throw new BadInputException("week_not_ended", "Week " + week.strip() + " has not "
                    + "ended: it ends on " + ends.toString().substring(0, 10) + " at 00:00 UTC. "
                    + "Its sample can be drawn from then on; fill an earlier week now");
        }
        int percent = QaSettings.of(settings, clientId).samplePercent();
        return queued(clientId, week, queue.fill(clientId, week, percent));
    }

    private Map<String, Object> queued(String clientId, String week,
                                       List<ReviewQueue.Entry> entries) {
        Map<String, QaSummary> rows = summaries.find(entries.stream()
                .map(ReviewQueue.Entry::conversationId).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("clientId", clientId);
        out.put("week", week);
        out.put("entries", entries.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reason", e.reason());
            m.put("group", e.group());
            m.put("addedAt", e.addedAt());
            Optional.ofNullable(rows.get(e.conversationId())).ifPresentOrElse(
                    s -> m.put("conversation", row(s)),
                    () -> m.put("conversation", Map.of("id", e.conversationId())));
            return m;
        }).toList());
        return out;
    }

    /** A conversation's timeline, current summary and review, for a reviewer of its client. */
    private record Opened(Timeline timeline, QaSummary summary, Optional<Review> review) {
    }

    private Opened open(StaffMember m, String id) {
        Timeline t = timelines.of(id).orElseThrow(() -> QaRoutes.unknown(id));
        checkClient(m, t.conversation().clientId());
        Optional<Review> review = reviews.find(id);
        QaSummary summary = Summarizer.summarize(t, QaSettings.of(settings,
                t.conversation().clientId()), review.flatMap(Review::score), clock.instant());
        // What a reviewer opens is summarized as it stands now, for the search too.
        if (!summaries.find(id).filter(summary::equals).isPresent()) {
            summaries.save(summary);
        }
        return new Opened(t, summary, review);
    }

    private void audited(StaffMember m, Timeline t, String event, Map<String, String> details) {
        audit.record(event, "staff:" + m.id(), t.conversation().clientId(),
                t.conversation().dialog().verifiedAccount().orElse(null),
                t.conversation().id(), details);
    }

    private static Map<String, Object> conversation(Timeline t) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", t.conversation().id());
        c.put("clientId", t.conversation().clientId());
        c.put("channel", t.conversation().channel());
        if (!t.conversation().address().isEmpty()) {
            Map<String, Object> address = new LinkedHashMap<>();
            address.put("masked", Transcripts.addressKind(t));
            address.put("ref", Transcripts.ADDRESS_REF);
            c.put("address", address);
        }
        c.put("status", t.conversation().status());
        c.put("flow", t.conversation().dialog().flow());
        c.put("step", t.conversation().dialog().step());
        c.put("verified", t.conversation().dialog().verified());
        t.conversation().dialog().agentReason().ifPresent(r -> c.put("agentReason", r));
        return c;
    }

    static Map<String, Object> row(QaSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.conversationId());
        m.put("channel", s.channel());
        m.put("language", s.language());
        m.put("languages", s.languages());
        m.put("startedAt", s.startedAt());
        m.put("lastAt", s.lastAt());
        m.put("messages", s.messages());
        m.put("flows", s.flows());
        m.put("intents", s.intents());
        m.put("handed", s.handed());
        m.put("agents", s.agents());
        m.put("outcomes", s.outcomes());
        m.put("flags", s.flagCodes());
        s.score().ifPresent(x -> m.put("score", x));
        m.put("criticalFailed", s.criticalFailed());
        m.put("ended", s.ended());
        return m;
    }

    private static Map<String, Object> summary(QaSummary s) {
        Map<String, Object> m = row(s);
        m.put("flags", s.flags().stream().map(Qa::flag).toList());
        return m;
    }

    static Map<String, Object> flag(Flags.Flag f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", f.code());
        m.put("seq", f.seq());
        return m;
    }

    /**
     * A comment as stored and shown: as masked as an agent's note, with no card number, birth
     * date, phone or address (and masked again when shown, for comments stored before).
     */
    private String masked(String comment) {
        return transcripts.masked(CardNumbers.mask(comment).text());
    }

    private Map<String, Object> review(Optional<Review> r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", r.map(Review::version).orElse(0L));
        Map<String, String> answers = new LinkedHashMap<>();
        r.ifPresent(x -> x.answers().forEach((k, v) -> answers.put(k, v.wire())));
        m.put("answers", answers);
        r.flatMap(Review::score).ifPresent(s -> {
            m.put("score", s.percent());
            m.put("criticalFailed", s.criticalFailed());
        });
        r.flatMap(Review::reviewerId).ifPresent(id -> m.put("reviewerId", id));
        r.flatMap(Review::reviewedAt).ifPresent(at -> m.put("reviewedAt", at));
        m.put("comments", r.map(Review::comments).orElse(List.of()).stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", c.id());
            x.put("seq", c.seq());
            x.put("text", masked(c.text()));
            x.put("authorId", c.authorId());
            x.put("at", c.at());
            return x;
        }).toList());
        return m;
    }

    /** The clients a member may review, for the console's picker. */
    List<String> clientsOf(StaffMember m) {
        return m.clients().stream().filter(id -> clients.find(id).isPresent()).toList();
    }
}
