package org.parley.dialog;

import com.ibm.icu.text.MessagePattern;
import com.ibm.icu.text.MessagePattern.ArgType;
import com.ibm.icu.text.MessagePattern.Part;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.text.PluralRules.PluralType;
import com.ibm.icu.util.ULocale;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads a parsed ICU message: the names it fills in, and the plural cases it lacks. */
final class PluralCases {

    /**
     * Whole numbers up to this bound decide which plural categories a message must cover. Some
     * languages (Spanish, French, Italian, Portuguese) have a {@code many} category only for
     * exact millions and compact forms; a message without it falls back to {@code other}
     * correctly, so it is not demanded.
     */
    private static final int COUNTED_UP_TO = 999;

    private PluralCases() {
    }

    /** Every argument name, nested ones included; {@code #} is not an argument. */
    static Set<String> argumentNames(MessagePattern pattern) {
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            Part part = pattern.getPart(i);
            if (part.getType() == Part.Type.ARG_NAME) {
                names.add(pattern.getSubstring(part));
            } else if (part.getType() == Part.Type.ARG_NUMBER) {
                names.add(String.valueOf(part.getValue()));
            }
        }
        return names;
    }

    /** One sentence per plural or selectordinal argument that lacks a category of the language. */
    static List<String> missing(MessagePattern pattern, ULocale language) {
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < pattern.countParts(); i++) {
            Part start = pattern.getPart(i);
            if (start.getType() != Part.Type.ARG_START || !counts(start.getArgType())) {
                continue;
            }
            PluralType type = start.getArgType() == ArgType.SELECTORDINAL
                    ? PluralType.ORDINAL : PluralType.CARDINAL;

            PluralRules rules = PluralRules.forLocale(language, type);
            Set<String> cases = new TreeSet<>();
            Set<Double> exact = new HashSet<>();
            cases(pattern, i, cases, exact);
            Set<String> lacking = new TreeSet<>();
            for (String category : required(rules)) {
                if (!cases.contains(category) && !standsIn(rules, category, exact)) {
                    lacking.add(category);
                }
            }
            if (!lacking.isEmpty()) {
                String name = pattern.getSubstring(pattern.getPart(i + 1));
                String kind = type == PluralType.ORDINAL ? "ordinal" : "plural";
                missing.add("counts {" + name + "} with cases " + cases + ", but the " + kind
                        + " rules of " + language.getDisplayName(ULocale.ENGLISH) + " ("
                        + language.toLanguageTag() + ") also need " + lacking
                        + "; add those cases");
            }
        }
        return missing;
    }

    /** Collects the keyword and exact ({@code =N}) cases of the argument starting at part i. */
    private static void cases(MessagePattern pattern, int argStart, Set<String> cases,
                              Set<Double> exact) {
        int limit = pattern.getLimitPartIndex(argStart);
        for (int j = argStart + 1; j < limit; j++) {
            Part part = pattern.getPart(j);
            if (part.getType() == Part.Type.MSG_START) {
                j = pattern.getLimitPartIndex(j);
            } else if (part.getType() == Part.Type.ARG_SELECTOR) {
                String selector = pattern.getSubstring(part);
                if (selector.startsWith("=")) {
                    exact.add(pattern.getNumericValue(pattern.getPart(j + 1)));
                } else {
                    cases.add(selector);
                }
            }
        }
    }

    private static Set<String> required(PluralRules rules) {
        Set<String> required = new TreeSet<>(Set.of("other"));
        for (int n = 0; n <= COUNTED_UP_TO; n++) {
            required.add(rules.select(n));
        }
        return required;
    }

    /** An exact case covers a category only when the category holds just those numbers. */
    private static boolean standsIn(PluralRules rules, String category, Set<Double> exact) {
        Collection<Double> values = rules.getAllKeywordValues(category);
        return values != null && !values.isEmpty() && exact.containsAll(values);
    }

    private static boolean counts(ArgType type) {
        return type == ArgType.PLURAL || type == ArgType.SELECTORDINAL;
    }
}
