package org.parley.identity;

import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.List;
import java.util.Set;

/**
 * On a channel that knows the patient's phone, finds the accounts that phone belongs to. The
 * phone never proves identity; it only narrows who may be verified. When a family shares the
 * phone, the flow asks which patient this is about before verifying.
 */
public final class IdentifyByPhoneAction implements Action {

    static final String CANDIDATES = "candidates";

    private final AccountStore accounts;

    public IdentifyByPhoneAction(AccountStore accounts) {
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "identify_by_phone";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("one_or_none", "several");
    }

    @Override
    public String run(Turn turn) {
        turn.slots().remove(CANDIDATES);
        if (!turn.channel().equals("sms") || turn.address().isBlank()) {
            return "one_or_none";
        }
        List<Account> found = accounts.findByPhone(turn.clientId(), turn.address());
        if (found.size() < 2) {
            return "one_or_none";
        }
        List<String> numbers = found.stream().map(Account::accountNumber).toList();
        turn.slots().put(CANDIDATES, String.join(",", numbers));
        return "several";
    }
}
