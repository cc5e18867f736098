package org.parley.dialog;

import org.parley.dialog.ContentCheck.Problem;
import org.parley.dialog.Step.Say;
import org.parley.dialog.Step.Transition;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.parley.dialog.ContentCheck.REFERENCE;
import static org.parley.dialog.ContentCheck.intentsFile;
import static org.parley.dialog.ContentCheck.lineOf;
import static org.parley.dialog.ContentCheck.messagesFile;

/** The checks that start from the flows: keys they say, intents, paths and actions. */
final class FlowCheck {

    private static final String ENTRY_FLOW = "main";
    /** What each {@code requires:} condition makes the engine run first. */
    private static final Map<String, String> CONDITIONS = Map.of("verified", "verify-identity");
    private static final String TARGETS =
            "use a step of this flow, flow.step, @flow, return or end";

    private final List<Flow> flows;
    private final Map<String, Flow> byName;
    private final Map<String, LocaleContent> locales;
    private final Map<String, Set<String>> actions;
    private final List<Problem> problems;

    FlowCheck(Map<String, Flow> flows, Map<String, LocaleContent> locales,
              Map<String, Set<String>> actions, List<Problem> problems) {
        this.flows = flows.values().stream().sorted(Comparator.comparing(Flow::file)).toList();
        this.byName = flows;
        this.locales = locales;
        this.actions = actions;
        this.problems = problems;
    }

    void run(Set<String> keysUsedByCode) {
        messageKeys(keysUsedByCode);
        intents();
        targets();
        reach();
        actions();
    }

    private void messageKeys(Set<String> keysUsedByCode) {
        LocaleContent en = locales.get(REFERENCE);
        if (en == null) {
            String file = locales.values().stream().findFirst()
                    .map(l -> l.folder().resolveSibling(REFERENCE).resolve("messages.yaml"))
                    .map(Path::toString).orElse("locales/en/messages.yaml");
            problems.add(new Problem(file, 1, "there is no reference language '" + REFERENCE
                    + "'; every flow's wording must exist in English first, so add this file"));
            return;
        }

        for (Flow flow : flows) {
            for (Step step : steps(flow)) {
                for (Say say : step.say()) {
                    requireKey(en, flow, step, say.key(), "says '" + say.key() + "'");
                }
                step.on().forEach((when, go) -> go.say().ifPresent(key ->
                        requireKey(en, flow, step, key, "says '" + key + "' on '" + when + "'")));
                step.reprompt().ifPresent(key ->
                        requireKey(en, flow, step, key, "reprompts with '" + key + "'"));
                for (String intent : step.options()) {
                    String key = "option." + intent;
                    requireKey(en, flow, step, key,
                            "labels option '" + intent + "' with '" + key + "'");
                }
            }
        }

        for (String key : new TreeSet<>(keysUsedByCode)) {
            if (!en.messages().containsKey(key)) {
                problems.add(new Problem(messagesFile(en), 1, "the Java code says '" + key
                        + "', which " + definedBy(key) + "; add it to " + messagesFile(en)));
            }
        }
    }

    private void requireKey(LocaleContent en, Flow flow, Step step, String key, String use) {
        if (!en.messages().containsKey(key)) {
            problems.add(new Problem(flow.file(), step.line(), "step '" + step.name() + "' " + use
                    + ", which " + definedBy(key) + "; add it to " + messagesFile(en)
                    + " or fix the key"));
        }
    }

    private String definedBy(String key) {
        List<String> languages = locales.values().stream()
                .filter(l -> l.messages().containsKey(key)).map(LocaleContent::language).toList();
        return languages.isEmpty() ? "no language defines"
                : "only " + String.join(", ", languages) + " defines";
    }

