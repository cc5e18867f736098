package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.payments.PaymentLedger;
import org.parley.plans.Plan;
import org.parley.plans.PlanStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a campaign came to, read from its sends in {@code outreach_sends}, its fixed audience in
 * {@code campaign_members} and from what members did after the sends. Every member stands in
 * exactly one of each step's waiting, paused, queued, sent, refused, suppressed, cancelled and
 * skipped, so those add up to the audience at every moment, a planning cut off half way
 * included: a member the step has no send for yet waits, unless they stopped getting steps.
 * A conversion (a payment, a plan, an assistance application) counts once per member and kind
 * when it happened at or after the member's first send, and is credited to the last step sent
 * to the member before it; the steps' conversions add up to the campaign's.
 */
final class CampaignResults {

    private final MongoCollection<Document> sends;
    private final CampaignStore store;
    private final PaymentLedger payments;
    private final PlanStore plans;
    private final MongoCollection<Document> applications;
    private final Handover handover;

    /**
     * @param applications the {@code assistance_applications} collection, read by client,
     *                     account number and creation time only
     * @param handover     where a said send stands at its channel
     */
    CampaignResults(MongoCollection<Document> sends, CampaignStore store, PaymentLedger payments,
                    PlanStore plans, MongoCollection<Document> applications,
                    Handover handover) {
        this.sends = sends;
        this.store = store;
        this.payments = payments;
        this.plans = plans;
        this.applications = applications;
        this.handover = handover;
    }

    /** The figures of one step, or of the whole campaign. */
    static final class Figures {
        int scheduled;
        int waiting;
        int paused;
        int queued;
        int held;
        final Map<String, Integer> holdReasons = new TreeMap<>();
        int sent;
        int delivered;
        int failed;
        int refused;
        int suppressed;
        int cancelled;
        int skipped;
        int replied;
        int optedOut;
        int paid;
        int planCreated;
        int assistanceRequested;

        void add(Figures other) {
            scheduled += other.scheduled;
            waiting += other.waiting;
            paused += other.paused;
            queued += other.queued;
            held += other.held;
            other.holdReasons.forEach((r, n) -> holdReasons.merge(r, n, Integer::sum));
            sent += other.sent;
            delivered += other.delivered;
            failed += other.failed;
            refused += other.refused;
            suppressed += other.suppressed;
            cancelled += other.cancelled;
            skipped += other.skipped;
            replied += other.replied;
            optedOut += other.optedOut;
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scheduled", scheduled);
            out.put("waiting", waiting);
            out.put("paused", paused);
            out.put("queued", queued);
            out.put("held", held);
            out.put("holdReasons", holdReasons);
            out.put("sent", sent);
            out.put("delivered", delivered);
            out.put("failed", failed);
            out.put("refused", refused);
            out.put("suppressed", suppressed);
            out.put("cancelled", cancelled);
            out.put("skipped", skipped);
            out.put("replied", replied);
            out.put("optedOut", optedOut);
            out.put("paid", paid);
            out.put("planCreated", planCreated);
            out.put("assistanceRequested", assistanceRequested);
            return out;
        }
    }

    /** The fields of a send that its figures are counted from. */
    private static final Bson COUNTED = Projections.include("step", "account", "status",
            "reason", "pausedAt", "holds.reason", "sentAt", "acceptedAt", "deliveredAt",
            "repliedAt", "optedOutAt", "conversationId", "messageSeq");
    /** Sends read in one reply of the store. */
    private static final int BATCH = 10_000;

    /** One send of the campaign to one member that went out. */
    private record Touch(int step, Instant sentAt) {
    }

