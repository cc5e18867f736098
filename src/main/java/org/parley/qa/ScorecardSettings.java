package org.parley.qa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A client's QA scorecard in the settings API, {@code /api/clients/{id}/settings/qa-scorecard}:
 * <pre>{@code {"items": [{"id": "verified-before-balance", "label": "Identity verified before
 *  any balance", "weight": 3, "critical": true}], "samplePercent": 10,
 *  "agentReplyTargetSeconds": 120, "endedAfterMinutes": 1440}}</pre>
 * Only {@code items} is required; the others default as in {@link QaSettings#DEFAULT}. A client
 * that never set one is shown (and scored with) the default.
 */
public final class ScorecardSettings implements SettingsSection {

    static final List<String> FIELDS = List.of("items", "samplePercent",
            "agentReplyTargetSeconds", "endedAfterMinutes");
    static final List<String> ITEM_FIELDS = List.of("id", "label", "weight", "critical");
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final int MAX_ITEMS = 40;

    private final ClientSettings settings;

    public ScorecardSettings(ClientSettings settings) {
        this.settings = settings;
    }

    @Override
    public String name() {
        return QaSettings.SECTION;
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return Optional.of(write(QaSettings.of(settings, client.id())));
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        QaSettings read = read(body);
        settings.save(client.id(), QaSettings.SECTION, read.write());
        return write(read);
    }

    static QaSettings read(JsonNode body) {
        SettingsJson json = SettingsJson.root(body, FIELDS);
        List<SettingsJson> objects = json.objects("items", ITEM_FIELDS, MAX_ITEMS);
        if (objects.isEmpty()) {
            throw json.reject("items", "is empty; send at least one, such as [{\"id\": "
                    + "\"verified-before-balance\", \"label\": \"Identity verified before any "
                    + "balance\", \"weight\": 3, \"critical\": true}]");
        }
        List<QaSettings.Item> items = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < objects.size(); i++) {
            SettingsJson item = objects.get(i);
            String id = item.text("id", 60);
            if (!ID.matcher(id).matches()) {
                throw item.reject("id", "must be lower-case letters and digits joined by "
                        + "dashes, such as \"opt-out-honoured\"; got \"" + id + "\"");
            }
            if (!ids.add(id)) {
                throw item.reject("id", "repeats \"" + id + "\"; give each item its own id");
            }
            boolean critical = false;
            if (item.has("critical")) {
                JsonNode flag = body.get("items").get(i).get("critical");
                if (!flag.isBoolean()) {
                    throw item.reject("critical", "must be true or false; got " + flag);
                }
                critical = flag.asBoolean();
            }
            items.add(new QaSettings.Item(id, item.text("label", 200),
                    item.integer("weight", 1, 100), critical));
        }
        QaSettings d = QaSettings.DEFAULT;
        return new QaSettings(items,
                json.has("samplePercent") ? json.integer("samplePercent", 0, 100)
                        : d.samplePercent(),
                json.has("agentReplyTargetSeconds")
                        ? Duration.ofSeconds(json.integer("agentReplyTargetSeconds", 1, 86_400))
                        : d.agentReplyTarget(),
                json.has("endedAfterMinutes")
                        ? Duration.ofMinutes(json.integer("endedAfterMinutes", 5, 43_200))
                        : d.endedAfter());
    }

    static ObjectNode write(QaSettings s) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode items = out.putArray("items");
        s.items().forEach(i -> items.addObject().put("id", i.id()).put("label", i.label())
                .put("weight", i.weight()).put("critical", i.critical()));
        out.put("samplePercent", s.samplePercent());
        out.put("agentReplyTargetSeconds", s.agentReplyTarget().toSeconds());
        out.put("endedAfterMinutes", s.endedAfter().toMinutes());
        return out;
    }
}
