package org.parley.client;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * One feature's part of a client's settings as the settings API shows and takes it, at
 * {@code /api/clients/{id}/settings/{name}}. The feature owns the shape and the checks.
 */
public interface SettingsSection {

    /** The last segment of the route, such as {@code plans}. */
    String name();

    /** The client's settings of this section as JSON; empty when they were never set. */
    Optional<JsonNode> show(Client client);

    /**
     * Checks {@code body} whole and only then replaces the stored section with it.
     *
     * @return what {@link #show} now returns
     * @throws SettingsRejected naming the first field that is wrong; nothing was stored
     */
    JsonNode replace(Client client, JsonNode body);
}
