package org.parley.assistance;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.client.Client;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A client's assistance programs in the settings API, at
 * {@code /api/clients/{id}/settings/assistance}: checked whole by {@link SettingsCodec}, which
 * names every wrong field; nothing is saved from a refused body.
 */
final class AssistanceSettingsSection implements SettingsSection {

    private final AssistanceSettingsStore settings;
    private final Supplier<Set<String>> languages;

    AssistanceSettingsSection(AssistanceSettingsStore settings, Supplier<Set<String>> languages) {
        this.settings = settings;
        this.languages = languages;
    }

    @Override
    public String name() {
        return AssistanceSettingsStore.SECTION;
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return settings.find(client.id()).map(s -> Json.MAPPER.valueToTree(SettingsCodec.json(s)));
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        settings.save(client.id(), SettingsParser.parse(body, languages.get()));
        return show(client).orElseThrow();
    }
}
