package org.parley.assistance;

import org.parley.billing.AccountStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Optional;
import java.util.Set;

/**
 * Once the patient is verified, checks the region of their estimate against their account's
 * ZIP code: an estimate made with the client's default region before verification is made
 * again for Alaska or Hawaii (or the 48 states) when the account lies there, and may then
 * point to another program or tier.
 */
final class RescreenAction implements Action {

    private final EstimateAction estimates;
    private final ApplicationStore store;
    private final AccountStore accounts;

    RescreenAction(EstimateAction estimates, ApplicationStore store, AccountStore accounts) {
        this.estimates = estimates;
        this.store = store;
        this.accounts = accounts;
    }

    @Override
    public String name() {
        return "rescreen_region";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("changed", "same");
    }

    @Override
    public String run(Turn turn) {
        Optional<ApplicationStore.Estimate> estimate = store.estimate(turn.conversationId());
        Optional<Region> region = turn.verifiedAccount()
                .flatMap(number -> accounts.find(turn.clientId(), number))
                .map(account -> Region.ofZip(account.zip()));
        if (estimate.isEmpty() || region.isEmpty()
                || estimate.get().screening().region() == region.get()) {
            return "same";
        }
        Application.ScreeningRecord before = estimate.get().screening();
        estimates.screen(turn, before.household(), before.yearlyIncome(), IncomePeriod.YEARLY,
                region.get());
        return "changed";
    }
}