    /** Each intent a flow listens for needs phrases in every language, or it is never matched. */
    private void intents() {
        Map<String, Step> firstUse = new LinkedHashMap<>();
        Map<String, Flow> firstFlow = new LinkedHashMap<>();
        for (Flow flow : flows) {
            for (Step step : steps(flow)) {
                Set<String> heard = new TreeSet<>(step.options());
                if (step.waits() && step.action().isEmpty()) {
                    heard.addAll(step.on().keySet());
                }
                for (String intent : heard) {
                    firstUse.putIfAbsent(intent, step);
                    firstFlow.putIfAbsent(intent, flow);
                }
            }
        }

        firstUse.forEach((intent, step) -> {
            for (LocaleContent locale : locales.values()) {
                boolean trained = locale.intents().getOrDefault(intent, List.of()).stream()
                        .anyMatch(phrase -> !phrase.text().isBlank());
                if (!trained) {
                    problems.add(new Problem(firstFlow.get(intent).file(), step.line(),
                            "step '" + step.name() + "' listens for intent '" + intent
                                    + "', which has no training phrases in " + locale.language()
                                    + "; add some under '" + intent + ":' in "
                                    + intentsFile(locale)));
                }
            }
        });
    }

    private void targets() {
        for (Flow flow : flows) {
            if (!flow.steps().containsKey(flow.start())) {
                problems.add(new Problem(flow.file(), lineOf(flow.file(), "start"), "start '"
                        + flow.start() + "' is not a step of flow '" + flow.name()
                        + "'; name one of " + new TreeSet<>(flow.steps().keySet())));
            }
            flow.requires().ifPresent(condition -> requirement(flow, condition));
            for (Step step : steps(flow)) {
                exits(step).forEach((how, target) -> whyUnknown(flow, target).ifPresent(why ->
                        problems.add(new Problem(flow.file(), step.line(), "step '" + step.name()
                                + "' goes to '" + target + "' " + how + ", but " + why + "; "
                                + TARGETS))));
            }
        }
    }

    private void requirement(Flow flow, String condition) {
        String runs = CONDITIONS.get(condition);
        if (runs == null) {
            problems.add(new Problem(flow.file(), lineOf(flow.file(), "requires"), "requires '"
                    + condition + "', which is not a condition the engine knows; use one of "
                    + new TreeSet<>(CONDITIONS.keySet()) + " or remove it"));
        } else if (!byName.containsKey(runs)) {
            problems.add(new Problem(flow.file(), lineOf(flow.file(), "requires"), "requires '"
                    + condition + "', which runs flow '" + runs + "', but there is no such flow; "
                    + "add dialogs/" + runs + ".yaml or remove the requirement"));
        }
    }

    /**
     * Walks from every flow's start; a step none of them reaches is dead content. A whole flow
     * that no other flow leads to is never entered, unless it is the entry flow.
     */
    private void reach() {
        Set<Flow> entered = new HashSet<>();
        byName.values().forEach(f -> f.requires().map(CONDITIONS::get).map(byName::get)
                .ifPresent(entered::add));
        Set<Ref> reached = new HashSet<>();
        Deque<Ref> todo = new ArrayDeque<>();
        for (Flow flow : flows) {
            if (flow.steps().containsKey(flow.start())) {
                todo.add(new Ref(flow, flow.start()));
            }
            for (Step step : flow.steps().values()) {
                exits(step).values().forEach(t -> resolve(flow, t).map(Ref::flow)
                        .filter(other -> other != flow).ifPresent(entered::add));
            }
        }

        // The engine itself hands over to these steps when it cannot go on.
        for (String target : List.of(DialogEngine.NOT_UNDERSTOOD_STEP,
                DialogEngine.DISTRESS_STEP)) {
            int dot = target.indexOf('.');
            Flow flow = byName.get(target.substring(0, dot));
            if (flow != null && flow.steps().containsKey(target.substring(dot + 1))) {
                todo.add(new Ref(flow, target.substring(dot + 1)));
            }
        }
        while (!todo.isEmpty()) {
            Ref ref = todo.poll();
            if (reached.add(ref)) {
                exits(ref.flow().step(ref.step())).values()
                        .forEach(t -> resolve(ref.flow(), t).ifPresent(todo::add));
            }
        }

        for (Flow flow : flows) {
            if (!entered.contains(flow) && !flow.name().equals(ENTRY_FLOW)
                    && flow.enteredBy().isEmpty()) {
                problems.add(new Problem(flow.file(), 1, "flow '" + flow.name() + "' is never "
                        + "entered: no other flow goes to '@" + flow.name() + "' or '"
                        + flow.name() + ".<step>' and none requires it; lead to it from another "
                        + "flow or remove the file"));
            }
            for (Step step : steps(flow)) {
                if (!reached.contains(new Ref(flow, step.name()))) {
                    problems.add(new Problem(flow.file(), step.line(), "step '" + step.name()
                            + "' is never reached from any flow's start; lead to it with 'next' "
                            + "or 'on' from another step, or remove it"));
                }
            }
        }
    }

