package org.parley.channel.email;

import org.bson.Document;
import org.parley.client.Client;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's email identity, kept in its settings under {@code email}: the mailbox patients
 * write to and Parley's mail comes from, and the colour of the band that carries the client's
 * name at the top of each message.
 *
 * @param address    the client's mailbox, such as {@code billing@example-health.test}
 * @param brandColor a {@code #rrggbb} colour
 */
public record ClientMail(String address, String brandColor) {

    private static final String SECTION = "email";
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");

    public ClientMail {
        address = address.strip().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s+]+@[^@\\s]+")) {
            throw new IllegalArgumentException("A client's email address must be one plain "
                    + "address such as billing@example-health.test, without a +tag; was '"
                    + address + "'");
        }
        if (!COLOR.matcher(brandColor).matches()) {
            throw new IllegalArgumentException("A brand colour must be #rrggbb, such as #0b5394, "
                    + "was '" + brandColor + "'");
        }
    }

    /** Stores the client's email identity. */
    public static void save(ClientSettings settings, String clientId, ClientMail mail) {
        settings.save(clientId, SECTION, new Document("address", mail.address)
                .append("brandColor", mail.brandColor));
    }

    /** The client's email identity; empty when it sends no email. */
    static Optional<ClientMail> of(ClientSettings settings, String clientId) {
        return settings.section(clientId, SECTION).map(d -> new ClientMail(d.getString("address"),
                d.getString("brandColor")));
    }

    /** The client whose mailbox is {@code address}, with a subaddress or without. */
    static Optional<Client> clientAt(ClientStore clients, ClientSettings settings,
                                     String address) {
        String plain = MailTokens.base(address.toLowerCase(Locale.ROOT));
        return clients.all().stream()
                .filter(c -> of(settings, c.id()).map(ClientMail::address).filter(plain::equals)
                        .isPresent())
                .findFirst();
    }

    /** The domain of the mailbox, for Parley's Message-IDs. */
    String domain() {
        return address.substring(address.indexOf('@') + 1);
    }
}
