package org.parley.assistance;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;

import java.util.Set;

/**
 * Starts the talk about financial assistance: names the client's programs, or finds the
 * verified patient's pending application, or finds that the client runs no program in Parley.
 * An estimate from an earlier talk (before "start over" or a conversation's reset) is
 * forgotten here, so that it never picks the program of a new application.
 */
final class ProgramAction implements Action {

    private final Applications applications;
    private final ApplicationStore store;

    ProgramAction(Applications applications, ApplicationStore store) {
        this.applications = applications;
        this.store = store;
    }

    @Override
    public String name() {
        return "assistance_program";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("offered", "several", "in_progress", "none");
    }

    @Override
    public String run(Turn turn) {
        store.forgetEstimate(turn.conversationId());
        AssistanceSettings settings = applications.settings().get(turn.clientId());
        if (settings.programs().isEmpty()) {
            return "none";
        }
        if (turn.verifiedAccount().flatMap(a -> applications.pending(turn.clientId(), a))
                .isPresent()) {
            return "in_progress";
        }
        turn.put("program", settings.programs().get(0).name());
        if (settings.programs().size() > 1) {
            turn.put("count", settings.programs().size());
            turn.put("programs", ProgramChoice.names(settings.programs(), turn.language()));
            return "several";
        }
        return "offered";
    }
}
