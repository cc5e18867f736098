package org.parley.outreach.campaign;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;
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
 * What a campaign came to, read from its sends in {@code outreach_sends} and from what members
 * did after them. A conversion (a payment, a plan, an assistance application) counts once per
 * member and kind when it happened at or after the member's first send, and is credited to the
 * last step sent to the member before it; the steps' conversions add up to the campaign's.
 */
final class CampaignResults {

    private final MongoCollection<Document> sends;
    private final CampaignStore store;
    private final PaymentLedger payments;
    private final PlanStore plans;
    private final MongoCollection<Document> applications;

    /**
     * @param applications the {@code assistance_applications} collection, read by client,
     *                     account number and creation time only
     */
    CampaignResults(MongoCollection<Document> sends, CampaignStore store, PaymentLedger payments,
                    PlanStore plans, MongoCollection<Document> applications) {
        this.sends = sends;
        this.store = store;
        this.payments = payments;
        this.plans = plans;
        this.applications = applications;
    }

    /** The figures of one step, or of the whole campaign. */
    static final class Figures {
        int scheduled;
        int waiting;
        int paused;
        int held;
        final Map<String, Integer> holdReasons = new TreeMap<>();
        int sent;
        int delivered;
        int failed;
        int suppressed;
        int cancelled;
        int replied;
        int optedOut;
        int paid;
        int planCreated;
        int assistanceRequested;

        void add(Figures other) {
            scheduled += other.scheduled;
            waiting += other.waiting;
            paused += other.paused;
            held += other.held;
            other.holdReasons.forEach((r, n) -> holdReasons.merge(r, n, Integer::sum));
            sent += other.sent;
            delivered += other.delivered;
            failed += other.failed;
            suppressed += other.suppressed;
            cancelled += other.cancelled;
            replied += other.replied;
            optedOut += other.optedOut;
        }

        Map<String, Object> json() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("scheduled", scheduled);
            out.put("waiting", waiting);
            out.put("paused", paused);
            out.put("held", held);
            out.put("holdReasons", holdReasons);
            out.put("sent", sent);
            out.put("delivered", delivered);
            out.put("failed", failed);
            out.put("suppressed", suppressed);
            out.put("cancelled", cancelled);
            out.put("replied", replied);
            out.put("optedOut", optedOut);
            out.put("paid", paid);
            out.put("planCreated", planCreated);
            out.put("assistanceRequested", assistanceRequested);
            return out;
        }
    }

    /** One send of the campaign to one member that went out. */
    private record Touch(int step, Instant sentAt) {
    }

    /** The campaign's results as the API shows them. */
    Map<String, Object> of(Campaign c) {
        Map<Integer, Figures> steps = new TreeMap<>();
        c.steps().forEach(s -> steps.put(s.number(), new Figures()));
        Map<String, List<Touch>> touches = new HashMap<>();
        Set<String> optedOut = new HashSet<>();
        sends.find(Filters.eq("campaignId", c.id())).forEach(d -> {
            int number = d.getInteger("step", 0);
            Figures f = steps.computeIfAbsent(number, n -> new Figures());
            count(d, f);
            if (d.getDate("optedOutAt") != null) {
                optedOut.add(d.getString("account"));
            }
            Date sentAt = d.getDate("sentAt");
            if (sentAt != null) {
                touches.computeIfAbsent(d.getString("account"), a -> new ArrayList<>())
                        .add(new Touch(number, sentAt.toInstant()));
            }
        });

        Figures total = new Figures();
        steps.values().forEach(total::add);
        conversions(c.clientId(), touches, steps, total);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", c.id());
        out.put("name", c.name());
        out.put("state", c.state().code());
        out.put("members", c.members());
        // A member who opted out after a send is stopped now, not only when the next step
        // comes due and the campaign job records it.
        Map<String, Integer> stopped = new TreeMap<>();
        store.members(c.id()).forEach(m -> m.stopped()
                .or(() -> Optional.of(CampaignRunner.OPTED_OUT)
                        .filter(r -> optedOut.contains(m.account())))
                .ifPresent(r -> stopped.merge(r, 1, Integer::sum)));
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

    /**
     * Counts one send. A send a cancel stopped counts as {@code cancelled}, not as suppressed,
     * and still as held if it was held back before the cancel; one a pause holds counts as
     * {@code paused}, not as waiting.
     */
    private static void count(Document d, Figures f) {
        f.scheduled++;
        String status = d.getString("status");
        boolean cancelled = "suppressed".equals(status)
                && CampaignSends.CANCELLED_REASON.equals(d.getString("reason"));
        if ("scheduled".equals(status) && d.getDate("pausedAt") != null) {
            f.paused++;
        } else if ("scheduled".equals(status) || "sending".equals(status)) {
            f.waiting++;
        }
        List<Document> holds = d.getList("holds", Document.class, List.of());
        if (!holds.isEmpty()) {
            f.held++;
            holds.stream().map(h -> h.getString("reason")).filter(r -> r != null).distinct()
                    .forEach(r -> f.holdReasons.merge(r, 1, Integer::sum));
        }
        if (d.getDate("sentAt") != null) {
            f.sent++;
        }
        if ("delivered".equals(status) || d.getDate("deliveredAt") != null) {
            f.delivered++;
        }
        if ("failed".equals(status)) {
            f.failed++;
        }
        if (cancelled) {
            f.cancelled++;
        } else if ("suppressed".equals(status)) {
            f.suppressed++;
        }
        if (d.getDate("repliedAt") != null) {
            f.replied++;
        }
        if (d.getDate("optedOutAt") != null) {
            f.optedOut++;
        }
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