    /** The campaign's results as the API shows them. */
    Map<String, Object> of(Campaign c) {
        Map<Integer, Figures> steps = new TreeMap<>();
        c.steps().forEach(s -> steps.put(s.number(), new Figures()));
        Map<String, List<Touch>> touches = new HashMap<>();
        Set<String> optedOut = new HashSet<>();
        Map<Integer, Set<String>> reached = new HashMap<>();
        // Only the fields counted, a batch at a time: the embedded store answers a find in one
        // reply of at most 48 MB, which 100,000 whole sends exceeded (a 500 on the results).
        for (Document d : sends.find(Filters.eq("campaignId", c.id())).projection(COUNTED)
                .batchSize(BATCH)) {
            int number = d.getInteger("step", 0);
            Figures f = steps.computeIfAbsent(number, n -> new Figures());
            count(d, f);
            reached.computeIfAbsent(number, n -> new HashSet<>()).add(d.getString("account"));
            if (d.getDate("optedOutAt") != null) {
                optedOut.add(d.getString("account"));
            }
            Date sentAt = d.getDate("sentAt");
            if (sentAt != null) {
                touches.computeIfAbsent(d.getString("account"), a -> new ArrayList<>())
                        .add(new Touch(number, sentAt.toInstant()));
            }
        }

        // A member who opted out after a send is stopped now, not only when the next step
        // comes due and the campaign job records it.
        List<CampaignStore.Member> members = store.members(c.id());
        Map<String, String> stoppedBy = new HashMap<>();
        members.forEach(m -> m.stopped().or(() -> Optional.of(CampaignRunner.OPTED_OUT)
                        .filter(r -> optedOut.contains(m.account())))
                .ifPresent(r -> stoppedBy.put(m.account(), r)));
        for (CampaignStep step : c.steps()) {
            unreached(members, reached.getOrDefault(step.number(), Set.of()),
                    stoppedBy.keySet(), notYet(c, step), steps.get(step.number()));
        }

        Figures total = new Figures();
        steps.values().forEach(total::add);
        conversions(c.clientId(), touches, steps, total);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", c.id());
        out.put("name", c.name());
        out.put("state", c.state().code());
        // The fixed audience as stored: a start cut off after fixing it counts it too.
        out.put("members", members.isEmpty() ? c.members() : members.size());
        Map<String, Integer> stopped = new TreeMap<>();
        stoppedBy.values().forEach(r -> stopped.merge(r, 1, Integer::sum));
        out.put("stopped", stopped);
        out.put("totals", total.json());
        List<Map<String, Object>> perStep = new ArrayList<>();
        for (CampaignStep s : c.steps()) {
            Map<String, Object> step = Campaigns.stepJson(c, s);
            step.putAll(steps.get(s.number()).json());
            perStep.add(step);
        }
        out.put("steps", perStep);
        return out;
    }

    /** What a member the step has not reached yet is counted as. */
    private enum NotYet { WAITING, PAUSED, CANCELLED, SKIPPED }

    /**
     * What the step's members without a send of it wait as: for the step to reach them (it is
     * not due yet, or its planning is under way or was cut off), paused with the campaign,
     * cancelled with it, or skipped when the campaign ends before the step reaches them.
     */
    private static NotYet notYet(Campaign c, CampaignStep step) {
        return switch (c.state()) {
            case PAUSED -> NotYet.PAUSED;
            case CANCELLED -> NotYet.CANCELLED;
            case ENDED -> NotYet.SKIPPED;
            case SCHEDULED, RUNNING -> step.dueOn(c.start()).isAfter(c.end()) ? NotYet.SKIPPED
                    : NotYet.WAITING;
        };
    }

    /**
     * Counts the members the step has no send for: skipped when they stopped getting steps
     * (the step went, or will go, past them), else as {@code notYet} says.
     */
    private static void unreached(List<CampaignStore.Member> members, Set<String> reached,
                                  Set<String> stopped, NotYet notYet, Figures f) {
        for (CampaignStore.Member m : members) {
            if (reached.contains(m.account())) {
                continue;
            }
            switch (stopped.contains(m.account()) ? NotYet.SKIPPED : notYet) {
                case WAITING -> f.waiting++;
                case PAUSED -> f.paused++;
                case CANCELLED -> f.cancelled++;
                case SKIPPED -> f.skipped++;
            }
        }
    }

