package org.parley.dialog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves a turn through the flows: enters steps and says what they say, runs the actions of
 * steps that wait for nothing, follows transitions (verifying the patient first where a flow
 * requires it), asks again, goes back, and hands over to a person.
 */
final class FlowRunner {

    private static final int MAX_HOPS = 32;
    private static final int MAX_HISTORY = 10;
    private static final String VERIFY_FLOW = "verify-identity";
    private static final String AGENT_FLOW = "talk-to-agent";

    private final Map<String, Flow> flows;
    private final Map<String, Action> actions;

    FlowRunner(Map<String, Flow> flows, Map<String, Action> actions) {
        this.flows = flows;
        this.actions = actions;
    }

    /** The step the turn stands at. */
    Step current(Turn turn) {
        return flows.get(turn.flow()).step(turn.step());
    }

    /**
     * The options asked at {@code step}, the turn's current one: those a notice offered there
     * ({@link DialogState#answeringAt}), otherwise the step's own.
     */
    List<String> options(Turn turn, Step step) {
        String offered = turn.slots().get(DialogState.OFFERED + turn.flow() + "." + step.name());
        return offered == null ? step.options() : List.of(offered.split(","));
    }

    /** Follows the transition {@code step} maps {@code outcome} to, or asks again. */
    void follow(Turn turn, Step step, String outcome) {
        Step.Transition transition = step.on().get(outcome);
        if (transition == null) {
            reprompt(turn, step);
            return;
        }
        transition.say().ifPresent(key -> say(turn, key, List.of()));
        go(turn, transition.target());
    }

    /**
     * Says the step's reprompt for an answer not understood; after
     * {@value DialogEngine#NOT_UNDERSTOOD_LIMIT} in a row, hands over to a person instead.
     */
    void reprompt(Turn turn, Step step) {
        turn.notUnderstood();
        if (turn.state().misunderstood() + 1 >= DialogEngine.NOT_UNDERSTOOD_LIMIT
                && !turn.needsAgent()) {
            handOver(turn, "not_understood", DialogEngine.NOT_UNDERSTOOD_STEP);
            return;
        }
        say(turn, step.reprompt().orElse("menu.reprompt"), options(turn, step));
    }

    /**
     * Marks the conversation for a person for {@code reason} and enters {@code target}, the
     * step that tells the patient so; without that step in the content, the talk-to-agent
     * flow's start.
     */
    void handOver(Turn turn, String reason, String target) {
        turn.needAgent(reason);
        turn.slots().clear();
        turn.returns().clear();
        int dot = target.indexOf('.');
        Flow flow = flows.get(target.substring(0, dot));
        if (flow != null && flow.steps().containsKey(target.substring(dot + 1))) {
            enter(turn, flow.name(), target.substring(dot + 1));
        } else if (flows.containsKey(AGENT_FLOW)) {
            enter(turn, AGENT_FLOW, flows.get(AGENT_FLOW).start());
        }
    }

    /** Asks the current step's question again; a step that waits for nothing says nothing. */
    void repeatPrompt(Turn turn) {
        Step step = current(turn);
        if (!step.waits()) {
            return;
        }
        ask(turn, step);
    }

    /** Returns to the question answered before the current one. */
    void goBack(Turn turn) {
        List<String> history = turn.history();
        if (history.isEmpty()) {
            say(turn, "back.nothing", List.of());
            repeatPrompt(turn);
            return;
        }
        // Once verified, the identity questions are behind the patient, not a place to return to.
        while (turn.verifiedAccount().isPresent() && !history.isEmpty()
                && history.get(history.size() - 1).startsWith(VERIFY_FLOW + ".")) {
            history.remove(history.size() - 1);
        }
        if (history.isEmpty()) {
            say(turn, "back.nothing", List.of());
            repeatPrompt(turn);
            return;
        }
        String previous = history.remove(history.size() - 1);
        turn.slots().clear();
        String flow = previous.substring(0, previous.indexOf('.'));
        Step step = flows.get(flow).step(previous.substring(previous.indexOf('.') + 1));
        turn.at(flow, step.name());
        turn.markBack();
        ask(turn, step);
    }

