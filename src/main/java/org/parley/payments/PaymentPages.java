package org.parley.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.SettingsJson;
import org.parley.client.SettingsSection;
import org.parley.web.Json;

import java.util.List;
import java.util.Optional;

/**
 * Where each client's payment page is: a URL template with {@value PaymentLinks#TOKEN_PLACEHOLDER}
 * where the signed token goes, kept in the client's settings as
 * {@code {"pageTemplate": "https://pay.example.test/p/{token}"}}. The template must be https
 * (http only on this machine, for tests).
 */
public final class PaymentPages implements SettingsSection {

    static final String SECTION = "payments";
    private static final String TEMPLATE = "pageTemplate";

    private final ClientSettings settings;

    public PaymentPages(ClientSettings settings) {
        this.settings = settings;
    }

    /** The client's own payment page template, when it has set one. */
    public Optional<String> template(String clientId) {
        return settings.section(clientId, SECTION).map(d -> d.getString(TEMPLATE));
    }

    @Override
    public String name() {
        return SECTION;
    }

    @Override
    public Optional<JsonNode> show(Client client) {
        return template(client.id()).map(PaymentPages::write);
    }

    @Override
    public JsonNode replace(Client client, JsonNode body) {
        String template = SettingsJson.root(body, List.of(TEMPLATE)).urlTemplate(TEMPLATE,
                List.of(PaymentLinks.TOKEN_PLACEHOLDER), PaymentLinks.TOKEN_PLACEHOLDER,
                "https://pay.example.test/p/{token}");
        settings.save(client.id(), SECTION, new Document(TEMPLATE, template));
        return write(template);
    }

    private static ObjectNode write(String template) {
        return Json.MAPPER.createObjectNode().put(TEMPLATE, template);
    }
}
