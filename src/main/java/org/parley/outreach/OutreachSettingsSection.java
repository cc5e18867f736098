package org.parley.outreach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client's outreach settings: in the settings API at {@code /api/clients/{id}/settings/outreach}
 * and stored in the client's settings document as {@code outreach}. A body is checked whole;
 * every wrong field is named and nothing is stored from a refused body.
 */
public final class OutreachSettingsSection implements SettingsSection {

    static final String SECTION = "outreach";
    private static final int MAX_DUE_DAYS = 30;
    private static final int MAX_CAP_DAYS = 90;
    private static final int MAX_CAP = 100;
    private static final int MAX_PER_SECOND = 100;

    private final ClientSettings settings;

    public OutreachSettingsSection(ClientSettings settings) {
        this.settings = settings;
    }

    /** The client's settings, or the defaults when it never set any. */
    public OutreachSettings get(String clientId) {
        return settings.section(clientId, SECTION).map(OutreachSettingsSection::read)
                .orElseGet(OutreachSettings::defaults);
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.section(client.id(), SECTION).map(d -> json(read(d)));
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        OutreachSettings parsed = parse(body);
        settings.save(client.id(), SECTION, write(parsed));
        return json(parsed);
    }

    /** The settings as the API shows them. */
    static JsonNode json(OutreachSettings s) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode alerts = out.putObject("alerts");
        OutreachSettings.ALERTS.forEach(a -> alerts.put(a, s.on(a)));
        out.put("dueDays", s.dueDays());
        ObjectNode caps = out.putObject("caps");
        s.caps().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                caps.putObject(e.getKey()).put("perDays", e.getValue().perDays())
                        .put("max", e.getValue().max()));
        out.putPOJO("channels", s.channels());
        out.putObject("throughput").put("perSecond", s.perSecond());
        return out;
    }

    /**
     * Reads a body; fields left out take their defaults.
     *
     * @throws OutreachSettingsRejected naming every wrong field
     */
    static OutreachSettings parse(JsonNode body) {
        List<OutreachSettingsRejected.Problem> problems = new ArrayList<>();
        OutreachSettings d = OutreachSettings.defaults();
        if (body == null || !body.isObject()) {
            throw new OutreachSettingsRejected(List.of(new OutreachSettingsRejected.Problem(
                    "body", body == null ? "" : body.getNodeType().name().toLowerCase(),
                    "a JSON object such as {\"alerts\": {\"balance_imported\": true}}")));
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!List.of("alerts", "dueDays", "caps", "channels", "throughput").contains(field)) {
                problems.add(unknown(field, "only alerts, dueDays, caps, channels and throughput"));
            }
        }

        Map<String, Boolean> alerts = new LinkedHashMap<>();
        JsonNode a = body.path("alerts");
        if (!a.isMissingNode() && !a.isObject()) {
            problems.add(problem("alerts", a, "an object of alert names to true or false"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!OutreachSettings.ALERTS.contains(e.getKey())) {
                problems.add(unknown("alerts." + e.getKey(), "one of "
                        + String.join(", ", OutreachSettings.ALERTS)));
            } else if (!e.getValue().isBoolean()) {
                problems.add(problem("alerts." + e.getKey(), e.getValue(), "true or false"));
            } else {
                alerts.put(e.getKey(), e.getValue().booleanValue());
            }
        }

        int dueDays = number(body.path("dueDays"), "dueDays", d.dueDays(), 1, MAX_DUE_DAYS,
                problems);

        Map<String, OutreachSettings.Cap> caps = new LinkedHashMap<>(d.caps());
        JsonNode c = body.path("caps");
        if (!c.isMissingNode() && !c.isObject()) {
            problems.add(problem("caps", c, "an object such as {\"sms\": {\"perDays\": 7, "
                    + "\"max\": 3}}"));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = "caps." + e.getKey();
            if (!OutreachSettings.CHANNELS.contains(e.getKey())) {
                problems.add(unknown(at, "sms or email"));
            } else if (!e.getValue().isObject()) {
                problems.add(problem(at, e.getValue(), "an object with perDays and max"));
            } else {
                int days = number(e.getValue().path("perDays"), at + ".perDays", -1, 1,
                        MAX_CAP_DAYS, problems);
                int max = number(e.getValue().path("max"), at + ".max", -1, 1, MAX_CAP,
                        problems);
                caps.put(e.getKey(), new OutreachSettings.Cap(days, max));
            }
        }

        List<String> channels = new ArrayList<>();
        JsonNode ch = body.path("channels");
        if (ch.isMissingNode()) {
            channels.addAll(d.channels());
        } else if (!ch.isArray() || ch.isEmpty()) {
            problems.add(problem("channels", ch, "a list such as [\"sms\", \"email\"]"));
        } else {
            for (int i = 0; i < ch.size(); i++) {
                String name = ch.get(i).asText("");
                if (!ch.get(i).isTextual() || !OutreachSettings.CHANNELS.contains(name)
                        || channels.contains(name)) {
                    problems.add(problem("channels[" + i + "]", ch.get(i),
                            "sms or email, each once"));
                } else {
                    channels.add(name);
                }
            }
        }

        JsonNode t = body.path("throughput");
        if (!t.isMissingNode() && !t.isObject()) {
            problems.add(problem("throughput", t, "an object such as {\"perSecond\": 1}"));
        }
        int perSecond = number(t.path("perSecond"), "throughput.perSecond", d.perSecond(), 1,
                MAX_PER_SECOND, problems);

        if (!problems.isEmpty()) {
            throw new OutreachSettingsRejected(problems);
        }
        return new OutreachSettings(alerts, dueDays, caps, channels, perSecond);
    }

    private static int number(JsonNode node, String field, int missing, int min, int max,
                              List<OutreachSettingsRejected.Problem> problems) {
        if (node.isMissingNode() && missing >= 0) {
            return missing;
        }
        if (node.isMissingNode()) {
            problems.add(new OutreachSettingsRejected.Problem(field, "",
                    "a whole number from " + min + " to " + max));
            return min;
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problems.add(problem(field, node, "a whole number from " + min + " to " + max));
            return min;
        }
        return node.asInt();
    }

    private static OutreachSettingsRejected.Problem unknown(String field, String expected) {
        return new OutreachSettingsRejected.Problem(field, OutreachSettingsRejected.Problem.UNKNOWN,
                expected);
    }

    private static OutreachSettingsRejected.Problem problem(String field, JsonNode value,
                                                            String expected) {
        return new OutreachSettingsRejected.Problem(field, value.toString(), expected);
    }

    static Document write(OutreachSettings s) {
        Document caps = new Document();
        s.caps().forEach((ch, cap) -> caps.append(ch, new Document("perDays", cap.perDays())
                .append("max", cap.max())));
        return new Document("alerts", new Document(new LinkedHashMap<>(s.alerts())))
                .append("dueDays", s.dueDays())
                .append("caps", caps)
                .append("channels", s.channels())
                .append("perSecond", s.perSecond());
    }

    static OutreachSettings read(Document d) {
        Map<String, Boolean> alerts = new LinkedHashMap<>();
        d.get("alerts", new Document()).forEach((k, v) -> alerts.put(k, (Boolean) v));
        Map<String, OutreachSettings.Cap> caps = new LinkedHashMap<>();
        d.get("caps", new Document()).forEach((k, v) -> {
            Document cap = (Document) v;
            caps.put(k, new OutreachSettings.Cap(cap.getInteger("perDays"),
                    cap.getInteger("max")));
        });
        return new OutreachSettings(alerts, d.getInteger("dueDays"), caps,
                d.getList("channels", String.class), d.getInteger("perSecond"));
    }
}
