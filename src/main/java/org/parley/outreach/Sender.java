package org.parley.outreach;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.conversation.Conversation;
import org.parley.conversation.ConversationService;
import org.parley.conversation.ConversationStore;
import org.parley.conversation.Message;
import org.parley.dialog.Reply;
import org.parley.plans.MissedPaymentSweep;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The sending job: claims due sends with a lease on the send's own document (its workers side
 * by side, see {@link Dispatch}), runs every check in the sending path (consent, holds,
 * channel, contact hours, frequency caps, throughput) and either holds the send back to a later
 * time with the reason, stops it for good ({@code suppressed}), or says it in the patient's
 * conversation on the chosen channel.
 *
 * <p>Exactly once: the channel and conversation are recorded on the send before anything is
 * said, the message is said as a notice keyed by the send (a conversation says a notice once),
 * and every write after the claim holds only while this worker still holds the lease. A worker
 * that takes over a send whose lease ran out first looks in the recorded conversation for the
 * notice: when it is there, the send is marked sent without saying anything again.
 */
final class Sender {

    /** Sends that are not collection messages: a hold on the account does not stop them. */
    static final Set<String> TRANSACTIONAL = Set.of("payment_received", "assistance_status",
            "plan_changed");
    /** How long a worker holds one send. */
    static final Duration LEASE = Duration.ofMinutes(2);
    /** How much later a held account is looked at again. */
    static final Duration HOLD_RECHECK = Duration.ofDays(1);
    /** Tries of one send that ends in an error before it is given up as failed. */
    static final int MAX_ATTEMPTS = 5;
    /**
     * The most sends one run claims: about 100 s of texts at 100 a second. The job's heartbeat
     * keeps its lease however long a run takes; a run that ended with sends still due would
     * leave the sender idle until the next one, 5 s on.
     */
    static final int MAX_PER_RUN = 10_000;
    /** How many due sends one look at the outbox picks before they are claimed one by one. */
    static final int BATCH = 500;
    /** How many workers of one instance say sends side by side (see {@link Dispatch}). */
    static final int WORKERS = 4;
    /**
     * How far ahead a text's second under its number's throughput may be: said now, it waits in
     * the SMS outbox for that second. A send whose second is further off is held until then.
     */
    static final Duration AHEAD = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(Sender.class.getName());
    private static final String SENDING = "sending";
    private static final String SCHEDULED = "scheduled";

    /** What the sender needs from the rest of Parley. */
    record Parts(ClientStore clients, AccountStore accounts, ConsentLedger consent,
                 ConversationService conversations, ConversationStore conversationStore,
                 OutreachSettingsSection settings, MissedPaymentSweep.CollectionPause pause,
                 AuditLog audit, Set<String> languages) {
    }

    /** A send this worker holds, as stored when claimed. */
    record Claimed(Document doc) {
        String key() {
            return doc.getString("_id");
        }
    }

    /** What happened to one send. */
    enum Outcome { SENT, HELD, THROTTLED, SUPPRESSED, LOST }

    private final MongoCollection<Document> sends;
    private final Contacts contacts;
    private final Parts parts;
    private final Zones zones;
    private final ContactWindow window;
    private final Throughput throughput;
    private final TakenBack takenBack;
    private final Channels channels;
    private final Clock clock;
    private final String holder;
    private final int workers;
    private final Addresses addresses;
    private final StepOrder stepOrder;
    private final DueSends due;
    /** Told of each step of a send ("recorded", "said"); tests make a worker die there. */
    private volatile java.util.function.Consumer<String> steps = step -> { };
    private volatile CampaignGate campaigns = CampaignGate.OPEN;
    private volatile SmsRoom room = new SmsRoom(SmsBacklog.NONE);

    Sender(Outbox outbox, Parts parts, Zones zones, ContactWindow window, Throughput throughput,
           Clock clock) {
        this(outbox, parts, zones, window, throughput, clock, WORKERS);
    }

