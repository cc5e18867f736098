package org.parley.identity;

import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.nlu.Text;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Narrows a shared phone's accounts to the patient whose first name the sender gave. Nothing
 * about the account is said here; verification still follows.
 */
public final class ChoosePatientAction implements Action {

    private final AccountStore accounts;
    private final int maxAttempts;

    public ChoosePatientAction(AccountStore accounts, int maxAttempts) {
        this.accounts = accounts;
        this.maxAttempts = maxAttempts;
    }

    @Override
    public String name() {
        return "choose_patient";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("chosen", "unknown", "locked");
    }

    @Override
    public String run(Turn turn) {
        String candidates = turn.slots().getOrDefault(IdentifyByPhoneAction.CANDIDATES, "");
        List<String> words = Text.words(turn.text());
        Optional<Account> chosen = Arrays.stream(candidates.split(","))
                .filter(number -> !number.isBlank())
                .map(number -> accounts.find(turn.clientId(), number))
                .flatMap(Optional::stream)
                .filter(a -> words.containsAll(Text.words(a.firstName())))
                .findFirst();
        if (chosen.isEmpty()) {
            // A wrong name counts as a failed check: guessing names must not be free.
            if (turn.failAttempt() >= maxAttempts) {
                turn.lock();
                return "locked";
            }
            return "unknown";
        }
        turn.slots().put(IdentifyByPhoneAction.CANDIDATES, chosen.get().accountNumber());
        return "chosen";
    }
}
