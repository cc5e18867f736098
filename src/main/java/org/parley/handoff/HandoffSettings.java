package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsRejected;
import org.parley.web.Json;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client's {@code handoff} settings in the settings API:
 * <pre>{@code {"hours": {"monday": ["08:00-18:00"], "saturday": ["09:00-13:00"]},
 *  "minutesPerConversation": 4, "waitMessages": {"en": "You can also call us."}}}</pre>
 * Hours are in the client's time zone; a day left out is closed. Without these settings people
 * answer at every hour and a conversation counts five minutes.
 */
public final class HandoffSettings implements org.parley.client.SettingsSection {

    static final String SECTION = "handoff";
    private static final List<String> FIELDS = List.of("hours", "minutesPerConversation",
            "waitMessages");
    private static final List<String> DAYS = Arrays.stream(DayOfWeek.values())
            .map(d -> d.name().toLowerCase(Locale.ROOT)).toList();
    private static final Pattern WINDOW =
            Pattern.compile("([0-9]{2}:[0-9]{2})-([0-9]{2}:[0-9]{2})");
    private static final int MAX_WINDOWS = 4;
    private static final int MAX_MESSAGE = 300;

    private final ClientSettings settings;
    private final Set<String> languages;

    /** @param languages the languages Parley speaks: wait messages in others are refused */
    public HandoffSettings(ClientSettings settings, Set<String> languages) {
        this.settings = settings;
        this.languages = Set.copyOf(languages);
    }

    @Override
    public String name() {
        return SECTION;
    }

    /** The client's rules, or {@link HandoffRules#DEFAULT} when it set none. */
    public HandoffRules rules(String clientId) {
        return settings.section(clientId, SECTION).map(HandoffSettings::fromDocument)
                .orElse(HandoffRules.DEFAULT);
    }

    /** Replaces the client's rules. */
    public void save(String clientId, HandoffRules rules) {
        settings.save(clientId, SECTION, toDocument(rules));
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.section(client.id(), SECTION).map(HandoffSettings::fromDocument)
                .map(HandoffSettings::write);
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        HandoffRules rules = read(body);
        save(client.id(), rules);
        return write(rules);
    }

    HandoffRules read(JsonNode body) {
        SettingsJson json = SettingsJson.root(body, FIELDS);
        Map<DayOfWeek, List<BusinessHours.Window>> days = new EnumMap<>(DayOfWeek.class);
        if (json.has("hours")) {
            SettingsJson hours = json.object("hours", DAYS);
            for (DayOfWeek day : DayOfWeek.values()) {
                String name = day.name().toLowerCase(Locale.ROOT);
                if (hours.has(name)) {
                    days.put(day, windows(hours, name));
                }
            }
            if (days.values().stream().allMatch(List::isEmpty)) {
                throw json.reject("hours", "opens on no day, so nobody would ever answer; give "
                        + "at least one day such as {\"monday\": [\"08:00-18:00\"]}, or leave "
                        + "hours out for every hour of every day");
            }
        } else {
            days.putAll(BusinessHours.ALWAYS.days());
        }
        int minutes = json.has("minutesPerConversation")
                ? json.integer("minutesPerConversation", 1, 240) : 5;
        Map<String, String> messages = new LinkedHashMap<>();
        if (json.has("waitMessages")) {
            for (String[] pair : json.textMap("waitMessages", MAX_MESSAGE)) {
                if (!languages.contains(pair[0])) {
                    throw json.reject("waitMessages", "has a message in '" + pair[0] + "', a "
                            + "language Parley does not speak; use one of " + languages);
                }
                messages.put(pair[0], pair[1]);
            }
        }
        return new HandoffRules(new BusinessHours(days), minutes, messages);
    }

    private static List<BusinessHours.Window> windows(SettingsJson hours, String day) {
        List<String> texts = hours.texts(day, MAX_WINDOWS);
        List<BusinessHours.Window> windows = new java.util.ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String at = hours.field(day) + "[" + i + "]";
            Matcher m = WINDOW.matcher(texts.get(i));
            try {
                if (!m.matches()) {
                    throw new IllegalArgumentException("not a window");
                }
                windows.add(new BusinessHours.Window(time(m.group(1)), time(m.group(2))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new SettingsRejected(at, "must be a window of 24-hour times such as "
                        + "\"08:00-18:00\" (end after start, \"24:00\" for midnight); got \""
                        + texts.get(i) + "\"");
            }
        }
        overlapping(windows).ifPresent(pair -> {
            throw new SettingsRejected(hours.field(day), "has windows that overlap, " + pair
                    + "; make them one window, or end one before the other starts");
        });
        return windows;
    }

    /** Two of a day's windows that share a minute, as {@code "08:00-12:00" and ...}. */
    private static java.util.Optional<String> overlapping(List<BusinessHours.Window> windows) {
        for (int i = 0; i < windows.size(); i++) {
            for (int j = i + 1; j < windows.size(); j++) {
                BusinessHours.Window a = windows.get(i);
                BusinessHours.Window b = windows.get(j);
                if (before(a.start(), end(b)) && before(b.start(), end(a))) {
                    return java.util.Optional.of("\"" + a + "\" and \"" + b + "\"");
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static int end(BusinessHours.Window w) {
        return w.end().equals(java.time.LocalTime.MIDNIGHT) ? 24 * 60
                : w.end().toSecondOfDay() / 60;
    }

    private static boolean before(java.time.LocalTime start, int endMinute) {
        return start.toSecondOfDay() / 60 < endMinute;
    }

    private static LocalTime time(String text) {
        return text.equals("24:00") ? LocalTime.MIDNIGHT : LocalTime.parse(text);
    }

    static ObjectNode write(HandoffRules rules) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode hours = out.putObject("hours");
        for (DayOfWeek day : DayOfWeek.values()) {
            List<BusinessHours.Window> windows = rules.hours().days().get(day);
            if (windows != null) {
                var array = hours.putArray(day.name().toLowerCase(Locale.ROOT));
                windows.forEach(w -> array.add(w.toString()));
            }
        }
        out.put("minutesPerConversation", rules.minutesPerConversation());
        ObjectNode messages = out.putObject("waitMessages");
        new java.util.TreeMap<>(rules.waitMessages()).forEach(messages::put);
        return out;
    }

    static Document toDocument(HandoffRules rules) {
        Document hours = new Document();
        rules.hours().days().forEach((day, windows) -> hours.append(day.name(),
                windows.stream().map(BusinessHours.Window::toString).toList()));
        return new Document("hours", hours)
                .append("minutesPerConversation", rules.minutesPerConversation())
                .append("waitMessages", new Document(new LinkedHashMap<>(rules.waitMessages())));
    }

    static HandoffRules fromDocument(Document d) {
        Map<DayOfWeek, List<BusinessHours.Window>> days = new EnumMap<>(DayOfWeek.class);
        Document hours = d.get("hours", Document.class);
        hours.forEach((day, windows) -> days.put(DayOfWeek.valueOf(day),
                ((List<?>) windows).stream().map(w -> {
                    Matcher m = WINDOW.matcher(w.toString());
                    if (!m.matches()) {
                        throw new IllegalStateException("Stored handoff hours of " + day
                                + " are not windows: " + windows);
                    }
                    return new BusinessHours.Window(time(m.group(1)), time(m.group(2)));
                }).toList()));
        Map<String, String> messages = new LinkedHashMap<>();
        d.get("waitMessages", new Document()).forEach((k, v) -> messages.put(k, v.toString()));
        return new HandoffRules(new BusinessHours(days), d.getInteger("minutesPerConversation", 5),
                messages);
    }
}
