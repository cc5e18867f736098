package org.parley.assistance;

import org.parley.billing.Account;
import org.parley.billing.AccountStore;
import org.parley.client.Client;
import org.parley.client.ClientStore;
import org.parley.dialog.Action;
import org.parley.dialog.Reply;
import org.parley.dialog.Turn;
import org.parley.handoff.AgentTasks;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the verified patient's application for the program their estimate pointed to (or the
 * client's first), and puts the link or form with the documents needed into the turn. When a
 * person must mail the form, the application starts as requested and a task is queued for them.
 * A patient with a pending application hears about it instead of opening a second one. A
 * patient who chose email gets the application and its documents there, in their language,
 * and the application records email as its channel.
 */
final class ApplyAction implements Action {

    private final Applications applications;
    private final ApplicationStore store;
    private final AccountStore accounts;
    private final ClientStore clients;
    private final AgentTasks tasks;
    private final StatusWords words;
    private final ApplicationMail mail;

    ApplyAction(Applications applications, ApplicationStore store, AccountStore accounts,
                ClientStore clients, AgentTasks tasks, StatusWords words, ApplicationMail mail) {
        this.applications = applications;
        this.store = store;
        this.accounts = accounts;
        this.clients = clients;
        this.tasks = tasks;
        this.words = words;
        this.mail = mail;
    }

    @Override
    public String name() {
        return "start_application";
    }

    @Override
    public Set<String> outcomes() {
        return Set.of("sent_link", "sent_form", "emailed", "requested", "in_progress",
                "none");
    }

    @Override
    public String run(Turn turn) {
        String number = turn.verifiedAccount().orElseThrow(() -> new IllegalStateException(
                "start_application ran before verification; its flow must require it"));
        AssistanceSettings settings = applications.settings().get(turn.clientId());
        if (settings.programs().isEmpty()) {
            return "none";
        }
        if (applications.pending(turn.clientId(), number).isPresent()) {
            return "in_progress";
        }
        Account account = accounts.find(turn.clientId(), number).orElseThrow(() ->
                new IllegalStateException("Verified account vanished from client "
                        + turn.clientId()));

        Optional<ApplicationStore.Estimate> estimate = store.estimate(turn.conversationId());
        Program program = ProgramChoice.of(turn, settings, estimate);
        Optional<String> email = account.email().filter(a -> !a.isBlank()
                && Delivery.EMAIL.equals(turn.slots().get(Delivery.SLOT))
                && program.apply().method() != Program.Method.POST);
        Application app = applications.open(new Applications.Opening(turn.clientId(), number,
                program, turn.language(), email.isPresent() ? "email" : turn.channel(),
                turn.conversationId(),
                program.materialLanguage(turn.language()), account.email().isPresent(),
                estimate.map(ApplicationStore.Estimate::screening)));

        Client client = clients.require(turn.clientId());
        words.program(program, turn.language(), turn.channel(), client).forEach(turn::put);
        turn.put("application", app.id());
        turn.put("link", app.link().orElse(""));
        if (email.isPresent() && app.status() == ApplicationStatus.SENT) {
            send(turn, app, program, client, email.get());
            return "emailed";
        }
        if (app.status() == ApplicationStatus.REQUESTED) {
            tasks.queue(turn.clientId(), "assistance-send:" + app.id(),
                    "send_assistance_application", number, Optional.of(turn.conversationId()),
                    Map.of("application", app.id(), "program", program.id(),
                            "language", app.materialLanguage(),
                            "documents", List.copyOf(program.documents().stream()
                                    .map(Program.RequiredDocument::id).toList())));
            return "requested";
        }
        return program.apply().method() == Program.Method.FORM ? "sent_form" : "sent_link";
    }

    /** The application and its documents by email, worded as the chat words them. */
    private void send(Turn turn, Application app, Program program, Client client,
                      String address) {
        Map<String, Object> args = new java.util.HashMap<>(words.program(program,
                turn.language(), "email", client));
        args.put("application", app.id());
        args.put("link", app.link().orElse(""));
        String sent = program.apply().method() == Program.Method.FORM
                ? "assistance.sent_form" : "assistance.sent_link";
        mail.send(turn.clientId(), address, turn.language(), "assistance-sent:" + app.id(),
                List.of(new Reply(sent, args, List.of()),
                        new Reply("assistance.documents", args, List.of())));
        turn.put("email", ApplicationMail.masked(address));
    }
}
