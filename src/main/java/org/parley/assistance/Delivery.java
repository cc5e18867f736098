package org.parley.assistance;

import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Optional;

/**
 * Where a verified patient's application goes: by email when their account has an address
 * and they choose it, or here, on the channel they are talking on. Read from their words
 * ("by email", "text me") in each language's {@code delivery-email} and {@code delivery-here}
 * lists.
 */
final class Delivery {

    /** The slot that holds the patient's choice, {@value #EMAIL} or {@value #HERE}. */
    static final String SLOT = "delivery";
    static final String EMAIL = "email";
    static final String HERE = "here";

    private final Phrases phrases;
    private final AccountStore accounts;
    private final ApplicationMail mail;

    Delivery(Phrases phrases, AccountStore accounts, ApplicationMail mail) {
        this.phrases = phrases;
        this.accounts = accounts;
        this.mail = mail;
    }

    /** The choice {@code text} states, if it states one and only one. */
    Optional<String> stated(String text, String language) {
        String normal = Phrases.normal(text);
        boolean email = !phrases.find(normal, language, List.of("delivery-email")).isEmpty();
        boolean here = !phrases.find(normal, language, List.of("delivery-here")).isEmpty();
        return email == here ? Optional.empty() : Optional.of(email ? EMAIL : HERE);
    }

    /**
     * The verified account's email address when the application may go there: the patient
     * is not writing by email already and the address has not opted out of email.
     */
    Optional<String> address(Turn turn) {
        if (turn.channel().equals("email")) {
            return Optional.empty();
        }
        return turn.verifiedAccount().flatMap(n -> accounts.find(turn.clientId(), n))
                .flatMap(Account::email).filter(a -> !a.isBlank())
                .filter(a -> mail.reaches(turn.clientId(), a));
    }

    /** Puts what the question about delivery says: the masked address and the channel. */
    void ask(Turn turn, String address) {
        turn.put("email", ApplicationMail.masked(address));
        turn.put("channel", turn.channel());
    }
}