    /** With {@code workers} workers side by side; tests choose how many. */
    Sender(Outbox outbox, Parts parts, Zones zones, ContactWindow window, Throughput throughput,
           Clock clock, int workers) {
        this.sends = outbox.collection();
        this.contacts = outbox.contacts();
        this.parts = parts;
        this.zones = zones;
        this.window = window;
        this.throughput = throughput;
        this.takenBack = new TakenBack(outbox, parts.conversationStore());
        this.channels = new Channels(parts.consent());
        this.clock = clock;
        this.holder = "sender-" + UUID.randomUUID();
        this.workers = workers;
        this.addresses = new Addresses(parts.conversationStore(), parts.conversations());
        this.stepOrder = new StepOrder(sends);
        this.due = outbox.due();
    }

    /** Asked of every campaign send as it is taken up; campaigns wire themselves in. */
    Sender campaigns(CampaignGate gate) {
        this.campaigns = gate;
        return this;
    }

    /** The SMS outbox whose late texts, and whose room per number, hold the sending back. */
    Sender backlog(SmsBacklog backlog) {
        this.room = new SmsRoom(backlog);
        return this;
    }

    /** For tests: {@code steps} is told "recorded" and "said" as a send reaches them. */
    Sender onStep(java.util.function.Consumer<String> steps) {
        this.steps = steps;
        return this;
    }

    /**
     * One run: every send due now, earliest first, shared among {@link #WORKERS} workers by
     * account (see {@link Dispatch}).
     */
    int run() {
        int done = new Dispatch(this, workers, room, clock).run(MAX_PER_RUN, BATCH);
        throughput.sweep(clock.instant());
        return done;
    }

    Outcome processOrGiveUp(Claimed c) {
        try {
            return process(c);
        } catch (RuntimeException e) {
            // The lease runs out and the send is taken up again, checked against what the
            // conversation already holds.
            boolean last = c.doc().getInteger("attempts", 1) >= MAX_ATTEMPTS;
            LOG.log(System.Logger.Level.WARNING, "Outreach send " + c.key()
                    + (last ? " failed " + MAX_ATTEMPTS + " times; it is given up"
                    : " failed; it is retried when its lease runs out"), e);
            if (last) {
                fail(c, "error:" + e.getClass().getSimpleName());
            } else {
                due.enter(c.doc().getString("clientId"), c.key(),
                        c.doc().getDate("leaseUntil").toInstant());
            }
            return Outcome.LOST;
        }
    }

    /**
     * Up to {@code limit} sends due now, earliest first (see {@link DueSends}): scheduled ones
     * whose time has come and claimed ones whose worker let the lease run out.
     */
    List<Document> due(int limit, Set<String> exceptClients) {
        return due.due(limit, exceptClients);
    }

    /** Candidates {@link #due} gave that were not claimed: still due, read again next run. */
    void putBack(List<Document> candidates) {
        due.enter(candidates.stream().map(d -> new DueSends.Entry(d.getString("clientId"),
                d.getString("_id"), clock.instant())).toList());
    }

