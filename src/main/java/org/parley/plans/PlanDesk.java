package org.parley.plans;

import org.parley.audit.AuditLog;
import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.ClientSettings;
import org.parley.client.ClientStore;
import org.parley.dialog.Turn;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.YesNo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the plan actions share: the stores they read and write, the calculator, the reading of
 * the patient's words, and the day it is for the client.
 */
final class PlanDesk {

    /** The frequency whose plans are listed, kept between turns. */
    static final String LISTING = "plan.listing";

    final PlanStore plans;
    final PlanCalculator calculator = new PlanCalculator();
    final PlanPhrases phrases;
    final PlanTranscript transcript;
    /** What patients asked of a plan before they were verified. */
    final PlanRequests requests;
    private final ClientSettings settings;
    private final AccountStore accounts;
    private final ClientStore clients;
    private final AuditLog audit;
    private final Map<String, LocaleContent> locales;
    private final Clock clock;

    PlanDesk(PlanStore plans, ClientSettings settings, AccountStore accounts, ClientStore clients,
             AuditLog audit, PlanTranscript transcript, PlanRequests requests,
             Map<String, LocaleContent> locales, Clock clock) {
        this.plans = plans;
        this.settings = settings;
        this.accounts = accounts;
        this.clients = clients;
        this.audit = audit;
        this.transcript = transcript;
        this.requests = requests;
        this.locales = locales;
        this.clock = clock;
        this.phrases = new PlanPhrases(locales);
    }

    /** The verified patient's account; the flows that run plan actions require verification. */
    Account account(Turn turn) {
        String number = turn.verifiedAccount().orElseThrow(() -> new IllegalStateException(
                "A plan action ran before verification; its flow must say 'requires: verified'"));
        return accounts.find(turn.clientId(), number).orElseThrow(() ->
                new IllegalStateException("Verified account vanished from client "
                        + turn.clientId()));
    }

    /**
     * Audits what the bot is about to say about the account ({@code balance_disclosed}, when it
     * names amounts owed) or has done to its plan ({@code plan_agreed}, ...).
     */
    void audit(Turn turn, String event) {
        audit.record(event, "bot", turn.clientId(), account(turn).accountNumber(),
                turn.conversationId());
    }

    Optional<Plan> active(Turn turn) {
        return plans.active(turn.clientId(), account(turn).accountNumber());
    }

    /** The client's plan rules as they are today. */
    Optional<PlanRules> rules(String clientId) {
        return settings.planRules(clientId);
    }

    /** Today in the client's zone. */
    LocalDate today(String clientId) {
        return LocalDate.now(clock.withZone(clients.require(clientId).timeZone()));
    }

    /**
     * What the patient asked of a plan: what they asked before verifying, taken once, or else
     * what this message asks.
     */
    Optional<PlanRequest> asked(Turn turn) {
        return requests.take(turn.conversationId())
                .or(() -> phrases.request(turn.text(), turn.language()));
    }

    /** Yes, no, or empty when the message is neither. */
    Optional<Boolean> yesNo(Turn turn) {
        return YesNo.read(turn.text(), turn.language(), locales);
    }

    /** The frequency listed first: monthly when the client offers it. */
    static Frequency firstFrequency(PlanRules rules) {
        return Arrays.stream(Frequency.values()).filter(rules.frequencies()::contains)
                .findFirst().orElseThrow();
    }

    /**
     * The first due date of a plan agreed today: one period from today, but never later than
     * the client's rules allow.
     */
    static LocalDate firstDue(Frequency frequency, LocalDate today, PlanRules rules) {
        LocalDate period = frequency.due(today, 1);
        LocalDate latest = rules.latestFirstDue(today);
        return period.isAfter(latest) ? latest : period;
    }

    /** The plans offered for {@code balance} at {@code frequency}. */
    List<Schedule> offers(java.math.BigDecimal balance, Frequency frequency, LocalDate today,
                          PlanRules rules) {
        return calculator.offers(balance, firstDue(frequency, today, rules), rules).stream()
                .filter(s -> s.frequency() == frequency).toList();
    }
}