    private void actions() {
        for (Flow flow : flows) {
            for (Step step : steps(flow)) {
                step.action().ifPresent(action -> action(flow, step, action));
            }
        }
    }

    private void action(Flow flow, Step step, String action) {
        Set<String> outcomes = actions.get(action);
        if (outcomes == null) {
            problems.add(new Problem(flow.file(), step.line(), "step '" + step.name()
                    + "' runs action '" + action + "', which the engine does not provide; use one "
                    + "of " + new TreeSet<>(actions.keySet())));
            return;
        }

        for (String when : new TreeSet<>(step.on().keySet())) {
            if (!outcomes.contains(when) && !step.options().contains(when)) {
                problems.add(new Problem(flow.file(), step.line(), "step '" + step.name()
                        + "' maps outcome '" + when + "', which action '" + action
                        + "' never returns; it returns " + new TreeSet<>(outcomes)));
            }
        }

        Set<String> unmapped = new TreeSet<>(outcomes);
        unmapped.removeAll(step.on().keySet());
        if (!step.waits() && step.next().isEmpty() && !unmapped.isEmpty()) {
            problems.add(new Problem(flow.file(), step.line(), "step '" + step.name()
                    + "' has no 'next' and does not map outcomes " + unmapped + " of action '"
                    + action + "'; map them under 'on' or add 'next'"));
        }
    }

    /** Where a step can lead, keyed by how it gets there. */
    private static Map<String, String> exits(Step step) {
        Map<String, String> exits = new LinkedHashMap<>();
        step.next().ifPresent(target -> exits.put("next", target));
        for (Map.Entry<String, Transition> on : new TreeMap<>(step.on()).entrySet()) {
            exits.put("on '" + on.getKey() + "'", on.getValue().target());
        }
        return exits;
    }

    private Optional<String> whyUnknown(Flow from, String target) {
        if (target.equals("return") || target.equals("end")) {
            return Optional.empty();
        }
        if (target.startsWith("@")) {
            String name = target.substring(1);
            return byName.containsKey(name) ? Optional.empty()
                    : Optional.of("there is no flow '" + name + "'");
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            return from.steps().containsKey(target) ? Optional.empty()
                    : Optional.of("this flow has no step '" + target + "'");
        }
        Flow flow = byName.get(target.substring(0, dot));
        if (flow == null) {
            return Optional.of("there is no flow '" + target.substring(0, dot) + "'");
        }
        String step = target.substring(dot + 1);
        return flow.steps().containsKey(step) ? Optional.empty()
                : Optional.of("flow '" + flow.name() + "' has no step '" + step + "'");
    }

    /** The step a target leads to; empty for return, end and targets that name nothing. */
    private Optional<Ref> resolve(Flow from, String target) {
        if (whyUnknown(from, target).isPresent() || target.equals("return")
                || target.equals("end")) {
            return Optional.empty();
        }
        if (target.startsWith("@")) {
            Flow flow = byName.get(target.substring(1));
            return Optional.of(new Ref(flow, flow.start()))
                    .filter(ref -> flow.steps().containsKey(ref.step()));
        }
        int dot = target.indexOf('.');
        return Optional.of(dot < 0 ? new Ref(from, target)
                : new Ref(byName.get(target.substring(0, dot)), target.substring(dot + 1)));
    }

    private static List<Step> steps(Flow flow) {
        return flow.steps().values().stream().sorted(Comparator.comparingInt(Step::line)).toList();
    }

    private record Ref(Flow flow, String step) {
    }
}