    /**
     * Claims {@code candidate} as {@link #due} read it: the claim holds only if its status and
     * its due time or lease are still what they were, so of two workers one wins. The filter
     * names exactly the fields of a unique index of {@link Outbox}, so it is one index lookup.
     */
    Optional<Claimed> claim(Document candidate) {
        Instant now = clock.instant();
        boolean scheduled = SCHEDULED.equals(candidate.getString("status"));
        String when = scheduled ? "dueAt" : "leaseUntil";
        Date at = candidate.getDate(when);
        if (at == null || at.toInstant().isAfter(now)) {
            return Optional.empty();
        }
        Bson same = new Document("_id", candidate.getString("_id"))
                .append("status", candidate.getString("status")).append(when, at);
        Document doc = sends.findOneAndUpdate(same, Updates.combine(
                        Updates.set("status", SENDING), Updates.set("claimedBy", holder),
                        Updates.set("leaseUntil", Date.from(now.plus(LEASE))),
                        Updates.inc("attempts", 1)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(doc).map(Claimed::new);
    }

    /** Checks, then holds, stops or says one claimed send. */
    Outcome process(Claimed c) {
        Optional<Outcome> already = alreadySaid(c);
        if (already.isPresent()) {
            return already.get();
        }
        Document d = c.doc();
        Instant now = clock.instant();
        String clientId = d.getString("clientId");
        String accountNumber = d.getString("account");
        if (d.getString("campaignId") != null) {
            switch (campaigns.check(clientId, d.getString("campaignId"))) {
                case PAUSED -> {
                    return pause(c, now);
                }
                case CANCELLED -> {
                    return suppress(c, "campaign_cancelled");
                }
                case GO -> { }
            }
        }
        Optional<Client> client = parts.clients().find(clientId);
        Optional<Account> account = client.flatMap(x -> parts.accounts().find(clientId,
                accountNumber));
        if (account.isEmpty()) {
            return suppress(c, client.isEmpty() ? "unknown_client" : "unknown_account");
        }
        Optional<Instant> order = stepOrder.notBefore(d, client.get().timeZone(), now);
        if (order.isPresent()) {
            return hold(c, StepOrder.REASON, order.get());
        }
        OutreachSettings settings = parts.settings().get(clientId);

        if (!TRANSACTIONAL.contains(d.getString("event"))) {
            if (parts.pause().paused(clientId, accountNumber)) {
                return hold(c, "assistance_pending", now.plus(HOLD_RECHECK));
            }
            Optional<String> flag = parts.accounts().holds().hold(clientId, accountNumber);
            if (flag.isPresent()) {
                return hold(c, "account_hold:" + flag.get(), now.plus(HOLD_RECHECK));
            }
        }

        Channels.Channel channel;
        try {
            channel = channels.pick(clientId, d.getList("channels", String.class),
                    settings.channels(), account.get());
        } catch (Channels.NoChannel e) {
            return suppress(c, e.getMessage());
        }

        Zones.Found found = zones.find(account.get().zip(), account.get().phone());
        if (!window.allows(now, found.zones())) {
            return hold(c, found.quietHours(), window.next(now, found.zones()));
        }

        // One address at a time from its cap check to its count: two workers saying sends of
        // accounts that share it must not both pass its cap.
        synchronized (addresses.lock(clientId, channel.name(), channel.address())) {
            return capThenSay(c, account.get(), client.get(), settings, channel, found, now);
        }
    }

    /** The frequency cap, then the throughput, then the send is said. */
    private Outcome capThenSay(Claimed c, Account account, Client client,
                               OutreachSettings settings, Channels.Channel channel,
                               Zones.Found found, Instant now) {
        Document d = c.doc();

        // Caps limit collection contact; a receipt or a decision the patient waits for is not.
        OutreachSettings.Cap cap = settings.caps().get(channel.name());
        if (cap != null && !TRANSACTIONAL.contains(d.getString("event"))) {
            Optional<Contacts.Capped> capped = contacts.capped(d, channel.name(),
                    channel.address(), cap, now);
            if (capped.isPresent()) {
                return hold(c, capped.get().reason(), capped.get().until());
            }
        }

        if (!channel.name().equals("sms") || client.smsNumber().isBlank()) {
            return say(c, account, channel, Optional.empty());
        }
        // Room in the SMS outbox before a second under the throughput, which stays taken.
        Optional<SmsRoom.Taken> room = this.room.take(client.smsNumber(), settings.perSecond());
        if (room.isEmpty()) {
            return hold(c, SmsRoom.REASON, clock.instant()) == Outcome.HELD ? Outcome.THROTTLED
                    : Outcome.LOST;
        }
        try (SmsRoom.Taken taken = room.get()) {
            return placeThenSay(c, account, client, settings.perSecond(), channel, found, taken);
        }
    }

    /** A text's second under its number's throughput, in contact hours, then it is said. */
    private Outcome placeThenSay(Claimed c, Account account, Client client, int perSecond,
                                 Channels.Channel channel, Zones.Found found,
                                 SmsRoom.Taken taken) {
        // Read again: the room may have been waited for.
        Instant now = clock.instant();
        Date reserved = c.doc().getDate("slotAt");
        // A held send's own second, when it comes due in that very second; a second long
        // past is not used, or sends held to many past seconds would go out in one burst.
        Instant at = now;
        if (reserved == null || reserved.toInstant().isAfter(now)
                || !reserved.toInstant().isAfter(now.minusSeconds(1))) {
            Instant slot = throughput.reserve(client.smsNumber(), perSecond, now);
            if (slot.isAfter(now.plus(AHEAD))) {
                return holdUntilSlot(c, slot);
            }
            // Said now, handed to Twilio in its second: which must be in hours too.
            if (slot.isAfter(now) && !window.allows(slot, found.zones())) {
                return hold(c, found.quietHours(), window.next(slot, found.zones()));
            }
            at = slot;
        }

        // Paced again as it is handed over, so texts that reach the SMS outbox late together
        // still go one step apart; not handed over once the hours end.
        taken.said();
        return say(c, account, channel, Optional.of(new ConversationService.Place(at,
                perSecond, client.smsNumber(), Optional.of(window.closes(at, found.zones())))));
    }

    /**
     * A send taken over from a worker whose lease ran out: if that worker recorded its
     * conversation and the notice is there, it was said; only the marking is left.
     */
    private Optional<Outcome> alreadySaid(Claimed c) {
        String conversationId = c.doc().getString("conversationId");
        if (conversationId == null) {
            return Optional.empty();
        }
        return parts.conversationStore().findByDedupe(conversationId, "notice:" + noticeId(c))
                .map(m -> markSent(c, c.doc().getString("channel"), conversationId, m.seq(),
                        m.at()));
    }

    private Outcome say(Claimed c, Account account, Channels.Channel channel,
                        Optional<ConversationService.Place> place) {
        Document d = c.doc();
        String clientId = d.getString("clientId");
        String language = language(account);
        // A worker before this one may have chosen the conversation: the notice goes there.
        String conversationId = Optional.ofNullable(d.getString("conversationId"))
                .filter(id -> channel.name().equals(d.getString("channel")))
                .orElseGet(() -> addresses.latestOrOpen(clientId, channel.name(),
                        channel.address(), language));

        // Recorded before anything is said: a worker that dies after saying leaves the trace
        // the next one checks.
        boolean recorded = sends.updateOne(mine(c), Updates.combine(
                Updates.set("channel", channel.name()),
                Updates.set("conversationId", conversationId))).getMatchedCount() == 1;
        if (!recorded) {
            return Outcome.LOST;
        }
        steps.accept("recorded");

        Conversation conversation = parts.conversations().find(conversationId).orElseThrow();
        boolean verified = conversation.dialog().verifiedAccount()
                .filter(account.accountNumber()::equals).isPresent();
        String template = d.getString("template");
        List<String> options = d.getList("options", String.class);
        Reply reply = verified
                ? new Reply(template, Outbox.decode(d.get("args", Document.class)), options)
                : new Reply(template + ".generic", Map.of(), options);
        List<Message> said = parts.conversations().notify(conversationId,
                new ConversationService.Notice(noticeId(c), List.of(reply),
                        Optional.ofNullable(d.getString("goTo")), place));
        steps.accept("said");
        if (verified) {
            parts.audit().record("balance_disclosed", "bot", clientId, account.accountNumber(),
                    conversationId, Map.of("outreach", c.key()));
        }
        Message first = said.isEmpty()
                ? parts.conversationStore().findByDedupe(conversationId,
                        "notice:" + noticeId(c))
                        .orElseThrow()
                : said.get(0);
        LOG.log(System.Logger.Level.DEBUG, () -> "outreach sent key=" + c.key() + " channel="
                + channel.name() + " conversationId=" + conversationId + " details=" + verified);
        Outcome outcome = markSent(c, channel.name(), conversationId, first.seq(), first.at());
        if (outcome == Outcome.SENT && d.getString("campaignId") != null) {
            takenBack.ifStopped(campaigns, new Document(d).append("channel", channel.name())
                    .append("conversationId", conversationId).append("messageSeq", first.seq()),
                    clock.instant());
        }
        return outcome;
    }

    /**
     * The notice a send is said as: its key, and after a paused campaign took its text back
     * before it went out, the key and how many times it was said before.
     */
    private static String noticeId(Claimed c) {
        int said = c.doc().getInteger("said", 0);
        return said == 0 ? c.key() : c.key() + "#" + said;
    }

    /** The language a new conversation with the account holder opens in. */
    private String language(Account account) {
        return account.preferredLanguage()
                .map(tag -> Locale.forLanguageTag(tag).getLanguage())
                .filter(parts.languages()::contains)
                .orElse("en");
    }

    private Outcome markSent(Claimed c, String channel, String conversationId, long seq,
                             Instant at) {
        // Counted for the caps before the send is marked: a worker that dies between the two
        // leaves the send to one that counts it again, which a count by key ignores.
        if (!TRANSACTIONAL.contains(c.doc().getString("event"))) {
            contacts.record(c.doc().getString("clientId"), c.doc().getString("account"),
                    channel, c.key(), at);
        }
        boolean marked = sends.updateOne(mine(c), Updates.combine(Updates.set("status", "sent"),
                Updates.set("conversationId", conversationId), Updates.set("messageSeq", seq),
                Updates.set("sentAt", Date.from(at)), Updates.unset("claimedBy"),
                Updates.unset("leaseUntil"))).getModifiedCount() == 1;
        return marked ? Outcome.SENT : Outcome.LOST;
    }

    private Outcome hold(Claimed c, String reason, Instant until) {
        Instant now = clock.instant();
        boolean held = sends.updateOne(mine(c), Updates.combine(
                Updates.set("status", SCHEDULED), Updates.set("dueAt", Date.from(until)),
                Updates.min("firstDueAt", c.doc().getDate("dueAt")),
                Updates.push("holds", new Document("reason", reason).append("at", Date.from(now))
                        .append("until", Date.from(until))),
                Updates.unset("claimedBy"), Updates.unset("leaseUntil"))).getModifiedCount() == 1;
        LOG.log(System.Logger.Level.DEBUG, () -> "outreach held key=" + c.key() + " reason="
                + reason + " until=" + until);
        if (held) {
            due.enter(c.doc().getString("clientId"), c.key(), until);
        }
        return held ? Outcome.HELD : Outcome.LOST;
    }

    /**
     * A throughput hold: the number's seconds are taken further ahead than {@link #AHEAD}. The
     * second taken is kept for the next claim, and the run stops claiming the client's sends.
     */
    private Outcome holdUntilSlot(Claimed c, Instant slot) {
        sends.updateOne(mine(c), Updates.set("slotAt", Date.from(slot)));
        return hold(c, "throughput", slot) == Outcome.HELD ? Outcome.THROTTLED : Outcome.LOST;
    }

    /** A send of a paused campaign: waits as the campaign's waiting sends do, until resumed. */
    private Outcome pause(Claimed c, Instant now) {
        boolean held = sends.updateOne(mine(c), Updates.combine(
                Updates.set("status", SCHEDULED),
                Updates.set("dueAt", Date.from(CampaignGate.PAUSED_UNTIL)),
                Updates.set("pausedAt", Date.from(now)),
                Updates.unset("claimedBy"), Updates.unset("leaseUntil"))).getModifiedCount() == 1;
        return held ? Outcome.HELD : Outcome.LOST;
    }

    private Outcome suppress(Claimed c, String reason) {
        boolean done = sends.updateOne(mine(c), Updates.combine(
                Updates.set("status", "suppressed"), Updates.set("reason", reason),
                Updates.set("suppressedAt", Date.from(clock.instant())),
                Updates.unset("claimedBy"), Updates.unset("leaseUntil"))).getModifiedCount() == 1;
        LOG.log(System.Logger.Level.DEBUG, () -> "outreach suppressed key=" + c.key()
                + " reason=" + reason);
        return done ? Outcome.SUPPRESSED : Outcome.LOST;
    }

    private void fail(Claimed c, String reason) {
        sends.updateOne(mine(c), Updates.combine(Updates.set("status", "failed"),
                Updates.set("reason", reason), Updates.unset("claimedBy"),
                Updates.unset("leaseUntil")));
    }

    /** The send, only while this worker holds it; one index lookup. */
    private Bson mine(Claimed c) {
        // A plain document, not Filters.and ($and): its fields are a unique index's, exactly.
        return new Document("_id", c.key()).append("status", SENDING).append("claimedBy", holder);
    }
}
