package org.parley.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.plans.Frequency;
import org.parley.plans.PlanRules;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's payment plan rules in the settings API, as JSON with money in strings:
 * <pre>{@code {"minimumInstallment": "25.00", "tiers": [{"upTo": "500.00", "maxMonths": 6}],
 *  "downPayment": {"percent": "10", "minimum": "50.00"}, "frequencies": ["MONTHLY"],
 *  "firstPaymentWithinDays": 30, "graceDays": 10, "missesToBreak": 2, "remainder": "LAST",
 *  "skipsAllowed": 0}}</pre>
 * Only {@code minimumInstallment} and {@code tiers} are required; a field left out takes the
 * default of {@link PlanRules#builder}.
 */
public final class PlanSettings implements SettingsSection {

    static final List<String> FIELDS = List.of("minimumInstallment", "tiers", "downPayment",
            "frequencies", "firstPaymentWithinDays", "graceDays", "missesToBreak", "remainder",
            "skipsAllowed");
    private static final int MAX_TIERS = 20;

    private final ClientSettings settings;

    public PlanSettings(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return "plans";
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.planRules(client.id()).map(PlanSettings::write);
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        PlanRules rules = read(body);
        settings.savePlanRules(client.id(), rules);
        return write(rules);
    }

    static PlanRules read(JsonNode body) {
        SettingsJson json = SettingsJson.root(body, FIELDS);
        BigDecimal minimum = json.money("minimumInstallment", false);
        PlanRules.Builder rules = PlanRules.builder(minimum, tiers(json));
        if (json.has("downPayment")) {
            SettingsJson down = json.object("downPayment", List.of("percent", "minimum"));
            BigDecimal percent = down.decimal("percent", "\"10\" or \"12.5\"");
            if (percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
                throw down.reject("percent", "must be below 100, such as \"10\"; got "
                        + percent.toPlainString());
            }
            rules.downPayment(new PlanRules.DownPayment(percent, down.money("minimum", true)));
        }
        if (json.has("frequencies")) {
            rules.frequencies(frequencies(json));
        }
        if (json.has("firstPaymentWithinDays")) {
            rules.firstPaymentWithinDays(json.integer("firstPaymentWithinDays", 0, 365));
        }
        if (json.has("graceDays")) {
            rules.graceDays(json.integer("graceDays", 0, 90));
        }
        if (json.has("missesToBreak")) {
            rules.missesToBreak(json.integer("missesToBreak", 1, 12));
        }
        if (json.has("remainder")) {
            rules.remainder(json.oneOf("remainder", PlanRules.Remainder.class));
        }
        if (json.has("skipsAllowed")) {
            rules.skipsAllowed(json.integer("skipsAllowed", 0, 12));
        }
        PlanRules built;
        try {
            built = rules.build();
        } catch (IllegalArgumentException e) {
            // A rule of the plans themselves that the checks above do not know yet.
            throw new SettingsRejected("body", "is not a valid set of plan rules: "
                    + e.getMessage());
        }
        return reachable(json, built);
    }

    /**
     * Refuses rules under which no balance could ever get a plan: even the highest balance of
     * the highest tier, less its down payment, cannot be split into two installments of the
     * minimum. (Financed amounts only grow with the balance, so the highest one decides.)
     */
    private static PlanRules reachable(SettingsJson json, PlanRules rules) {
        BigDecimal limit = rules.tiers().getLast().upTo();
        BigDecimal down = rules.downPayment().amount(limit);
        BigDecimal financed = limit.subtract(down);
        BigDecimal most = financed.divide(BigDecimal.TWO, 2, java.math.RoundingMode.DOWN);
        if (rules.minimumInstallment().compareTo(most) <= 0) {
            return rules;
        }
        String after = down.signum() > 0 ? " after its down payment of " + down.toPlainString()
                + " (" + financed.toPlainString() + " financed)" : "";
        throw json.reject("minimumInstallment", "is " + rules.minimumInstallment()
                .toPlainString() + ", so no balance could get a plan: even the highest, "
                + limit.toPlainString() + " (the upTo of the last tier)" + after + ", cannot be "
                + "split into two payments of at least that. Send a minimumInstallment of at "
                + "most " + most.toPlainString() + ", or raise the upTo of the last tier");
    }

    private static List<PlanRules.Tier> tiers(SettingsJson json) {
        List<SettingsJson> items = json.objects("tiers", List.of("upTo", "maxMonths"), MAX_TIERS);
        if (items.isEmpty()) {
            throw json.reject("tiers", "is empty; send at least one, such as "
                    + "[{\"upTo\": \"5000.00\", \"maxMonths\": 12}]");
        }
        List<PlanRules.Tier> tiers = new ArrayList<>();
        for (SettingsJson item : items) {
            BigDecimal upTo = item.money("upTo", false);
            if (!tiers.isEmpty() && upTo.compareTo(tiers.get(tiers.size() - 1).upTo()) <= 0) {
                throw item.reject("upTo", "must be higher than the tier before it ("
                        + tiers.get(tiers.size() - 1).upTo().toPlainString() + "); send the "
                        + "tiers sorted by upTo, lowest first");
            }
            tiers.add(new PlanRules.Tier(upTo, item.integer("maxMonths", 1, 120)));
        }
        return tiers;
    }

    private static Frequency[] frequencies(SettingsJson json) {
        List<String> names = json.texts("frequencies", 10);
        List<String> known = SettingsJson.names(Frequency.class);
        if (names.isEmpty()) {
            throw json.reject("frequencies", "is empty; send at least one of " + known);
        }
        Set<Frequency> chosen = EnumSet.noneOf(Frequency.class);
        for (int i = 0; i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                throw new SettingsRejected(json.field("frequencies") + "[" + i + "]", "must be "
                        + "one of " + known + "; got \"" + names.get(i) + "\"");
            }
            if (!chosen.add(Frequency.valueOf(names.get(i)))) {
                throw new SettingsRejected(json.field("frequencies") + "[" + i + "]", "repeats "
                        + names.get(i) + "; send each frequency once");
            }
        }
        return chosen.toArray(Frequency[]::new);
    }

    static ObjectNode write(PlanRules rules) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("minimumInstallment", rules.minimumInstallment().toPlainString());
        ArrayNode tiers = out.putArray("tiers");
        rules.tiers().forEach(t -> tiers.addObject().put("upTo", t.upTo().toPlainString())
                .put("maxMonths", t.maxMonths()));
        out.putObject("downPayment")
                .put("percent", rules.downPayment().percent().toPlainString())
                .put("minimum", rules.downPayment().minimum().toPlainString());
        ArrayNode frequencies = out.putArray("frequencies");
        rules.frequencies().stream().sorted().map(Enum::name).forEach(frequencies::add);
        out.put("firstPaymentWithinDays", rules.firstPaymentWithinDays());
        out.put("graceDays", rules.graceDays());
        out.put("missesToBreak", rules.missesToBreak());
        out.put("remainder", rules.remainder().name());
        out.put("skipsAllowed", rules.skipsAllowed());
        return out;
    }
}
