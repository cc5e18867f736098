package org.parley.nlu;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which of a numbered list of options a patient picked: {@code 2}, {@code #2},
 * {@code option 2}, {@code the second one}, {@code segunda}, {@code второй}, {@code 第二个}.
 *
 * <p>Ordinal and cardinal words come from ICU's spellout rules for the language. An ordinal wins
 * over a cardinal ("the second one" is 2); two different picks, or a pick outside the list, is no
 * answer, so the caller asks again.
 */
public final class ChoiceParser {

    private static final Pattern DIGITS = Pattern.compile("(?<!\\d)\\d+(?!\\d)");

    // ICU has no Filipino spellout rules (it falls back to English), so Tagalog's first ten
    // ordinals and cardinals are listed here; longer lists are not offered to patients.
    private static final Map<String, Integer> TAGALOG = Map.ofEntries(
            Map.entry("una", 1), Map.entry("pang-una", 1), Map.entry("isa", 1),
            Map.entry("ikalawa", 2), Map.entry("pangalawa", 2), Map.entry("dalawa", 2),
            Map.entry("ikatlo", 3), Map.entry("pangatlo", 3), Map.entry("tatlo", 3),
            Map.entry("ikaapat", 4), Map.entry("ika-apat", 4), Map.entry("pang-apat", 4),
            Map.entry("apat", 4),
            Map.entry("ikalima", 5), Map.entry("panlima", 5), Map.entry("lima", 5),
            Map.entry("ikaanim", 6), Map.entry("ika-anim", 6), Map.entry("pang-anim", 6),
            Map.entry("anim", 6),
            Map.entry("ikapito", 7), Map.entry("pampito", 7), Map.entry("pito", 7),
            Map.entry("ikawalo", 8), Map.entry("pangwalo", 8), Map.entry("walo", 8),
            Map.entry("ikasiyam", 9), Map.entry("pansiyam", 9), Map.entry("siyam", 9),
            Map.entry("ikasampu", 10), Map.entry("pansampu", 10), Map.entry("sampu", 10));
    private static final Set<String> TAGALOG_CARDINALS =
            Set.of("isa", "dalawa", "tatlo", "apat", "lima", "anim", "pito", "walo", "siyam",
                    "sampu");

    private final Map<String, Language> languages = new ConcurrentHashMap<>();

    /** The 1-based option picked in {@code text}, or empty unless exactly one pick is in range. */
    public OptionalInt choose(String text, String language, int optionCount) {
        Language lang = languages.computeIfAbsent(language, Language::new);
        String normal = MoneyParser.normalize(text);

        Set<Integer> ordinals = new HashSet<>();
        Set<Integer> cardinals = new HashSet<>();
        Matcher m = DIGITS.matcher(normal);
        while (m.find()) {
            cardinals.add(parseSmall(m.group()));
        }
        lang.words(normal, ordinals, cardinals);

        Set<Integer> picks = ordinals.isEmpty() ? cardinals : ordinals;
        if (picks.size() != 1) {
            return OptionalInt.empty();
        }
        int pick = picks.iterator().next();
        return pick >= 1 && pick <= optionCount ? OptionalInt.of(pick) : OptionalInt.empty();
    }

    private static int parseSmall(String digits) {
        return digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    /** One language's spellout rules and its cardinal wordings, to tell "second" from "two". */
    private static final class Language {

        private final String tag;
        private final RuleBasedNumberFormat spellout;
        private final List<String> cardinalRuleSets = new ArrayList<>();
        private final boolean unspaced;

        Language(String tag) {
            this.tag = tag;
            this.spellout =
                    new RuleBasedNumberFormat(new ULocale(tag), RuleBasedNumberFormat.SPELLOUT);
            spellout.setLenientParseMode(true);
            for (String name : spellout.getRuleSetNames()) {
                if (!name.contains("ordinal")) {
                    cardinalRuleSets.add(name);
                }
            }
            this.unspaced = NumberWords.isUnspaced(spellout.format(1));
        }

        synchronized void words(String text, Set<Integer> ordinals, Set<Integer> cardinals) {
            if (tag.equals("tl")) {
                for (String word : text.split("[^\\p{L}-]+")) {
                    Integer n = TAGALOG.get(word);
                    if (n != null) {
                        (TAGALOG_CARDINALS.contains(word) ? cardinals : ordinals).add(n);
                    }
                }
            }
            for (NumberWords.Number n : NumberWords.numbers(spellout, text, unspaced)) {
                double value = n.value().doubleValue();
                if (value != Math.rint(value) || value < 0 || value > 1_000_000) {
                    continue;
                }
                int number = (int) value;
                String said = text.substring(n.start(), n.end());
                (isCardinal(said, number) ? cardinals : ordinals).add(number);
            }
        }

        /** True when the words are how ICU writes the plain number, not its ordinal. */
        private boolean isCardinal(String said, int number) {
            String bare = said.replaceAll("[\\s-]+", "");
            for (String ruleSet : cardinalRuleSets) {
                if (spellout.format(number, ruleSet).replaceAll("[\\s-]+", "").equals(bare)) {
                    return true;
                }
            }
            return false;
        }
    }
}
