package org.parley.assistance;

import org.parley.client.ClientSettings;

/** A client's assistance settings, kept in the {@code assistance} section of its settings. */
public final class AssistanceSettingsStore {

    static final String SECTION = "assistance";

    private final ClientSettings settings;

    public AssistanceSettingsStore(ClientSettings settings) {
        this.settings = settings;
    }

    /** The client's settings as stored; empty when they were never set. */
    public java.util.Optional<AssistanceSettings> find(String clientId) {
        return settings.section(clientId, SECTION).map(SettingsCodec::read);
    }

    /** The client's settings, or no programs with the default behaviour when it has none. */
    public AssistanceSettings get(String clientId) {
        return settings.section(clientId, SECTION).map(SettingsCodec::read)
                .orElseGet(AssistanceSettings::none);
    }

    /** Replaces the client's settings; applications keep the program they were made under. */
    public void save(String clientId, AssistanceSettings assistance) {
        settings.save(clientId, SECTION, SettingsCodec.write(assistance));
    }
}
