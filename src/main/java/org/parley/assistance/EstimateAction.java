package org.parley.assistance;

import org.parley.assistance.Application.ScreeningRecord;
import org.parley.billing.AccountStore;
import org.parley.client.ClientStore;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the household's income, with how often it comes, and estimates what the household may
 * qualify for. An amount without a period is kept while the patient is asked how often. The
 * region is the verified account's, or the client's default before verification.
 */
final class EstimateAction implements Action {

    private static final String INCOME = "income";
    private static final String PERIOD = "income_period";

    private final Applications applications;
    private final ApplicationStore store;
    private final AccountStore accounts;
    private final ClientStore clients;
    private final IncomeReader reader;
    private final Screening screening;
    private final Clock clock;

    EstimateAction(Applications applications, ApplicationStore store, AccountStore accounts,
                   ClientStore clients, IncomeReader reader, Screening screening, Clock clock) {
        this.applications = applications;
        this.store = store;
        this.accounts = accounts;
        this.clients = clients;
        this.reader = reader;
        this.screening = screening;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "estimate_assistance";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("free", "discount", "above", "need_period", "negative", "not_understood");
    }

    /** An amount or a period is an answer to the income question, never a request elsewhere. */
    @Override
    public boolean claims(Turn turn) {
        IncomeReader.Reading reading = reader.read(turn.text(), turn.language());
        return reading.answered() || reading.unclear();
    }

    @Override
    public String run(Turn turn) {
        IncomeReader.Reading reading = reader.read(turn.text(), turn.language());
        if (reading.negative()) {
            return "negative";
        }
        if (reading.unclear()) {
            return "not_understood";
        }
        Map<String, String> slots = turn.slots();
        reading.amount().ifPresent(a -> slots.put(INCOME, a.toPlainString()));
        reading.period().ifPresent(p -> slots.put(PERIOD, p.name()));
        Optional<BigDecimal> amount = Optional.ofNullable(slots.get(INCOME)).map(BigDecimal::new);
        Optional<IncomePeriod> period = Optional.ofNullable(slots.get(PERIOD))
                .map(IncomePeriod::valueOf);
        String household = slots.get(HouseholdAction.SLOT);
        if (amount.isEmpty() || household == null) {
            return "not_understood";
        }
        if (period.isEmpty()) {
            turn.put("income", amount.get());
            return "need_period";
        }

        AssistanceSettings settings = applications.settings().get(turn.clientId());
        if (settings.programs().isEmpty()) {
            return "not_understood";
        }
        Region region = turn.verifiedAccount()
                .flatMap(number -> accounts.find(turn.clientId(), number))
                .map(account -> Region.ofZip(account.zip()))
                .orElse(settings.defaultRegion());
        return screen(turn, Integer.parseInt(household), amount.get(), period.get(), region)
                .outcome().code();
    }

    /**
     * Estimates for the household in {@code region}, keeps the estimate for the application
     * the patient may start next, and puts what the messages say into the turn.
     */
    Screening.Estimate screen(Turn turn, int household, BigDecimal amount, IncomePeriod period,
                              Region region) {
        AssistanceSettings settings = applications.settings().get(turn.clientId());
        int year = LocalDate.now(clock.withZone(clients.require(turn.clientId()).timeZone()))
                .getYear();
        Screening.Estimate estimate = screening.estimate(settings.programs(), household, amount,
                period, region, year);
        store.saveEstimate(turn.conversationId(), new ApplicationStore.Estimate(
                new ScreeningRecord(estimate.household(), estimate.yearlyIncome(),
                        estimate.percentOfPoverty(), region, estimate.year(),
                        estimate.tier().map(Program.Tier::discountPercent)),
                estimate.program().id()));

        turn.put("household", estimate.household());
        turn.put("yearly", estimate.yearlyIncome().setScale(2));
        turn.put("program", estimate.program().name());
        turn.put("discount", estimate.tier().map(t -> t.discountPercent().doubleValue())
                .orElse(0.0));
        turn.put("outcome", estimate.outcome().code());
        turn.put("region", region.code());
        return estimate;
    }
}
