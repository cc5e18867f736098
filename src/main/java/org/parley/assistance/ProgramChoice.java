package org.parley.assistance;

import com.ibm.icu.text.ListFormatter;
import com.ibm.icu.util.ULocale;
import org.parley.dialog.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which of a client's programs an application is for. The estimate picks the program whose
 * tier gives the household the largest discount (the first listed on a tie, or when none
 * fits); with one program that is the one. With several, the patient picks by number or name
 * once verified, told which one their estimate was for, and the pick is kept in the
 * {@value #SLOT} slot until the application opens.
 */
final class ProgramChoice {

    /** The slot that holds the id of the program the patient picked. */
    static final String SLOT = "program";

    private ProgramChoice() {
    }

    /** The programs' names, joined as a list in {@code language}. */
    static String names(List<Program> programs, String language) {
        return ListFormatter.getInstance(new ULocale(language.toLowerCase(Locale.ROOT)))
                .format(programs.stream().map(Program::name).toList());
    }

    /** "1. First Program; 2. Second Program": the programs numbered for a pick. */
    static String numbered(List<Program> programs) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            lines.add((i + 1) + ". " + programs.get(i).name());
        }
        return String.join("; ", lines);
    }

    /**
     * The program for the application: the one picked, else the estimate's, else the first.
     */
    static Program of(Turn turn, AssistanceSettings settings,
                      Optional<ApplicationStore.Estimate> estimate) {
        return Optional.ofNullable(turn.slots().get(SLOT)).flatMap(settings::program)
                .or(() -> estimate.flatMap(e -> settings.program(e.programId())))
                .orElse(settings.programs().get(0));
    }
}
