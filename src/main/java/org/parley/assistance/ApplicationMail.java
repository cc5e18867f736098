package org.parley.assistance;

import org.parley.compliance.ConsentLedger;
import org.parley.conversation.ConversationService;
import org.parley.dialog.Reply;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Sends a patient's application by email: a new email conversation with the patient's address,
 * in their language, whose first message is the application and the documents it needs, sent
 * by the email channel (text and HTML) like any other message. The conversations are built
 * after the dialog actions that use this, so they are bound here once they exist.
 */
public final class ApplicationMail {

    private static final String CHANNEL = "email";

    private record Parts(ConversationService conversations, ConsentLedger consent,
                         Predicate<String> mailbox) {
    }

    private final AtomicReference<Parts> parts = new AtomicReference<>();

    /**
     * Binds the conversations and the consent ledger once Parley has built them.
     *
     * @param mailbox whether a client has a mailbox to send from, by client id
     */
    public void bind(ConversationService conversations, ConsentLedger consent,
                     Predicate<String> mailbox) {
        parts.set(new Parts(conversations, consent, mailbox));
    }

    /**
     * True when an email can reach {@code address}: bound, the client has a mailbox to send
     * from, and the address has not opted out of email.
     */
    boolean reaches(String clientId, String address) {
        Parts p = parts.get();
        return p != null && p.mailbox().test(clientId)
                && !p.consent().optedOut(clientId, CHANNEL, address);
    }

    /**
     * Sends {@code replies} to {@code address} in {@code language}, once per {@code id}.
     *
     * @return the email conversation
     */
    String send(String clientId, String address, String language, String id,
                List<Reply> replies) {
        Parts p = Optional.ofNullable(parts.get()).orElseThrow(() -> new IllegalStateException(
                "Application mail was used before Parley bound its conversations"));
        String conversation = p.conversations().open(clientId, CHANNEL, address, language);
        p.conversations().notify(conversation, new ConversationService.Notice(id, replies,
                Optional.empty()));
        return conversation;
    }

    /** An address with all but its first letter and domain hidden: a***@example.test. */
    static String masked(String address) {
        int at = address.indexOf('@');
        return at <= 0 ? "***" : address.charAt(0) + "***" + address.substring(at);
    }
}
