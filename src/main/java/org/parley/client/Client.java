package org.parley.client;

import java.time.ZoneId;
import java.util.List;

/**
 * A provider organization Parley works for, with the settings its conversations need.
 *
 * @param id           stable id used in URLs, such as {@code example-health}
 * @param name         the name patients see
 * @param timeZone     where the client's business hours are kept
 * @param currency     ISO 4217 code of the balances it sends
 * @param supportPhone how a patient reaches a person, shown in help texts
 * @param smsNumber    the number it texts from, E.164, empty when it has none
 * @param languages    BCP 47 tags of the languages it offers, the first the default
 */
public record Client(String id, String name, ZoneId timeZone, String currency,
                     String supportPhone, String smsNumber, List<String> languages) {

    public Client {
        languages = List.copyOf(languages);
    }
}
