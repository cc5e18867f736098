package org.parley.financing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsRejected;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Each client's approved financing partners, kept in its settings as {@code financing} and
 * set through the settings API as
 * <pre>{@code {"partners": [{"name": "Example Patient Finance", "minAmount": "200.00",
 *   "maxAmount": "10000.00", "terms": {"en": "...", "es": "..."},
 *   "applyUrl": "https://apply.example.test/start?acct={account}&amt={amount}",
 *   "languages": ["en", "es"]}]}}</pre>
 * The terms must include the client's default language: that text is shown to a patient whose
 * language has none. An empty list means the client offers no financing.
 */
public final class FinancingPartners implements SettingsSection {

    static final String SECTION = "financing";
    private static final List<String> FIELDS = List.of("name", "minAmount", "maxAmount",
            "terms", "applyUrl", "languages");
    private static final int MAX_PARTNERS = 20;
    private static final int MAX_TERMS = 2000;

    private final ClientSettings settings;
    private final Set<String> languages;

    /**
     * @param languages the language tags Parley speaks, which terms and languages may name
     */
    public FinancingPartners(ClientSettings settings, Set<String> languages) {
        this.settings = settings;
        this.languages = new TreeSet<>(languages);
    }

    /** The client's partners, in the order it gave them; empty when it offers none. */
    public List<FinancingPartner> partners(String clientId) {
        return settings.section(clientId, SECTION).map(FinancingPartners::read)
                .orElse(List.of());
    }

    /** Replaces the client's partners, after the same checks as the settings API. */
    public void save(Client client, List<FinancingPartner> partners) {
        replace(client, write(partners));
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.section(client.id(), SECTION).map(FinancingPartners::read)
                .map(FinancingPartners::write);
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        List<FinancingPartner> partners = parse(client, body);
        settings.save(client.id(), SECTION, new Document("partners",
                partners.stream().map(FinancingPartners::document).toList()));
        return write(partners);
    }

    private List<FinancingPartner> parse(Client client, JsonNode body) {
        SettingsJson json = SettingsJson.root(body, List.of("partners"));
        String fallback = client.languages().isEmpty() ? "en" : client.languages().get(0);
        List<FinancingPartner> partners = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SettingsJson item : json.objects("partners", FIELDS, MAX_PARTNERS)) {
            String name = item.text("name", 80);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                throw item.reject("name", "repeats \"" + name + "\"; give each partner once, "
                        + "with a name of its own");
            }
            BigDecimal min = item.money("minAmount", true);
            BigDecimal max = item.money("maxAmount", false);
            if (max.compareTo(min) < 0) {
                throw item.reject("maxAmount", "must be at least minAmount ("
                        + min.toPlainString() + "); got " + max.toPlainString());
            }
            Map<String, String> terms = terms(item, fallback);
            String applyUrl = item.urlTemplate("applyUrl",
                    List.of(FinancingPartner.ACCOUNT, FinancingPartner.AMOUNT), "",
                    "https://apply.example.test/start?acct={account}&amt={amount}");
            partners.add(new FinancingPartner(name, min, max, terms, applyUrl,
                    applicationLanguages(item)));
        }
        return partners;
    }

    private Map<String, String> terms(SettingsJson item, String fallback) {
        Map<String, String> terms = new TreeMap<>();
        for (String[] pair : item.textMap("terms", MAX_TERMS)) {
            if (!languages.contains(pair[0])) {
                throw new SettingsRejected(item.field("terms") + "." + pair[0], "is not a "
                        + "language Parley speaks; use one of " + languages);
            }
            terms.put(pair[0], pair[1]);
        }
        if (!terms.containsKey(fallback)) {
            throw item.reject("terms", "needs the text in " + fallback + ", the client's default "
                    + "language, which is shown when the patient's language has none");
        }
        return terms;
    }

    private List<String> applicationLanguages(SettingsJson item) {
        List<String> tags = item.texts("languages", languages.size());
        if (tags.isEmpty()) {
            throw item.reject("languages", "is empty; list the languages the partner's "
                    + "application is offered in, such as [\"en\"]");
        }
        for (int i = 0; i < tags.size(); i++) {
            if (!languages.contains(tags.get(i))) {
                throw new SettingsRejected(item.field("languages") + "[" + i + "]", "is \""
                        + tags.get(i) + "\", not a language Parley speaks; use one of "
                        + languages);
            }
        }
        return List.copyOf(new java.util.LinkedHashSet<>(tags));
    }

    private static Document document(FinancingPartner p) {
        return new Document("name", p.name())
                .append("minAmount", new Decimal128(p.minAmount()))
                .append("maxAmount", new Decimal128(p.maxAmount()))
                .append("terms", new Document(new LinkedHashMap<>(new TreeMap<>(p.terms()))))
                .append("applyUrl", p.applyUrl())
                .append("languages", p.languages());
    }

    private static List<FinancingPartner> read(Document section) {
        return section.getList("partners", Document.class).stream().map(d -> {
            Map<String, String> terms = new TreeMap<>();
            d.get("terms", Document.class).forEach((k, v) -> terms.put(k, (String) v));
            return new FinancingPartner(d.getString("name"),
                    d.get("minAmount", Decimal128.class).bigDecimalValue(),
                    d.get("maxAmount", Decimal128.class).bigDecimalValue(), terms,
                    d.getString("applyUrl"), d.getList("languages", String.class));
        }).toList();
    }

    private static ObjectNode write(List<FinancingPartner> partners) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode list = out.putArray("partners");
        for (FinancingPartner p : partners) {
            ObjectNode item = list.addObject().put("name", p.name())
                    .put("minAmount", p.minAmount().toPlainString())
                    .put("maxAmount", p.maxAmount().toPlainString());
            ObjectNode terms = item.putObject("terms");
            new TreeMap<>(p.terms()).forEach(terms::put);
            item.put("applyUrl", p.applyUrl());
            ArrayNode tags = item.putArray("languages");
            p.languages().forEach(tags::add);
        }
        return out;
    }
}
