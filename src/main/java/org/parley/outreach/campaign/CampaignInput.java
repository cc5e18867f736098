package org.parley.outreach.campaign;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a campaign definition from the API's JSON, checking all of it and listing every wrong
 * field at once: a definition with any problem is refused whole.
 *
 * @param today     the client's today: a campaign may not start before it
 * @param languages the languages Parley speaks, which a language rule may name
 * @param keys      the message keys every language has: templates must be among them
 * @param replyOptions the options of the step a reply continues at, in order: a step offers
 *                  the first of them, so that the number a patient answers means the same there
 */
record CampaignInput(LocalDate today, Set<String> languages, Set<String> keys,
                     List<String> replyOptions) {

    /** The most steps one campaign may have. */
    static final int MAX_STEPS = 10;
    /** The longest a campaign may run, in days. */
    static final int MAX_DAYS = 366;
    static final int MAX_NAME = 100;

    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,2})?");
    private static final List<String> FIELDS = List.of("name", "audience", "steps", "start",
            "end");
    private static final List<String> AUDIENCE_FIELDS = List.of("list", "balance",
            "daysSinceFirstStatement", "planState", "languages", "reachable", "noContactDays");
    private static final List<String> STEP_FIELDS = List.of("day", "channel", "template",
            "options");

    /** A checked definition, ready to be stored. */
    record Draft(String name, Audience audience, List<CampaignStep> steps, LocalDate start,
                 LocalDate end) {
    }

    /**
     * @throws CampaignRejected naming every wrong field
     */
    Draft read(JsonNode body) {
        List<CampaignRejected.Problem> problems = new ArrayList<>();
        if (!body.isObject()) {
            throw new CampaignRejected(List.of(new CampaignRejected.Problem("body",
                    shown(body), "a JSON object with name, audience, steps, start and end")));
        }
        unknownFields(body, "", FIELDS, problems);

        Optional<String> given = text(body, "name", problems).map(String::strip);
        String name = given.orElse("");
        // Not a string is named once, above.
        if (given.isPresent() && (name.isEmpty() || name.length() > MAX_NAME
                || name.chars().anyMatch(Character::isISOControl))) {
            problems.add(new CampaignRejected.Problem("name", shown(body.get("name")),
                    "a name of 1 to " + MAX_NAME + " characters with no control characters "
                            + "(such as line breaks or \\u0000)"));
        }
        Optional<LocalDate> start = date(body, "start", problems);
        Optional<LocalDate> end = date(body, "end", problems);
        start.filter(s -> s.isBefore(today)).ifPresent(s -> problems.add(
                new CampaignRejected.Problem("start", s.toString(), "today (" + today
                        + ") or later in the client's time zone")));
        if (start.isPresent() && end.isPresent()) {
            if (end.get().isBefore(start.get())) {
                problems.add(new CampaignRejected.Problem("end", end.get().toString(),
                        "on or after start (" + start.get() + ")", "end " + end.get()
                        + " is before start " + start.get() + "; give an end on or after the "
                        + "start"));
            } else if (end.get().isAfter(start.get().plusDays(MAX_DAYS - 1L))) {
                problems.add(new CampaignRejected.Problem("end", end.get().toString(),
                        "within " + MAX_DAYS + " days of start"));
            }
        }
        Audience audience = audience(body.get("audience"), problems);
        List<CampaignStep> steps = steps(body.get("steps"), start, end, problems);

        if (!problems.isEmpty()) {
            throw new CampaignRejected(problems);
        }
        return new Draft(name, audience, steps, start.orElseThrow(), end.orElseThrow());
    }

    private Audience audience(JsonNode node, List<CampaignRejected.Problem> problems) {
        if (node == null || node.isNull()) {
            problems.add(new CampaignRejected.Problem("audience", "", "an object of rules, "
                    + "or {\"list\": true} for an uploaded list of accounts"));
            return Audience.uploaded();
        }
        if (!node.isObject()) {
            problems.add(new CampaignRejected.Problem("audience", shown(node), "an object"));
            return Audience.uploaded();
        }
        unknownFields(node, "audience.", AUDIENCE_FIELDS, problems);
        if (node.has("list")) {
            if (!node.get("list").isBoolean() || !node.get("list").asBoolean()) {
                problems.add(new CampaignRejected.Problem("audience.list", shown(node.get("list")),
                        "true (leave it out for an audience by rules)"));
            } else if (node.size() > 1) {
                problems.add(new CampaignRejected.Problem("audience", shown(node),
                        "either {\"list\": true} or rules, not both"));
            }
            return Audience.uploaded();
        }

        Optional<BigDecimal> min = Optional.empty();
        Optional<BigDecimal> max = Optional.empty();
        JsonNode balance = node.get("balance");
        if (balance != null) {
            if (!balance.isObject()) {
                problems.add(new CampaignRejected.Problem("audience.balance", shown(balance),
                        "an object such as {\"min\": \"100.00\", \"max\": \"5000.00\"}"));
            } else {
                unknownFields(balance, "audience.balance.", List.of("min", "max"), problems);
                min = money(balance, "audience.balance.min", "min", problems);
                max = money(balance, "audience.balance.max", "max", problems);
                if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                    problems.add(new CampaignRejected.Problem("audience.balance.max",
                            max.get().toPlainString(), "at least min (" + min.get()
                            .toPlainString() + ")"));
                }
            }
        }
        Optional<Integer> daysMin = Optional.empty();
        Optional<Integer> daysMax = Optional.empty();
        JsonNode days = node.get("daysSinceFirstStatement");
        if (days != null) {
            String at = "audience.daysSinceFirstStatement";
            if (!days.isObject()) {
                problems.add(new CampaignRejected.Problem(at, shown(days),
                        "an object such as {\"min\": 30, \"max\": 120}"));
            } else {
                unknownFields(days, at + ".", List.of("min", "max"), problems);
                daysMin = count(days.get("min"), at + ".min", 0, 3650, problems);
                daysMax = count(days.get("max"), at + ".max", 0, 3650, problems);
                if (daysMin.isPresent() && daysMax.isPresent() && daysMin.get() > daysMax.get()) {
                    problems.add(new CampaignRejected.Problem(at + ".max", daysMax.get()
                            .toString(), "at least min (" + daysMin.get() + ")"));
                }
            }
        }
        List<String> plans = words(node.get("planState"), "audience.planState",
                Set.copyOf(Audience.PLAN_STATES), problems);
        List<String> langs = words(node.get("languages"), "audience.languages", languages,
                problems);
        List<String> reach = words(node.get("reachable"), "audience.reachable",
                Set.copyOf(Audience.CHANNELS), problems);
        Optional<Integer> quiet = count(node.get("noContactDays"), "audience.noContactDays", 1,
                3650, problems);
        return new Audience(false, min, max, daysMin, daysMax, plans, langs, reach, quiet);
    }

    private List<CampaignStep> steps(JsonNode node, Optional<LocalDate> start,
                                     Optional<LocalDate> end,
                                     List<CampaignRejected.Problem> problems) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > MAX_STEPS) {
            problems.add(new CampaignRejected.Problem("steps", node == null ? "" : shown(node),
                    "a list of 1 to " + MAX_STEPS + " steps such as {\"day\": 1, \"channel\": "
                            + "\"sms\", \"template\": \"campaign.reminder\"}"));
            return List.of();
        }
        List<CampaignStep> steps = new ArrayList<>();
        int previousDay = 0;
        for (int i = 0; i < node.size(); i++) {
            String at = "steps[" + i + "]";
            JsonNode step = node.get(i);
            if (!step.isObject()) {
                problems.add(new CampaignRejected.Problem(at, shown(step), "an object"));
                continue;
            }
            unknownFields(step, at + ".", STEP_FIELDS, problems);
            Optional<Integer> day = count(step.get("day"), at + ".day", 1, MAX_DAYS, problems);
            if (!step.has("day")) {
                problems.add(new CampaignRejected.Problem(at + ".day", "",
                        "the campaign day it goes out, 1 being the start day"));
            }
            if (day.isPresent() && day.get() <= previousDay) {
                problems.add(new CampaignRejected.Problem(at + ".day", day.get().toString(),
                        "after the previous step's day (" + previousDay + ")"));
            }
            // With the end before the start, the end is the problem, named once above.
            if (day.isPresent() && start.isPresent() && end.isPresent()
                    && !end.get().isBefore(start.get())
                    && start.get().plusDays(day.get() - 1L).isAfter(end.get())) {
                problems.add(new CampaignRejected.Problem(at + ".day", day.get().toString(),
                        "within the campaign: day " + (end.get().toEpochDay()
                                - start.get().toEpochDay() + 1) + " is its end (" + end.get()
                                + ")"));
            }
            String channel = text(step, "channel", at + ".channel", problems).orElse("");
            if (step.hasNonNull("channel") && !Audience.CHANNELS.contains(channel)) {
                problems.add(new CampaignRejected.Problem(at + ".channel", channel,
                        "sms or email"));
            }
            String template = text(step, "template", at + ".template", problems).orElse("");
            if (step.hasNonNull("template") && !template.isEmpty()
                    && !(keys.contains(template) && keys.contains(template + ".generic"))) {
                problems.add(new CampaignRejected.Problem(at + ".template", template,
                        "a message key with a .generic variant in every language, such as "
                                + "campaign.reminder (see locales/<lang>/campaign.messages.yaml)"));
            }
            List<String> options = options(step.get("options"), at + ".options", problems);
            if (day.isPresent()) {
                previousDay = day.get();
            }
            steps.add(new CampaignStep(i + 1, day.orElse(0), channel, template, options));
        }
        return steps;
    }

    private List<String> options(JsonNode node, String at,
                                 List<CampaignRejected.Problem> problems) {
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            problems.add(new CampaignRejected.Problem(at, shown(node),
                    "a list of intents, such as [\"pay\", \"payment_plan\"]"));
            return List.of();
        }
        List<String> options = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode o = node.get(i);
            if (i >= replyOptions.size() || !o.isTextual()
                    || !o.asText().equals(replyOptions.get(i))) {
                problems.add(new CampaignRejected.Problem(at + "[" + i + "]", shown(o),
                        (i < replyOptions.size() ? replyOptions.get(i) : "there")
                                + ": a step offers the first options of the reply step "
                                + Campaigns.REPLY_STEP + ", in its order: "
                                + String.join(", ", replyOptions)));
            } else {
                options.add(o.asText());
            }
        }
        return options;
    }

    private static List<String> words(JsonNode node, String at, Set<String> allowed,
                                      List<CampaignRejected.Problem> problems) {
        if (node == null) {
            return List.of();
        }
        String expected = "a non-empty list of: " + String.join(", ",
                allowed.stream().sorted().toList());
        if (!node.isArray() || node.isEmpty()) {
            problems.add(new CampaignRejected.Problem(at, shown(node), expected));
            return List.of();
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode w = node.get(i);
            if (!w.isTextual() || !allowed.contains(w.asText())) {
                problems.add(new CampaignRejected.Problem(at + "[" + i + "]", shown(w),
                        "one of " + String.join(", ", allowed.stream().sorted().toList())));
            } else if (!words.contains(w.asText())) {
                words.add(w.asText());
            }
        }
        return words;
    }

    /** An amount as the documented form only: a JSON string of digits, two decimals at most. */
    private static Optional<BigDecimal> money(JsonNode parent, String at, String field,
                                              List<CampaignRejected.Problem> problems) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return Optional.empty();
        }
        if (node.isTextual() && AMOUNT.matcher(node.asText()).matches()) {
            return Optional.of(new BigDecimal(node.asText()));
        }
        problems.add(new CampaignRejected.Problem(at, shown(node), "an amount as a JSON "
                + "string of digits with at most two decimals, such as \"100.00\" (no number, "
                + "sign, exponent or spaces)"));
        return Optional.empty();
    }

    private static Optional<Integer> count(JsonNode node, String at, int min, int max,
                                           List<CampaignRejected.Problem> problems) {
        if (node == null) {
            return Optional.empty();
        }
        if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
            problems.add(new CampaignRejected.Problem(at, shown(node),
                    "a whole number from " + min + " to " + max));
            return Optional.empty();
        }
        return Optional.of(node.asInt());
    }

    private static Optional<LocalDate> date(JsonNode body, String field,
                                            List<CampaignRejected.Problem> problems) {
        Optional<String> text = text(body, field, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.get()));
        } catch (DateTimeParseException e) {
            problems.add(new CampaignRejected.Problem(field, text.get(),
                    "a date as YYYY-MM-DD, such as 2026-12-07"));
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode body, String field,
                                         List<CampaignRejected.Problem> problems) {
        return text(body, field, field, problems);
    }

    private static Optional<String> text(JsonNode body, String field, String at,
                                         List<CampaignRejected.Problem> problems) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            problems.add(new CampaignRejected.Problem(at, "", "a string"));
            return Optional.empty();
        }
        if (!node.isTextual()) {
            problems.add(new CampaignRejected.Problem(at, shown(node), "a string"));
            return Optional.empty();
        }
        return Optional.of(node.asText());
    }

    private static void unknownFields(JsonNode node, String prefix, List<String> known,
                                      List<CampaignRejected.Problem> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new CampaignRejected.Problem(prefix + name, shown(node.get(name)),
                        "a known field; use " + String.join(", ", known)));
            }
        }
    }

    /** The value as sent, cut short: a problem repeats it, never a whole body. */
    private static String shown(JsonNode node) {
        String text = node.isTextual() && !node.asText().isBlank() ? node.asText()
                : node.isBigDecimal() ? node.decimalValue().toPlainString() : node.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
