package org.parley.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A client's canned replies for agents, in the settings API at
 * {@code /api/clients/{id}/settings/canned-replies}:
 * <pre>{@code {"replies": [{"language": "en", "title": "Greeting",
 *   "text": "Hi, this is the billing team. How can I help?"}]}}</pre>
 * The console offers an agent the replies in the language of the conversation in hand.
 */
public final class CannedReplies implements SettingsSection {

    static final String SECTION = "canned-replies";
    private static final int MAX_REPLIES = 200;
    private static final int MAX_TITLE = 60;
    private static final int MAX_TEXT = 1000;

    /** One canned reply. */
    public record Reply(String language, String title, String text) {
    }

    private final ClientSettings settings;
    private final Set<String> languages;

    /** @param languages the languages Parley speaks: replies in others are refused */
    public CannedReplies(ClientSettings settings, Set<String> languages) {
        this.settings = settings;
        this.languages = Set.copyOf(languages);
    }

    @Override
    public String name() {
        return SECTION;
    }

    /** The client's replies in {@code language}, in the order they were set. */
    public List<Reply> of(String clientId, String language) {
        return all(clientId).stream().filter(r -> r.language().equals(language)).toList();
    }

    /** Replaces the client's replies. */
    public void save(String clientId, List<Reply> replies) {
        settings.save(clientId, SECTION, new Document("replies", replies.stream()
                .map(r -> new Document("language", r.language()).append("title", r.title())
                        .append("text", r.text())).toList()));
    }

    private List<Reply> all(String clientId) {
        return settings.section(clientId, SECTION)
                .map(d -> d.getList("replies", Document.class).stream()
                        .map(r -> new Reply(r.getString("language"), r.getString("title"),
                                r.getString("text"))).toList())
                .orElse(List.of());
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.section(client.id(), SECTION).map(d -> write(all(client.id())));
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        SettingsJson json = SettingsJson.root(body, List.of("replies"));
        List<Reply> replies = new ArrayList<>();
        for (SettingsJson item : json.objects("replies", List.of("language", "title", "text"),
                MAX_REPLIES)) {
            String language = item.text("language", 10);
            if (!languages.contains(language)) {
                throw item.reject("language", "must be one of the languages Parley speaks, "
                        + new java.util.TreeSet<>(languages) + "; got \"" + language + "\"");
            }
            replies.add(new Reply(language, item.text("title", MAX_TITLE),
                    item.text("text", MAX_TEXT)));
        }
        save(client.id(), replies);
        return write(replies);
    }

    private static ObjectNode write(List<Reply> replies) {
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode array = out.putArray("replies");
        replies.forEach(r -> array.addObject().put("language", r.language())
                .put("title", r.title()).put("text", r.text()));
        return out;
    }
}
