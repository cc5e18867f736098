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
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Narrows a shared phone's accounts to the patient whose first name the sender gave. Nothing
 * about the account is said here; verification still follows. A sender who answers with what
 * verifies them on a phone of their own (date of birth and last name, account number and ZIP
 * code) is verified at once as the one account of the phone those match, with the outcomes of
 * {@code verify_identity}: a try that matches none of them counts as a failed check there.
 */
public final class ChoosePatientAction implements Action {

    /** A digit: a date of birth, an account number or a ZIP code, never a first name. */
    private static final Pattern IDENTIFIER = Pattern.compile("\\p{N}");

    private final AccountStore accounts;
    private final int maxAttempts;
    private final VerifyIdentityAction verify;

    /**
     * @param verify checks the identifiers a sender may give instead of a first name, among the
     *               phone's accounts only
     */
    public ChoosePatientAction(AccountStore accounts, int maxAttempts,
                               VerifyIdentityAction verify) {
        this.accounts = accounts;
        this.maxAttempts = maxAttempts;
        this.verify = verify;
    }

    @Override
    public String name() {
        return "choose_patient";
    }

    @Override
    public Set<String> outcomes() {
        Set<String> all = new TreeSet<>(verify.outcomes());
        all.addAll(List.of("chosen", "unknown", "locked"));
        return all;
    }

    /** An answer with identifiers in it is claimed as the verification question claims it. */
    @Override
    public boolean claims(Turn turn) {
        return IDENTIFIER.matcher(turn.text()).find() && verify.claims(turn);
    }

    @Override
    public String run(Turn turn) {
        if (IDENTIFIER.matcher(turn.text()).find()) {
            // The phone's accounts stay the candidates: only one of them can be verified here.
            return verify.run(turn);
        }
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