    /**
     * Counts one send. A send a cancel stopped counts as {@code cancelled}, not as suppressed,
     * and still as held if it was held back before the cancel; one a pause holds counts as
     * {@code paused}, not as waiting. A said send counts as sent once its channel took it,
     * as queued while it waits in the channel's outbox, and as refused (and failed) when the
     * channel would not take it.
     */
    private void count(Document d, Figures f) {
        f.scheduled++;
        String status = d.getString("status");
        boolean cancelled = "suppressed".equals(status)
                && CampaignSends.CANCELLED_REASON.equals(d.getString("reason"));
        if ("scheduled".equals(status) && d.getDate("pausedAt") != null) {
            f.paused++;
        } else if ("scheduled".equals(status) || "sending".equals(status)) {
            f.waiting++;
        }
        Handover.Stand stand = stand(d, status);
        switch (stand) {
            case SENT -> f.sent++;
            case QUEUED -> f.queued++;
            case REFUSED -> f.refused++;
            case SUPPRESSED -> f.suppressed++;
            case null -> {
                if (cancelled) {
                    f.cancelled++;
                } else if ("suppressed".equals(status)) {
                    f.suppressed++;
                }
            }
        }
        if ("failed".equals(status) || stand == Handover.Stand.REFUSED) {
            f.failed++;
        }
        List<Document> holds = d.getList("holds", Document.class, List.of());
        if (!holds.isEmpty()) {
            f.held++;
            holds.stream().map(h -> h.getString("reason")).filter(r -> r != null).distinct()
                    .forEach(r -> f.holdReasons.merge(r, 1, Integer::sum));
        }
        if ("delivered".equals(status) || d.getDate("deliveredAt") != null) {
            f.delivered++;
        }
        if (d.getDate("repliedAt") != null) {
            f.replied++;
        }
        if (d.getDate("optedOutAt") != null) {
            f.optedOut++;
        }
    }

    /**
     * Where a send that left the outbox stands at its channel; null for one still waiting
     * here or suppressed here. A failed send never said was refused by Parley's own sender.
     */
    private Handover.Stand stand(Document d, String status) {
        boolean said = d.getDate("sentAt") != null;
        if ("failed".equals(status)) {
            return said && handover.of(d) == Handover.Stand.SENT ? Handover.Stand.SENT
                    : Handover.Stand.REFUSED;
        }
        return said && List.of("sent", "delivered").contains(status) ? handover.of(d) : null;
    }

    private void conversions(String clientId, Map<String, List<Touch>> touches,
                             Map<Integer, Figures> steps, Figures total) {
        if (touches.isEmpty()) {
            return;
        }
        Map<String, List<Instant>> plansMade = new HashMap<>();
        for (Plan p : plans.plans(clientId)) {
            plansMade.computeIfAbsent(p.account(), a -> new ArrayList<>()).add(p.createdAt());
        }
        Map<String, List<Instant>> applied = new HashMap<>();
        applications.find(Filters.eq("clientId", clientId))
                .projection(com.mongodb.client.model.Projections.include("accountNumber",
                        "createdAt"))
                .forEach(a -> applied.computeIfAbsent(a.getString("accountNumber"),
                        n -> new ArrayList<>()).add(a.getDate("createdAt").toInstant()));
        touches.forEach((account, sent) -> {
            List<Instant> paidAt = payments.forAccount(clientId, account).stream()
                    .map(p -> p.payment().paidAt()).toList();
            credit(sent, paidAt, steps, total, f -> f.paid++);
            credit(sent, plansMade.getOrDefault(account, List.of()), steps, total,
                    f -> f.planCreated++);
            credit(sent, applied.getOrDefault(account, List.of()), steps, total,
                    f -> f.assistanceRequested++);
        });
    }

    /** Credits the member's first event at or after their first send to the step before it. */
    private static void credit(List<Touch> sent, List<Instant> events,
                               Map<Integer, Figures> steps, Figures total,
                               java.util.function.Consumer<Figures> count) {
        Instant first = sent.stream().map(Touch::sentAt).min(Instant::compareTo).orElseThrow();
        Optional<Instant> event = events.stream().filter(e -> !e.isBefore(first))
                .min(Instant::compareTo);
        if (event.isEmpty()) {
            return;
        }
        Touch last = sent.stream().filter(t -> !t.sentAt().isAfter(event.get()))
                .max((a, b) -> a.sentAt().compareTo(b.sentAt())).orElseThrow();
        count.accept(steps.get(last.step()));
        count.accept(total);
    }
}
