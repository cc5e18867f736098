package org.parley.channel.sms;

import org.parley.NotFoundException;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.channel.InboundText;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.conversation.ConversationService;

import java.util.Locale;
import java.util.Optional;

/**
 * A text from a patient, already authenticated by its channel: finds the client by the number
 * it was sent to and hands the message to the conversation router, which stores it once and
 * queues the replies.
 */
public final class SmsInbound {

    private final ConversationService conversations;
    private final ClientStore clients;
    private final AccountStore accounts;

    public SmsInbound(ConversationService conversations, ClientStore clients,
                      AccountStore accounts) {
        this.conversations = conversations;
        this.clients = clients;
        this.accounts = accounts;
    }

    /**
     * Stores the message and queues the answer; a {@code messageSid} seen before stores and
     * queues nothing and comes back with {@code duplicate} set.
     *
     * @param to   the client's number, E.164
     * @param from the patient's number, E.164
     * @throws NotFoundException when no client texts from {@code to}
     */
    public ConversationService.Received receive(String to, String from, String messageSid,
                                                String body) {
        Client client = clients.findBySmsNumber(to).orElseThrow(() -> new NotFoundException(
                "unknown_sms_number", "No client has the SMS number " + to + " that this message "
                + "was sent to; set the client's smsNumber to it, or point the number's webhook "
                + "elsewhere"));
        return conversations.receiveFrom(client.id(), SmsOutbox.CHANNEL, from,
                () -> language(client, from), messageSid, InboundText.clean(body));
    }

    /**
     * The language to open a new conversation in: the preferred language on the patient's
     * accounts when the client offers it, else the client's first language.
     */
    String language(Client client, String phone) {
        String fallback = client.languages().isEmpty() ? "en" : client.languages().get(0);
        return accounts.findByPhone(client.id(), phone).stream()
                .map(Account::preferredLanguage)
                .flatMap(Optional::stream)
                .filter(tag -> offers(client, tag))
                .findFirst()
                .orElse(fallback);
    }

    private static boolean offers(Client client, String tag) {
        String language = Locale.forLanguageTag(tag).getLanguage();
        return client.languages().stream()
                .anyMatch(offered -> Locale.forLanguageTag(offered).getLanguage().equals(language));
    }
}
