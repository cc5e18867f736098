package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.compliance.ConsentLedger;
import org.parley.outreach.Outbox;
import org.parley.outreach.Send;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The campaigns' hourly work, run under a job lease: fixes a campaign's audience on its start
 * day, schedules each step that is due into the outreach {@link Outbox} for every member who
 * should still get it, and ends a campaign after its end day. Every write can be repeated: a
 * member joins once, and a send's key ({@code campaign:{id}:{step}:{account}}) is scheduled
 * once, so a run that dies half way, or a second run, schedules nobody twice.
 */
final class CampaignRunner {

    private static final System.Logger LOG = System.getLogger(CampaignRunner.class.getName());

    /** Why a member stopped getting steps. */
    static final String PAID_IN_FULL = "paid_in_full";
    static final String OPTED_OUT = "opted_out";
    static final String ACCOUNT_LEFT = "account_left";

    private final CampaignStore store;
    private final AudienceSelector audience;
    private final ClientStore clients;
    private final AccountStore accounts;
    private final ConsentLedger consent;
    private final Outbox outbox;
    private final MongoCollection<Document> sends;
    private final CampaignSends waiting;
    private final Clock clock;

    CampaignRunner(CampaignStore store, AudienceSelector audience, ClientStore clients,
                   AccountStore accounts, ConsentLedger consent, Outbox outbox,
                   MongoCollection<Document> sends, CampaignSends waiting, Clock clock) {
        this.store = store;
        this.audience = audience;
        this.clients = clients;
        this.accounts = accounts;
        this.consent = consent;
        this.outbox = outbox;
        this.sends = sends;
        this.waiting = waiting;
        this.clock = clock;
    }

    /** One pass over every scheduled or running campaign. */
    void run() {
        for (Campaign c : store.live()) {
            Optional<Client> client = clients.find(c.clientId());
            if (client.isEmpty()) {
                continue;
            }
            try {
                advance(c, client.get());
            } catch (RuntimeException e) {
                // One broken campaign must not keep the others from their steps.
                LOG.log(System.Logger.Level.ERROR, "Campaign " + c.id() + " of client "
                        + c.clientId() + " failed this run; it is tried again next run", e);
            }
        }
    }

    /**
     * Does for one campaign now what the hourly pass would: after a resume, a campaign whose
     * start day has come starts (its first step due at once) and its steps that came due
     * meanwhile are scheduled, instead of waiting up to an hour for the pass.
     */
    void advance(String clientId, String id) {
        Optional<Client> client = clients.find(clientId);
        Optional<Campaign> c = store.find(clientId, id);
        if (client.isPresent() && c.isPresent() && c.get().state().live()) {
            advance(c.get(), client.get());
        }
    }

    private void advance(Campaign c, Client client) {
        Instant now = clock.instant();
        LocalDate today = now.atZone(client.timeZone()).toLocalDate();
        if (today.isAfter(c.end())) {
            store.move(c, CampaignState.ENDED, now);
            LOG.log(System.Logger.Level.INFO, "Campaign {0} of client {1} ended", c.id(),
                    c.clientId());
            return;
        }
        if (today.isBefore(c.start())) {
            return;
        }

        Campaign running = c;
        if (c.state() == CampaignState.SCHEDULED) {
            List<String> members = members(c, client, now);
            store.addMembers(c, members, now);
            if (!store.move(c, CampaignState.RUNNING, now, Updates.set("startedAt",
                    java.util.Date.from(now)), Updates.set("members", members.size()))) {
                return;
            }
            LOG.log(System.Logger.Level.INFO, "Campaign {0} of client {1} started with {2} "
                    + "members", c.id(), c.clientId(), members.size());
            running = store.find(c.clientId(), c.id()).orElseThrow();
        }

        for (CampaignStep step : running.steps()) {
            if (running.stepsDone().contains(step.number()) || step.dueOn(c.start())
                    .isAfter(today)) {
                continue;
            }
            // Paused or cancelled since this run began: stop before scheduling more.
            Optional<Campaign> current = store.find(c.clientId(), c.id());
            if (current.isEmpty() || current.get().state() != CampaignState.RUNNING) {
                return;
            }
            int scheduled = schedule(running, step, now);
            store.stepDone(running, step.number());
            // Paused or cancelled while this step was scheduled: its new sends follow suit.
            store.find(c.clientId(), c.id()).map(Campaign::state)
                    .filter(state -> state != CampaignState.RUNNING)
                    .ifPresent(state -> waiting.follow(c.id(), state, now));
            LOG.log(System.Logger.Level.INFO, "Campaign {0} step {1}: {2} sends scheduled",
                    c.id(), step.number(), scheduled);
        }
    }

    private List<String> members(Campaign c, Client client, Instant now) {
        if (!c.audience().list()) {
            return audience.select(client, c.audience(), now);
        }
        return List.copyOf(audience.existing(c.clientId(), store.list(c.id())));
    }

    private int schedule(Campaign c, CampaignStep step, Instant now) {
        int scheduled = 0;
        // The account's earlier step, which this one follows in order and by its days.
        Optional<CampaignStep> earlier = c.steps().stream()
                .filter(s -> s.number() == step.number() - 1).findFirst();
        // Read once per step: asked per member, the store would scan the sends each time.
        Set<String> optedOut = new HashSet<>();
        sends.distinct("account", Filters.and(Filters.eq("campaignId", c.id()),
                Filters.ne("optedOutAt", null)), String.class).into(optedOut);
        for (CampaignStore.Member member : store.members(c.id())) {
            if (member.stopped().isPresent()) {
                continue;
            }
            Optional<String> stop = stopReason(c, member.account(), optedOut);
            if (stop.isPresent()) {
                store.stop(c.id(), member.account(), stop.get(), now);
                continue;
            }
            boolean added = outbox.schedule(new Send(key(c.id(), step.number(),
                    member.account()), c.clientId(), member.account(), Send.CAMPAIGN, c.id(),
                    c.id(), step.number(), step.template(), Map.of(), step.channels(), now,
                    step.options(), Optional.of(step.options().isEmpty() ? Campaigns.READ_STEP
                            : Campaigns.REPLY_STEP), earlier.map(e -> new Send.After(
                            key(c.id(), e.number(), member.account()), step.day() - e.day()))));
            if (added) {
                scheduled++;
            }
        }
        return scheduled;
    }

    /** The send key of one step for one member: the outbox schedules it once. */
    static String key(String campaignId, int step, String account) {
        return "campaign:" + campaignId + ":" + step + ":" + account;
    }

    private Optional<String> stopReason(Campaign c, String accountNumber,
                                        Set<String> optedOut) {
        Optional<Account> account = accounts.find(c.clientId(), accountNumber);
        if (account.isEmpty()) {
            return Optional.of(ACCOUNT_LEFT);
        }
        if (account.get().totalDue().signum() <= 0) {
            return Optional.of(PAID_IN_FULL);
        }
        if (optedOut.contains(accountNumber)) {
            return Optional.of(OPTED_OUT);
        }
        List<Boolean> channels = new ArrayList<>();
        account.get().phone().filter(p -> !p.isBlank())
                .ifPresent(p -> channels.add(consent.optedOut(c.clientId(), "sms", p)));
        account.get().email().filter(e -> !e.isBlank())
                .ifPresent(e -> channels.add(consent.optedOut(c.clientId(), "email", e)));
        if (!channels.isEmpty() && channels.stream().allMatch(Boolean::booleanValue)) {
            return Optional.of(OPTED_OUT);
        }
        return Optional.empty();
    }
}