    /** Records the question just answered, so that "go back" can return to it. */
    static void remember(Turn turn, String origin) {
        String now = turn.flow() + "." + turn.step();
        if (turn.wentBack() || now.equals(origin)) {
            return;
        }
        List<String> history = turn.history();
        history.add(origin);
        if (history.size() > MAX_HISTORY) {
            history.remove(0);
        }
    }

    /**
     * Leads the turn to {@code target} as a transition names it: {@code flow.step},
     * {@code @flow}, a step of the current flow, {@code return} or {@code end}.
     */
    void go(Turn turn, String target) {
        if (target.equals("end")) {
            return;
        }
        if (target.equals("return")) {
            List<String> returns = turn.returns();
            target = returns.isEmpty() ? "main.again" : returns.remove(returns.size() - 1);
        }
        String flow = turn.flow();
        String step;
        if (target.startsWith("@")) {
            flow = target.substring(1);
            step = flows.get(flow).start();
        } else if (target.contains(".")) {
            flow = target.substring(0, target.indexOf('.'));
            step = target.substring(target.indexOf('.') + 1);
        } else {
            step = target;
        }

        Flow next = flows.get(flow);
        if (next.requires().filter("verified"::equals).isPresent()
                && !turn.verifiedAccount().isPresent()) {
            if (turn.locked()) {
                enter(turn, VERIFY_FLOW, "locked");
                return;
            }
            turn.returns().add(flow + "." + step);
            turn.slots().clear();
            flow = VERIFY_FLOW;
            step = flows.get(VERIFY_FLOW).start();
        }
        enter(turn, flow, step);
    }

    /** Enters a step and says it; a step that waits for nothing acts and moves on. */
    void enter(Turn turn, String flowName, String stepName) {
        if (turn.replies().size() > MAX_HOPS) {
            throw new IllegalStateException("Flow " + flowName + " loops at step " + stepName
                    + "; a step must wait for the patient somewhere on the way");
        }
        Step step = flows.get(flowName).step(stepName);
        turn.at(flowName, stepName);
        sayAll(turn, step);
        if (step.waits()) {
            return;
        }

        String target = step.next().orElse("end");
        if (step.action().isPresent()) {
            String outcome = actions.get(step.action().get()).run(turn);
            if (turn.handedOver()) {
                // A person takes over from here: the bot says nothing more.
                return;
            }
            Step.Transition transition = step.on().get(outcome);
            if (transition != null) {
                transition.say().ifPresent(key -> say(turn, key, List.of()));
                target = transition.target();
            }
        }
        go(turn, target);
    }

    /** A step's question: what it says, or its reprompt when it says nothing on entering. */
    private void ask(Turn turn, Step step) {
        if (step.say().isEmpty()) {
            say(turn, step.reprompt().orElse("menu.reprompt"), options(turn, step));
        } else {
            sayAll(turn, step);
        }
    }

    private void sayAll(Turn turn, Step step) {
        List<Step.Say> says = step.say();
        for (int i = 0; i < says.size(); i++) {
            Step.Say say = says.get(i);
            List<String> options = i == says.size() - 1 && step.waits()
                    ? options(turn, step) : List.of();
            if (say.each().isPresent()) {
                Object items = turn.args().get(say.each().get());
                if (items instanceof List<?> list) {
                    for (Object item : list) {
                        Map<String, Object> args = new HashMap<>(turn.args());
                        if (item instanceof Map<?, ?> fields) {
                            fields.forEach((k, v) -> args.put(k.toString(), v));
                        }
                        turn.replies().add(new Reply(say.key(), args, List.of()));
                    }
                }
            } else {
                say(turn, say.key(), options);
            }
        }
    }

    /** Adds one reply with the turn's arguments and the options offered after it. */
    void say(Turn turn, String key, List<String> options) {
        turn.replies().add(new Reply(key, new HashMap<>(turn.args()), new ArrayList<>(options)));
    }
}
