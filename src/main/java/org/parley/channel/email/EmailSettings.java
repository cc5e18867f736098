package org.parley.channel.email;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.util.List;
import java.util.Optional;

/**
 * A client's email identity through the settings API at
 * {@code /api/clients/{id}/settings/email}: {@code {"address": "billing@example-health.test",
 * "brandColor": "#0b5394"}}. The address is the mailbox patients write to and Parley's mail
 * comes from; no two clients may share one, since inbound mail is routed by it.
 */
public final class EmailSettings implements SettingsSection {

    private static final String ADDRESS = "address";
    private static final String COLOR = "brandColor";
    private static final String DEFAULT_COLOR = "#0b5394";

    private final ClientSettings settings;
    private final ClientStore clients;

    public EmailSettings(ClientSettings settings, ClientStore clients) {
        this.settings = settings;
        this.clients = clients;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return ClientMail.of(settings, client.id()).map(EmailSettings::write);
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        SettingsJson json = SettingsJson.root(body, List.of(ADDRESS, COLOR));
        String address = json.text(ADDRESS, 254);
        String color = json.has(COLOR) ? json.text(COLOR, 7) : DEFAULT_COLOR;
        ClientMail mail;
        try {
            mail = new ClientMail(address, color);
        } catch (IllegalArgumentException e) {
            throw json.reject(e.getMessage().startsWith("A brand") ? COLOR : ADDRESS,
                    "is not valid: " + e.getMessage());
        }
        Optional<Client> holder = ClientMail.clientAt(clients, settings, mail.address());
        if (holder.isPresent() && !holder.get().id().equals(client.id())) {
            throw json.reject(ADDRESS, "is already client " + holder.get().id() + "'s mailbox; "
                    + "inbound mail is routed by it, so each client needs its own");
        }
        ClientMail.save(settings, client.id(), mail);
        return write(mail);
    }

    private static JsonNode write(ClientMail mail) {
        return Json.MAPPER.createObjectNode().put(ADDRESS, mail.address())
                .put(COLOR, mail.brandColor());
    }
}
