package org.parley.assistance;

import org.parley.audit.AuditLog;
import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Tells the verified patient where their latest application stands: the outcome is its status,
 * and the turn carries what the status message names (what is missing, the decision, the
 * discount).
 */
final class StatusAction implements Action {

    private final Applications applications;
    private final StatusWords words;
    private final AuditLog audit;

    StatusAction(Applications applications, StatusWords words, AuditLog audit) {
        this.applications = applications;
        this.words = words;
        this.audit = audit;
    }

    @Override
    public String name() {
        return "application_status";
    }

    @Override
    public Set<String> outcomes() {
        Set<String> outcomes = new HashSet<>(Arrays.stream(ApplicationStatus.values())
                .map(ApplicationStatus::code).toList());
        outcomes.add("none");
        return outcomes;
    }

    @Override
    public String run(Turn turn) {
        String number = turn.verifiedAccount().orElseThrow(() -> new IllegalStateException(
                "application_status ran before verification; its flow must require it"));
        Optional<Application> app = applications.latest(turn.clientId(), number);
        if (app.isEmpty()) {
            return "none";
        }
        words.args(app.get(), app.get().history().size() - 1, turn.language(), turn.channel())
                .forEach(turn::put);
        if (app.get().status() == ApplicationStatus.APPROVED) {
            // The approval's message names the balance after the discount.
            audit.record("balance_disclosed", "bot", turn.clientId(), number,
                    turn.conversationId());
        }
        return app.get().status().code();
    }
}
