package org.parley.assistance;

import org.parley.dialog.Action;
import org.parley.dialog.Turn;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.Text;
import org.parley.nlu.YesNo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * With several programs, which one the application is for: {@code programs_to_pick} finds
 * whether there is a choice to ask about (and puts the numbered list for the question),
 * {@code pick_program} reads the answer: a number from the list, a name ("Kokua"), or yes for
 * the one the estimate was for.
 */
final class PickProgramAction implements Action {

    private final Applications applications;
    private final ApplicationStore store;
    private final Map<String, LocaleContent> locales;
    private final ChoiceParser choices = new ChoiceParser();
    private final boolean asks;

    /** @param asks true for {@code programs_to_pick}, false for {@code pick_program} */
    PickProgramAction(Applications applications, ApplicationStore store,
                      Map<String, LocaleContent> locales, boolean asks) {
        this.applications = applications;
        this.store = store;
        this.locales = locales;
        this.asks = asks;
    }

    @Override
    public String name() {
        return asks ? "programs_to_pick" : "pick_program";
    }

    @Override
    public Set<String> outcomes() {
        return asks ? Set.of("one", "several") : Set.of("picked", "not_understood");
    }

    /** A number from the list or a program's name answers the question, not a request. */
    @Override
    public boolean claims(Turn turn) {
        List<Program> programs = applications.settings().get(turn.clientId()).programs();
        return !asks && picked(turn, programs, Optional.empty()).isPresent();
    }

    @Override
    public String run(Turn turn) {
        List<Program> programs = applications.settings().get(turn.clientId()).programs();
        if (asks) {
            turn.slots().remove(ProgramChoice.SLOT);
        }
        if (asks && programs.size() < 2) {
            return "one";
        }
        Optional<Program> suggested = store.estimate(turn.conversationId())
                .flatMap(e -> programs.stream().filter(p -> p.id().equals(e.programId()))
                        .findFirst());
        turn.put("count", programs.size());
        turn.put("choices", ProgramChoice.numbered(programs));
        turn.put("hasSuggestion", suggested.isPresent() ? "yes" : "no");
        turn.put("suggested", suggested.map(Program::name).orElse(""));
        if (asks) {
            return "several";
        }
        Optional<Program> picked = picked(turn, programs, suggested);
        if (picked.isEmpty()) {
            return "not_understood";
        }
        turn.slots().put(ProgramChoice.SLOT, picked.get().id());
        return "picked";
    }

    private Optional<Program> picked(Turn turn, List<Program> programs,
                                     Optional<Program> suggested) {
        OptionalInt number = choices.choose(turn.text(), turn.language(), programs.size());
        if (number.isPresent()) {
            return Optional.of(programs.get(number.getAsInt() - 1));
        }
        if (YesNo.read(turn.text(), turn.language(), locales).orElse(false)) {
            return suggested;
        }
        String said = Text.command(turn.text());
        List<Program> named = programs.stream().filter(p -> {
            String name = Text.command(p.name());
            return !said.isEmpty() && (name.contains(said) || said.contains(name));
        }).toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }
}
