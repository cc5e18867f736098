package org.parley.outreach.campaign;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.outreach.Outreach;
import org.parley.payments.PaymentSource;
import org.parley.payments.ReportedPayment;
import org.parley.plans.Agreement;
import org.parley.plans.Frequency;
import org.parley.plans.PlanCalculator;
import org.parley.plans.PlanRules;
import org.parley.plans.ShownTerms;
import org.parley.store.Leases;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static org.parley.outreach.campaign.CampaignFixture.CLIENT;

/**
 * A campaign two steps in, with what the sender did to each send written into
 * {@code outreach_sends} as the outreach core records it, and what members did after:
 *
 * <pre>
 * step 1 (Dec 7)  EH100234 sent, delivered, replied; held once for quiet hours
 *                 EH100587 sent, delivered, opted out; held for quiet hours and the cap
 *                 EH100611 sent, failed
 *                 EH100612 suppressed
 * step 2 (Dec 10) EH100234 sent
 *                 EH100611 sent, delivered
 *                 EH100612 still waiting, held while assistance is pending
 * after           EH100234 paid Dec 5 (before any send: not counted) and Dec 11
 *                 EH100611 made a plan Dec 8; EH100612 one Dec 9 (never sent to: not counted)
 *                 EH100587 applied for assistance Dec 9
 * </pre>
 */
final class ResultsSeed {

    private ResultsSeed() {
    }

    /** Seeds the campaign's story and answers its id. */
    static String seed(CampaignFixture f) {
        var parley = f.parley.parley();
        f.clock.set(Instant.parse("2026-12-05T15:00:00Z"));
        // The story is written into the sends by hand: the instance's own sending job, on its
        // timer, would say the ones left scheduled (a held step 2) and change the figures.
        new Leases(parley.store().database(), f.clock)
                .claim(Outreach.SEND_JOB, "results-seed", Duration.ofDays(60)).orElseThrow();
        pay(f, "pay-before", "EH100234", "25.00");

        String id = f.create(CampaignFixture.campaign(CampaignScheduleTest.AUDIENCE)
                .replace("December balances", "Winter reminders"));
        f.runJobAt("2026-12-07T05:00:00Z");
        Instant sent1 = Instant.parse("2026-12-07T13:00:00Z");
        update(f, id, 1, "EH100234", Updates.set("status", "delivered"),
                Updates.set("sentAt", Date.from(sent1)), Updates.set("deliveredAt",
                        Date.from(sent1)), Updates.set("repliedAt", Date.from(sent1
                        .plusSeconds(300))), hold("quiet_hours"));
        update(f, id, 1, "EH100587", Updates.set("status", "delivered"),
                Updates.set("sentAt", Date.from(sent1)), Updates.set("deliveredAt",
                        Date.from(sent1)), Updates.set("optedOutAt", Date.from(sent1
                        .plusSeconds(600))), Updates.set("holds", List.of(
                        holdDoc("quiet_hours"), holdDoc("frequency_cap"),
                        holdDoc("quiet_hours"))));
        update(f, id, 1, "EH100611", Updates.set("status", "failed"),
                Updates.set("sentAt", Date.from(sent1)), Updates.set("reason", "carrier_30003"));
        update(f, id, 1, "EH100612", Updates.set("status", "suppressed"),
                Updates.set("reason", "opted_out"));

        f.clock.set(Instant.parse("2026-12-08T16:00:00Z"));
        plan(f, "EH100611");
        f.clock.set(Instant.parse("2026-12-09T16:00:00Z"));
        plan(f, "EH100612");
        parley.store().database().getCollection("assistance_applications").insertOne(
                new Document("_id", CLIENT + ":A-1").append("clientId", CLIENT)
                        .append("accountNumber", "EH100587")
                        .append("createdAt", Date.from(f.clock.instant())));

        f.runJobAt("2026-12-10T13:00:00Z");
        Instant sent2 = Instant.parse("2026-12-10T14:00:00Z");
        update(f, id, 2, "EH100234", Updates.set("status", "sent"),
                Updates.set("sentAt", Date.from(sent2)));
        update(f, id, 2, "EH100611", Updates.set("status", "delivered"),
                Updates.set("sentAt", Date.from(sent2)), Updates.set("deliveredAt",
                        Date.from(sent2)));
        update(f, id, 2, "EH100612", hold("assistance_pending"));

        f.clock.set(Instant.parse("2026-12-11T16:00:00Z"));
        pay(f, "pay-after", "EH100234", "100.00");
        return id;
    }

    private static void update(CampaignFixture f, String id, int step, String account,
                               Bson... changes) {
        f.sends().updateOne(Filters.eq("_id", "campaign:" + id + ":" + step + ":" + account),
                Updates.combine(changes));
    }

    private static Bson hold(String reason) {
        return Updates.push("holds", holdDoc(reason));
    }

    private static Document holdDoc(String reason) {
        return new Document("reason", reason).append("at", Date.from(Instant.parse(
                "2026-12-07T05:00:00Z"))).append("until", Date.from(Instant.parse(
                "2026-12-07T13:00:00Z")));
    }

    private static void pay(CampaignFixture f, String paymentId, String account, String amount) {
        f.parley.parley().payments().ledger().record(new ReportedPayment(CLIENT, paymentId,
                account, new BigDecimal(amount), f.clock.instant(), "card", Optional.of("1111"),
                PaymentSource.WEBHOOK, Optional.empty(), Optional.empty()));
    }

    private static void plan(CampaignFixture f, String account) {
        var services = f.parley.parley().services();
        PlanRules rules = services.settings().planRules(CLIENT).orElseThrow();
        var schedule = new PlanCalculator().schedule(new BigDecimal("60.00"), 2,
                Frequency.MONTHLY, LocalDate.parse("2027-01-04"), rules);
        services.plans().create(CLIENT, account, schedule, rules,
                new ShownTerms("2 payments of $30.00", "en", "webchat"),
                new Agreement("conv-" + account, "webchat", 9, "yes", f.clock.instant()),
                LocalDate.parse("2026-12-08"));
    }
}
