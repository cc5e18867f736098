package org.parley.assistance;

import com.fasterxml.jackson.databind.JsonNode;
import org.parley.assistance.Program.HowToApply;
import org.parley.assistance.Program.Method;
import org.parley.assistance.Program.Office;
import org.parley.assistance.Program.RequiredDocument;
import org.parley.assistance.Program.Tier;
import org.parley.assistance.AssistanceSettingsRejected.Problem;
import org.parley.web.Echo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Assistance settings sent to the settings API, read and checked field by field: every problem
 * is named with its path, so one answer lists them all.
 */
final class SettingsParser {

    private static final Pattern PROGRAM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern DOCUMENT_ID = Pattern.compile("[a-z0-9][a-z0-9_]{0,39}");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Set<String> PLACEHOLDERS = Set.of("application", "language");
    /** A phone number as people write it: digits with spaces, dots, dashes, brackets, a +. */
    private static final Pattern PHONE =
            Pattern.compile("\\+?[0-9(][0-9 ().-]*[0-9](?:\\s*(?:x|ext\\.?)\\s*[0-9]{1,6})?");
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s]+@[^@\\s.]+(?:\\.[^@\\s.]+)*\\.[A-Za-z]{2,}");
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private SettingsParser() {
    }

    /**
     * Reads and checks settings sent to the API.
     *
     * @param languages the languages Parley speaks, which material languages must be among
     * @throws AssistanceSettingsRejected naming every wrong field
     */
    static AssistanceSettings parse(JsonNode root, Set<String> languages) {
        Reader r = new Reader(languages);
        AssistanceSettings settings = r.settings(root);
        if (!r.problems.isEmpty()) {
            throw new AssistanceSettingsRejected(r.problems);
        }
        return settings;
    }

    /** Walks the JSON, noting every problem with its path, and builds what it can. */
    private static final class Reader {

        private final Set<String> languages;
        private final List<Problem> problems = new ArrayList<>();

        Reader(Set<String> languages) {
            this.languages = languages;
        }

        AssistanceSettings settings(JsonNode root) {
            if (root == null || !root.isObject()) {
                problems.add(new Problem("(body)", shown(root), "a JSON object with programs"));
                return null;
            }
            known(root, "", Set.of("programs", "notifyPatients", "pauseCollections",
                    "defaultRegion"));
            boolean notify = bool(root, "notifyPatients", true);
            boolean pause = bool(root, "pauseCollections", true);
            Region region = Region.CONTIGUOUS;
            JsonNode r = root.get("defaultRegion");
            if (r != null && !r.isNull()) {
                Optional<Region> found = r.isTextual() ? Region.of(r.asText()) : Optional.empty();
                if (found.isEmpty()) {
                    problems.add(new Problem("defaultRegion", shown(r),
                            "one of contiguous, alaska, hawaii"));
                } else {
                    region = found.get();
                }
            }
            List<Program> programs = new ArrayList<>();
            JsonNode list = root.get("programs");
            if (list == null || !list.isArray()) {
                problems.add(new Problem("programs", shown(list), "a list of programs ([] for "
                        + "none)"));
            } else {
                Set<String> ids = new HashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    Program p = program(list.get(i), "programs[" + i + "]");
                    if (p != null && !ids.add(p.id())) {
                        problems.add(new Problem("programs[" + i + "].id", quoted(p.id()),
                                "an id no other program has"));
                    }
                    programs.add(p);
                }
            }
            return problems.isEmpty() ? new AssistanceSettings(programs, notify, pause, region)
                    : null;
        }

        private Program program(JsonNode p, String at) {
            if (!p.isObject()) {
                problems.add(new Problem(at, shown(p), "a program object"));
                return null;
            }
            known(p, at + ".", Set.of("id", "name", "tiers", "documents", "apply", "office",
                    "languages"));
            int before = problems.size();
            String id = text(p, at, "id", PROGRAM_ID,
                    "a program id of lowercase letters, digits and dashes, such as care-assist");
            String name = text(p, at, "name", null, "the program's name");
            List<Tier> tiers = tiers(p.get("tiers"), at + ".tiers");
            List<RequiredDocument> documents = documents(p.get("documents"), at + ".documents");
            HowToApply apply = apply(p.get("apply"), at + ".apply");
            Office office = office(p.get("office"), at + ".office");
            List<String> material = materialLanguages(p.get("languages"), at + ".languages");
            return problems.size() > before ? null
                    : new Program(id, name, tiers, documents, apply, office, material);
        }

        private List<Tier> tiers(JsonNode list, String at) {
            List<Tier> tiers = new ArrayList<>();
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(new Problem(at, shown(list), "a list of at least one tier, such as "
                        + "[{\"upToPercentOfPoverty\": 200, \"discountPercent\": 100}]"));
                return tiers;
            }
            Set<BigDecimal> limits = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String here = at + "[" + i + "]";
                JsonNode t = list.get(i);
                if (!t.isObject()) {
                    problems.add(new Problem(here, shown(t), "a tier object"));
                    continue;
                }
                known(t, here + ".", Set.of("upToPercentOfPoverty", "discountPercent"));
                BigDecimal upTo = percent(t, here, "upToPercentOfPoverty", THOUSAND,
                        "a percentage of the poverty guideline above 0 and at most 1000, with "
                                + "at most 2 decimals");
                BigDecimal discount = percent(t, here, "discountPercent", HUNDRED,
                        "a percentage above 0 and at most 100, with at most 2 decimals");
                if (upTo != null && !limits.add(upTo.stripTrailingZeros())) {
                    problems.add(new Problem(here + ".upToPercentOfPoverty",
                            upTo.toPlainString(), "a limit no other tier has"));
                }
                if (upTo != null && discount != null) {
                    tiers.add(new Tier(upTo, discount));
                }
            }
            if (tiers.size() == list.size()) {
                order(tiers, at);
            }
            return tiers;
        }

        /**
         * Tiers run from the lowest income limit up, each with a smaller discount than the one
         * before: a tier listed out of order overlaps the ones around it, and a larger discount
         * for a higher income is inverted.
         */
        private void order(List<Tier> tiers, String at) {
            for (int i = 1; i < tiers.size(); i++) {
                Tier before = tiers.get(i - 1);
                Tier tier = tiers.get(i);
                String here = at + "[" + i + "]";
                if (tier.upToPercent().compareTo(before.upToPercent()) < 0) {
                    problems.add(new Problem(here + ".upToPercentOfPoverty",
                            tier.upToPercent().toPlainString(), "above the limit of the tier "
                            + "before (" + before.upToPercent().toPlainString() + "); list the "
                            + "tiers from the lowest limit up, so that none overlaps another"));
                } else if (tier.upToPercent().compareTo(before.upToPercent()) > 0
                        && tier.discountPercent().compareTo(before.discountPercent()) >= 0) {
                    problems.add(new Problem(here + ".discountPercent",
                            tier.discountPercent().toPlainString(), "below the discount of the "
                            + "tier before (" + before.discountPercent().toPlainString() + "): "
                            + "a higher income limit gets a smaller discount"));
                }
            }
        }

        private List<RequiredDocument> documents(JsonNode list, String at) {
            List<RequiredDocument> documents = new ArrayList<>();
            if (list == null || list.isNull()) {
                return documents;
            }
            if (!list.isArray()) {
                problems.add(new Problem(at, shown(list), "a list of documents"));
                return documents;
            }
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String here = at + "[" + i + "]";
                JsonNode d = list.get(i);
                JsonNode idNode = d.isObject() ? d.get("id") : d;
                if (d.isObject()) {
                    known(d, here + ".", Set.of("id", "labels"));
                }
                String where = d.isObject() ? here + ".id" : here;
                if (idNode == null || !idNode.isTextual()
                        || !DOCUMENT_ID.matcher(idNode.asText()).matches()) {
                    problems.add(new Problem(where, shown(idNode), "a document id of lowercase "
                            + "letters, digits and underscores, such as proof_of_income"));
                    continue;
                }
                String id = idNode.asText();
                if (!ids.add(id)) {
                    problems.add(new Problem(where, quoted(id), "a document listed only once"));
                }
                Map<String, String> labels = labels(d.isObject() ? d.get("labels") : null,
                        here + ".labels", id);
                documents.add(new RequiredDocument(id, labels));
            }
            return documents;
        }

        private Map<String, String> labels(JsonNode node, String at, String id) {
            Map<String, String> labels = new LinkedHashMap<>();
            boolean catalogued = RequiredDocument.CATALOGUE.contains(id);
            if (node == null || node.isNull()) {
                if (!catalogued) {
                    problems.add(new Problem(at, "", "names by language, at least {\"en\": ...}, "
                            + "for a document outside the catalogue "
                            + new java.util.TreeSet<>(RequiredDocument.CATALOGUE)));
                }
                return labels;
            }
            if (catalogued) {
                problems.add(new Problem(at, shown(node), "given for '" + id + "', which "
                        + "Parley names in every language already; remove the labels"));
                return labels;
            }
            if (!node.isObject() || !node.has("en")) {
                problems.add(new Problem(at, shown(node), "names by language with at least "
                        + "\"en\", such as {\"en\": \"Proof of residency\"}"));
                return labels;
            }
            node.fields().forEachRemaining(e -> {
                if (!languages.contains(e.getKey())) {
                    problems.add(new Problem(at + "." + e.getKey(), quoted(e.getKey()),
                            "a language Parley speaks: " + new java.util.TreeSet<>(languages)));
                } else if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                    problems.add(new Problem(at + "." + e.getKey(), shown(e.getValue()),
                            "the document's name in that language"));
                } else {
                    labels.put(e.getKey(), e.getValue().asText().strip());
                }
            });
            return labels;
        }

        private HowToApply apply(JsonNode a, String at) {
            if (a == null || !a.isObject()) {
                problems.add(new Problem(at, shown(a), "{\"method\": \"link\", \"url\": ...}, "
                        + "or the method form (with a url) or post"));
                return null;
            }
            known(a, at + ".", Set.of("method", "url"));
            JsonNode m = a.get("method");
            Method method = null;
            for (Method candidate : Method.values()) {
                if (m != null && m.isTextual() && candidate.code().equals(m.asText())) {
                    method = candidate;
                }
            }
            if (method == null) {
                problems.add(new Problem(at + ".method", shown(m), "one of link, form, post"));
                return null;
            }
            JsonNode u = a.get("url");
            if (method == Method.POST) {
                if (u != null && !u.isNull()) {
                    problems.add(new Problem(at + ".url", shown(u), "given for post, where a "
                            + "person mails the form; remove it, or use the method form"));
                }
                return new HowToApply(method, Optional.empty());
            }
            if (u == null || !u.isTextual() || !u.asText().startsWith("https://")
                    || u.asText().contains(" ")) {
                problems.add(new Problem(at + ".url", shown(u), "an https:// address, which may "
                        + "hold {application} and {language}"));
                return null;
            }
            var placeholders = PLACEHOLDER.matcher(u.asText());
            while (placeholders.find()) {
                if (!PLACEHOLDERS.contains(placeholders.group(1))) {
                    problems.add(new Problem(at + ".url", quoted(u.asText()), "an address whose "
                            + "placeholders are only {application} and {language}; remove {"
                            + placeholders.group(1) + "}"));
                    return null;
                }
            }
            return new HowToApply(method, Optional.of(u.asText()));
        }

        private Office office(JsonNode o, String at) {
            if (o == null || !o.isObject()) {
                problems.add(new Problem(at, shown(o), "the office patients contact, such as "
                        + "{\"name\": ..., \"phone\": ...}"));
                return null;
            }
            known(o, at + ".", Set.of("name", "phone", "email", "address"));
            String name = text(o, at, "name", null, "the office's name");
            String phone = text(o, at, "phone", null, "the office's phone number");
            if (phone != null && !phone(phone)) {
                problems.add(new Problem(at + ".phone", quoted(phone), "a phone number of 7 to "
                        + "15 digits, such as (555) 010-0177 or +1 555 010 0177"));
            }
            Optional<String> email = optionalText(o, at, "email");
            if (email.isPresent() && !EMAIL.matcher(email.get()).matches()) {
                problems.add(new Problem(at + ".email", quoted(email.get()), "an email address "
                        + "such as assistance@example-health.example.test"));
            }
            return new Office(name, phone, email, optionalText(o, at, "address"));
        }

        private static boolean phone(String text) {
            String number = text.replaceAll("(?i)\\s*(?:x|ext\\.?)\\s*[0-9]{1,6}$", "");
            long digits = number.chars().filter(Character::isDigit).count();
            return PHONE.matcher(text).matches() && digits >= 7 && digits <= 15;
        }

        private List<String> materialLanguages(JsonNode list, String at) {
            List<String> found = new ArrayList<>();
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add(new Problem(at, shown(list), "a list of the languages the "
                        + "application exists in, such as [\"en\", \"es\"]"));
                return found;
            }
            for (int i = 0; i < list.size(); i++) {
                JsonNode l = list.get(i);
                if (!l.isTextual() || !languages.contains(l.asText())) {
                    problems.add(new Problem(at + "[" + i + "]", shown(l), "a language Parley "
                            + "speaks: " + new java.util.TreeSet<>(languages)));
                } else if (found.contains(l.asText())) {
                    problems.add(new Problem(at + "[" + i + "]", shown(l),
                            "a language listed only once"));
                } else {
                    found.add(l.asText());
                }
            }
            return found;
        }

        private BigDecimal percent(JsonNode node, String at, String field, BigDecimal max,
                                   String expected) {
            JsonNode v = node.get(field);
            BigDecimal value = null;
            if (v != null && (v.isNumber() || v.isTextual())) {
                try {
                    value = new BigDecimal(v.asText().strip());
                } catch (NumberFormatException e) {
                    value = null;
                }
            }
            if (value == null || value.signum() <= 0 || value.compareTo(max) > 0
                    || value.stripTrailingZeros().scale() > 2) {
                problems.add(new Problem(at + "." + field, shown(v), expected));
                return null;
            }
            return value;
        }

        private String text(JsonNode node, String at, String field, Pattern pattern,
                            String expected) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()
                    || (pattern != null && !pattern.matcher(v.asText()).matches())) {
                problems.add(new Problem(at + "." + field, shown(v), expected));
                return null;
            }
            return v.asText().strip();
        }

        private Optional<String> optionalText(JsonNode node, String at, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return Optional.empty();
            }
            if (!v.isTextual() || v.asText().isBlank()) {
                problems.add(new Problem(at + "." + field, shown(v), "text, or no field at all"));
                return Optional.empty();
            }
            return Optional.of(v.asText().strip());
        }

        private boolean bool(JsonNode node, String field, boolean otherwise) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return otherwise;
            }
            if (!v.isBoolean()) {
                problems.add(new Problem(field, shown(v), "true or false"));
                return otherwise;
            }
            return v.asBoolean();
        }

        private void known(JsonNode node, String prefix, Set<String> fields) {
            node.fieldNames().forEachRemaining(name -> {
                if (!fields.contains(name)) {
                    problems.add(new Problem(prefix + name, quoted(name), "a known field; use "
                            + new java.util.TreeSet<>(fields)));
                }
            });
        }

        private static String shown(JsonNode v) {
            return v == null ? "" : Echo.cap(v.toString());
        }

        private static String quoted(String s) {
            return "'" + Echo.cap(s) + "'";
        }
    }
}
