package org.parley.dialog;

import com.ibm.icu.text.MessageFormat;
import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.ULocale;
import org.parley.dialog.ContentCheck.Problem;
import org.parley.i18n.LocaleContent;
import org.parley.i18n.LocaleContent.Entry;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.parley.dialog.ContentCheck.REFERENCE;
import static org.parley.dialog.ContentCheck.intentsFile;
import static org.parley.dialog.ContentCheck.keywordsFile;
import static org.parley.dialog.ContentCheck.lineOf;
import static org.parley.dialog.ContentCheck.messagesFile;

/** The checks that start from the locales: syntax, completeness, placeholders and keywords. */
final class LocaleCheck {

    /** Whole-message keywords every language needs, and what patients use them for. */
    private static final Map<String, String> KEYWORDS = new LinkedHashMap<>();

    static {
        KEYWORDS.put("start-over", "go back to the menu");
        KEYWORDS.put("help", "ask for help");
        KEYWORDS.put("language-names", "switch to this language");
        KEYWORDS.put("opt-out", "stop all automated messages");
        KEYWORDS.put("opt-in", "receive messages again after opting out");
        KEYWORDS.put("opt-out-phrases", "ask in their own words to stop messages");
    }

    private final Map<String, LocaleContent> locales;
    private final List<Problem> problems;
    /** Per language, the placeholders of every message that parsed. */
    private final Map<String, Map<String, Set<String>>> placeholders = new HashMap<>();

    LocaleCheck(Map<String, LocaleContent> locales, List<Problem> problems) {
        this.locales = locales;
        this.problems = problems;
    }

    void run() {
        // Every language's placeholders first: "ar" sorts before the reference "en".
        locales.values().forEach(this::syntax);
        for (LocaleContent locale : locales.values()) {
            presence(locale);
            variantPlaceholders(locale);
            if (!locale.language().equals(REFERENCE) && locales.containsKey(REFERENCE)) {
                placeholdersMatch(locale);
            }
            intents(locale);
            keywords(locale);
        }
    }

    private void syntax(LocaleContent locale) {
        ULocale language = ULocale.forLanguageTag(locale.language());
        Map<String, Set<String>> names = new HashMap<>();
        placeholders.put(locale.language(), names);
        for (Map.Entry<String, Entry> message : sorted(locale.messages())) {
            Entry entry = message.getValue();
            try {
                new MessageFormat(entry.text(), language);
            } catch (RuntimeException e) {
                add(entry, "'" + message.getKey() + "' is not valid ICU MessageFormat: "
                        + e.getMessage() + "; correct the pattern: braces pair up, a literal "
                        + "brace is quoted with apostrophes, every plural or select has 'other'");
                continue;
            }
            MessagePattern pattern = new MessagePattern(entry.text());
            names.put(message.getKey(), PluralCases.argumentNames(pattern));
            PluralCases.missing(pattern, language).forEach(missing -> add(entry,
                    "'" + message.getKey() + "' " + missing));
        }
    }

    /** Keys must exist in every language; a channel variant needs its base key beside it. */
    private void presence(LocaleContent locale) {
        for (Map.Entry<String, Entry> message : sorted(locale.messages())) {
            String key = message.getKey();
            int at = key.indexOf('@');
            if (at >= 0) {
                String base = key.substring(0, at);
                if (!locale.messages().containsKey(base)) {
                    add(message.getValue(), "'" + key + "' is the " + key.substring(at + 1)
                            + " variant of '" + base + "', which " + locale.language()
                            + " does not define; add '" + base + "' to this file or remove the "
                            + "variant");
                }
                continue;
            }
            for (LocaleContent other : locales.values()) {
                if (!other.messages().containsKey(key)) {
                    add(message.getValue(), "'" + key + "' is missing in " + other.language()
                            + "; add it to " + messagesFile(other));
                }
            }
        }
    }

    private void placeholdersMatch(LocaleContent locale) {
        Map<String, Set<String>> reference = placeholders.get(REFERENCE);
        Map<String, Set<String>> own = placeholders.get(locale.language());
        for (Map.Entry<String, Entry> message : sorted(locale.messages())) {
            String key = message.getKey();
            Set<String> expected = reference.get(key);
            Set<String> actual = own.get(key);
            if (key.indexOf('@') < 0 && expected != null && actual != null
                    && !expected.equals(actual)) {
                add(message.getValue(), "'" + key + "' uses placeholders " + actual + " in "
                        + locale.language() + " but " + expected + " in " + REFERENCE
                        + "; use the same names in every language");
            }
        }
    }

    private void variantPlaceholders(LocaleContent locale) {
        Map<String, Set<String>> own = placeholders.get(locale.language());
        for (Map.Entry<String, Entry> message : sorted(locale.messages())) {
            String key = message.getKey();
            int at = key.indexOf('@');
            if (at < 0) {
                continue;
            }
            Set<String> base = own.get(key.substring(0, at));
            Set<String> variant = own.get(key);
            if (base != null && variant != null && !base.equals(variant)) {
                add(message.getValue(), "'" + key + "' uses placeholders " + variant
                        + " but its base '" + key.substring(0, at) + "' uses " + base
                        + "; a channel variant must use the same placeholders");
            }
        }
    }

    private void intents(LocaleContent locale) {
        String file = intentsFile(locale);
        for (String intent : new TreeSet<>(locale.intents().keySet())) {
            if (locale.intents().get(intent).stream().allMatch(p -> p.text().isBlank())) {
                problems.add(new Problem(file, lineOf(file, intent), "intent '" + intent
                        + "' has no training phrases; add some, or remove the intent"));
            }
        }
    }

    private void keywords(LocaleContent locale) {
        String file = keywordsFile(locale);
        KEYWORDS.forEach((name, purpose) -> {
            List<Entry> words = locale.keywords().get(name);
            if (words == null) {
                problems.add(new Problem(file, 1, "'" + name + "' is missing: patients type "
                        + "these words to " + purpose + "; add a line '" + name
                        + ": [word, another word]'"));
            } else if (words.stream().allMatch(w -> w.text().isBlank())) {
                problems.add(new Problem(file, lineOf(file, name), "'" + name + "' lists no "
                        + "words: patients type these words to " + purpose + "; add at least one"));
            }
        });
    }

    private void add(Entry entry, String message) {
        problems.add(new Problem(entry.file(), entry.line(), message));
    }

    private static List<Map.Entry<String, Entry>> sorted(Map<String, Entry> messages) {
        return messages.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Entry> e) -> e.getValue().line())
                        .thenComparing(Map.Entry::getKey))
                .toList();
    }
}
