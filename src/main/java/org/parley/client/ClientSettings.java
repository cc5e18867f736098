package org.parley.client;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.plans.Frequency;
import org.parley.plans.PlanRules;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Each client's own rules, one document per client in {@code client_settings}, one field per
 * feature: {@code plans} holds its payment plan rules. Money is {@link Decimal128}.
 */
public final class ClientSettings {

    private final MongoCollection<Document> settings;

    public ClientSettings(MongoDatabase db) {
        this.settings = db.getCollection("client_settings");
    }

    /** The client's payment plan rules; empty when it offers no plans through Parley. */
    public Optional<PlanRules> planRules(String clientId) {
        return section(clientId, "plans").map(ClientSettings::readPlans);
    }

    /** Replaces the client's plan rules; plans already agreed keep the rules they were made on. */
    public void savePlanRules(String clientId, PlanRules rules) {
        save(clientId, "plans", writePlans(rules));
    }

    /** One feature's settings of one client, as stored. */
    public Optional<Document> section(String clientId, String name) {
        Document doc = settings.find(Filters.eq("_id", clientId)).first();
        return Optional.ofNullable(doc).map(d -> d.get(name, Document.class));
    }

    /** Replaces one feature's settings of one client, leaving the others as they are. */
    public void save(String clientId, String name, Document section) {
        settings.updateOne(Filters.eq("_id", clientId), Updates.set(name, section),
                new UpdateOptions().upsert(true));
    }

    static Document writePlans(PlanRules r) {
        return new Document("minimumInstallment", new Decimal128(r.minimumInstallment()))
                .append("tiers", r.tiers().stream().map(t -> new Document("upTo",
                        new Decimal128(t.upTo())).append("maxMonths", t.maxMonths())).toList())
                .append("downPayment", new Document("percent",
                        new Decimal128(r.downPayment().percent()))
                        .append("minimum", new Decimal128(r.downPayment().minimum())))
                .append("frequencies", r.frequencies().stream().map(Enum::name).sorted().toList())
                .append("firstPaymentWithinDays", r.firstPaymentWithinDays())
                .append("graceDays", r.graceDays())
                .append("missesToBreak", r.missesToBreak())
                .append("remainder", r.remainder().name())
                .append("skipsAllowed", r.skipsAllowed());
    }

    static PlanRules readPlans(Document d) {
        List<PlanRules.Tier> tiers = d.getList("tiers", Document.class).stream()
                .map(t -> new PlanRules.Tier(money(t, "upTo"), t.getInteger("maxMonths")))
                .toList();
        Document down = d.get("downPayment", Document.class);
        Set<Frequency> frequencies = d.getList("frequencies", String.class).stream()
                .map(Frequency::valueOf).collect(Collectors.toSet());
        return new PlanRules(money(d, "minimumInstallment"), tiers,
                new PlanRules.DownPayment(money(down, "percent"), money(down, "minimum")),
                frequencies, d.getInteger("firstPaymentWithinDays"), d.getInteger("graceDays"),
                d.getInteger("missesToBreak"),
                PlanRules.Remainder.valueOf(d.getString("remainder")),
                d.getInteger("skipsAllowed"));
    }

    private static BigDecimal money(Document d, String field) {
        return d.get(field, Decimal128.class).bigDecimalValue();
    }
}
