package org.parley.dialog;

import org.parley.i18n.LocaleContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the dialog flows against the locale content and the engine's actions, so that a
 * content author learns of every broken key, path or pattern from its file and line before a
 * patient does. Parley refuses to start while this finds a problem.
 */
public final class ContentCheck {

    /** The language every other language is compared with, and that flows must be complete in. */
    static final String REFERENCE = "en";

    private ContentCheck() {
    }

    /** One thing wrong with the content, where it is, and what to do about it. */
    public record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /**
     * Checks everything; an empty list means the content is valid.
     *
     * @param actions        each action the engine provides, with the outcomes it can return
     * @param keysUsedByCode message keys the Java code renders itself, outside any flow
     * @return the problems, sorted by file then line
     */
    public static List<Problem> check(Map<String, Flow> flows, Map<String, LocaleContent> locales,
                                      Map<String, Set<String>> actions,
                                      Set<String> keysUsedByCode) {
        List<Problem> problems = new ArrayList<>();
        new FlowCheck(flows, locales, actions, problems).run(keysUsedByCode);
        new LocaleCheck(locales, problems).run();
        return problems.stream()
                .sorted(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                        .thenComparing(Problem::message))
                .toList();
    }

    static String messagesFile(LocaleContent locale) {
        return locale.folder().resolve("messages.yaml").toString();
    }

    static String intentsFile(LocaleContent locale) {
        return locale.folder().resolve("intents.yaml").toString();
    }

    static String keywordsFile(LocaleContent locale) {
        return locale.folder().resolve("keywords.yaml").toString();
    }

    /**
     * The line of a top-level {@code key:} in a YAML file, or 1 when it cannot be found; the
     * loaders keep lines for values only, and an empty list or a scalar field has none.
     */
    static int lineOf(String file, String key) {
        List<String> lines;
        try {
            lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return 1;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith(key + ":") || line.startsWith("\"" + key + "\":")
                    || line.startsWith("'" + key + "':")) {
                return i + 1;
            }
        }
        return 1;
    }
}
