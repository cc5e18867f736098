package org.parley.outreach;

import org.parley.billing.Account;
import org.parley.compliance.ConsentLedger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Picks the channel an outreach send goes by: the first of the send's preference that has an
 * address on the account and the patient's consent, so a patient who opted out of texts, or has
 * no mobile number, is written to by email when the client's outreach channels list email.
 */
final class Channels {

    /** The channel and address a send goes to, and the conversation it goes into. */
    record Channel(String name, String address) {
    }

    /** No channel in the send's list may be used; the message names why for each. */
    static final class NoChannel extends RuntimeException {
        NoChannel(String reasons) {
            super(reasons, null, false, false);
        }
    }

    private final ConsentLedger consent;

    Channels(ConsentLedger consent) {
        this.consent = consent;
    }

    /**
     * The first of {@code preferred} that may be used for {@code account}: the first, the
     * send's own (a campaign step's channel, an alert's first preference), is always tried; a
     * later one, a fallback, only when the client's outreach {@code channels} list it.
     *
     * @throws NoChannel naming for each channel why it may not ({@code no_address:sms},
     *                   {@code opted_out:email}, {@code not_in_client_channels:email})
     */
    Channel pick(String clientId, List<String> preferred, List<String> clientChannels,
                 Account account) {
        List<String> reasons = new ArrayList<>();
        for (String name : preferred) {
            if (!reasons.isEmpty() && !clientChannels.contains(name)) {
                reasons.add("not_in_client_channels:" + name);
                continue;
            }
            Optional<String> address = switch (name) {
                case "sms" -> account.phone();
                case "email" -> account.email();
                default -> Optional.empty();
            };
            if (address.isEmpty()) {
                reasons.add("no_address:" + name);
            } else if (consent.optedOut(clientId, name, address.get())) {
                reasons.add("opted_out:" + name);
            } else {
                return new Channel(name, address.get());
            }
        }
        throw new NoChannel(String.join(",", reasons));
    }
}
