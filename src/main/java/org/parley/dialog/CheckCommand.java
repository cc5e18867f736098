package org.parley.dialog;

import org.parley.dialog.ContentCheck.Problem;
import org.parley.i18n.LocaleContent;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code check} subcommand for content authors: loads the dialogs and locales, prints every
 * problem as {@code file:line: message}, and ends with a one-line summary.
 */
public final class CheckCommand {

    private CheckCommand() {
    }

    /** Prints the problems and a summary; returns 0 when the content is valid, else 1. */
    public static int run(Path dialogsDir, Path localesDir, Map<String, Set<String>> actions,
                          Set<String> keysUsedByCode, PrintStream out) {
        Map<String, Flow> flows;
        Map<String, LocaleContent> locales;
        try {
            flows = FlowLoader.load(dialogsDir);
            locales = LocaleContent.loadAll(localesDir);
        } catch (ContentException e) {
            // A file that does not load hides everything behind it, so it is the one problem.
            out.println(e.getMessage());
            out.println(summary(1, dialogsDir, localesDir));
            return 1;
        }

        List<Problem> problems = ContentCheck.check(flows, locales, actions, keysUsedByCode);
        problems.forEach(out::println);
        if (!problems.isEmpty()) {
            out.println(summary(problems.size(), dialogsDir, localesDir));
            return 1;
        }
        long messages = locales.values().stream()
                .flatMap(l -> l.messages().keySet().stream()).distinct().count();
        out.println("Content OK: " + flows.size() + " flows, " + locales.size() + " languages, "
                + messages + " messages");
        return 0;
    }

    private static String summary(int count, Path dialogsDir, Path localesDir) {
        return count + (count == 1 ? " problem" : " problems") + " in " + dialogsDir + "/ and "
                + localesDir + "/";
    }
}
