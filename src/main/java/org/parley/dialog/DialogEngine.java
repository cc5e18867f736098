package org.parley.dialog;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.ChoiceParser;
import org.parley.nlu.IntentClassifier;
import org.parley.nlu.LanguageDetector;
import org.parley.nlu.PhraseList;
import org.parley.nlu.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Runs the flows in {@code dialogs/}: says what a step says, understands the patient's answer,
 * runs the step's action and follows the transition. It holds no conversation in memory; every
 * call takes a state and returns the next one.
 */
public final class DialogEngine {

    /** What a step maps to answer a message that carried a card number. */
    public static final String CARD_NUMBER = "card_number";
    /** Where a verified patient who typed a card number is answered with the secure link. */
    public static final String CARD_ANSWER = "pay-now.card";

    private static final System.Logger LOG = System.getLogger(DialogEngine.class.getName());
    private static final int MAX_HOPS = 32;
    private static final int MAX_HISTORY = 10;
    private static final int MAX_CHOICE_WORDS = 4;
    private static final int MAX_CHOICE_CHARACTERS = 40;
    private static final String VERIFY_FLOW = "verify-identity";
    /** How sure the model must be before free text interrupts a step that collects answers. */
    private static final double INTERRUPT_CONFIDENCE = 0.6;
    private static final Set<String> NEVER_INTERRUPT = Set.of("yes", "no", "out_of_scope",
            "change_language");
    /** Patient messages in a row the bot may fail to understand before a person takes over. */
    public static final int NOT_UNDERSTOOD_LIMIT = 3;
    /** Where the bot hands over after {@value #NOT_UNDERSTOOD_LIMIT} misunderstood messages. */
    public static final String NOT_UNDERSTOOD_STEP = "talk-to-agent.not-understood";
    /** Where the bot hands over a patient who wrote a phrase of {@value #DISTRESS_LIST}. */
    public static final String DISTRESS_STEP = "talk-to-agent.distress";
    /** The keyword list of distress and hardship phrases, in each language's keywords. */
    public static final String DISTRESS_LIST = "distress-phrases";
    private static final String AGENT_FLOW = "talk-to-agent";

    private final Map<String, Flow> flows;
    private final Map<String, Action> actions;
    private final IntentClassifier classifier;
    private final Map<String, LocaleContent> locales;
    private final LanguageDetector detector;
    private final ChoiceParser choices = new ChoiceParser();
    /** Every slot a step collects from the patient's text: what a turn's reading reports. */
    private final Set<String> entities;
    private final PhraseList distress;

    public DialogEngine(Map<String, Flow> flows, List<Action> actions, IntentClassifier classifier,
                        LanguageDetector detector, Map<String, LocaleContent> locales) {
        this.detector = detector;
        this.flows = Map.copyOf(flows);
        Map<String, Action> byName = new HashMap<>();
        actions.forEach(a -> byName.put(a.name(), a));
        this.actions = Map.copyOf(byName);
        this.classifier = classifier;
        this.locales = Map.copyOf(locales);
        this.entities = flows.values().stream().flatMap(f -> f.steps().values().stream())
                .flatMap(s -> s.collect().stream()).collect(java.util.stream.Collectors.toSet());
        this.distress = new PhraseList(locales, DISTRESS_LIST);
    }

    /**
     * What a turn produced: the state to store and the replies to send, in order, and what the
     * engine read from the message.
     */
    public record Result(DialogState state, List<Reply> replies, boolean understood,
                         Reading reading) {

        public Result(DialogState state, List<Reply> replies, boolean understood) {
            this(state, replies, understood, Reading.NONE);
        }
    }

    /**
     * Who the turn is for; the base arguments are available to every message.
     *
     * @param address the patient's phone or email on those channels, empty on web chat
     */
    public record Context(String clientId, String conversationId, String channel, String address,
                          Map<String, Object> baseArgs) {
    }

    /** The bot's opening: enters the state's current step and says it. */
    public Result start(Context ctx, DialogState state) {
        Turn turn = new Turn(ctx, "", state);
        enter(turn, state.flow(), state.step());
        return new Result(turn.state(), List.copyOf(turn.replies()), true,
                turn.reading(entities));
    }

    /**
     * Leads the conversation to {@code target} as a step's transition would ({@code flow.step},
     * {@code @flow}), verifying the patient first when the flow requires it, and says what the
     * steps on the way say: how the bot takes a conversation back from a person.
     */
    public Result resumeAt(Context ctx, DialogState state, String target) {
        Turn turn = new Turn(ctx, "", state);
        go(turn, target);
        return new Result(turn.state(), List.copyOf(turn.replies()), true);
    }

    /**
     * A patient's first message opens the conversation: the greeting, then the answer to what
     * they asked, or the menu when the message asked nothing the menu understands.
     */
    public Result open(Context ctx, DialogState state, String text) {
        // A short first message in another script or language opens in that language.
        DialogState opening = detector.opening(text, state.language(), locales.keySet())
                .map(language -> new DialogState(state.flow(), state.step(), language,
                        state.slots(), state.returns(), state.verifiedAccount(),
                        state.failedAttempts(), state.locked(), state.needsAgent(),
                        state.agentReason(), state.history(), state.misunderstood(),
                        state.lastIntent()))
                .orElse(state);
        Result greeting = start(ctx, opening);
        Result answer = handle(ctx, greeting.state(), text);
        if (!answer.understood()) {
            return greeting;
        }
        List<Reply> replies = new ArrayList<>(greeting.replies().subList(0,
                greeting.replies().size() - 1));
        replies.addAll(answer.replies());
        return new Result(answer.state(), replies, true, answer.reading());
    }

    /**
     * A message after the conversation sat idle too long: never applied to the old question,
     * but a fresh request ("balance", "español") is taken up after the patient is told.
     */
    public Result expire(Context ctx, DialogState state, String text) {
        Result expired = expire(ctx, state);
        Result answer = handle(ctx, expired.state(), text);
        boolean moved = !answer.state().language().equals(expired.state().language())
                || !(answer.state().flow() + "." + answer.state().step())
                        .equals(expired.state().flow() + "." + expired.state().step());
        if (!answer.understood() || !moved) {
            return expired;
        }
        List<Reply> replies = new ArrayList<>(expired.replies().subList(0, 1));
        replies.addAll(answer.replies());
        return new Result(answer.state(), replies, true, answer.reading());
    }

    /**
     * Answers a message that carried a card number, now masked: a step that maps
     * {@value #CARD_NUMBER} says what it does (the pay flow answers with its secure link); at any
     * other step a verified patient is sent the secure link for their balance
     * ({@value #CARD_ANSWER}); a patient not yet verified is asked the current question again,
     * changing nothing.
     */
    public Result repeat(Context ctx, DialogState state) {
        Turn turn = new Turn(ctx, "", state);
        Step current = flows.get(state.flow()).step(state.step());
        int dot = CARD_ANSWER.indexOf('.');
        String cardFlow = CARD_ANSWER.substring(0, dot);
        String cardStep = CARD_ANSWER.substring(dot + 1);
        if (current.on().containsKey(CARD_NUMBER)) {
            follow(turn, current, CARD_NUMBER);
        } else if (state.verifiedAccount().isPresent() && flows.containsKey(cardFlow)
                && flows.get(cardFlow).steps().containsKey(cardStep)) {
            turn.slots().clear();
            enter(turn, cardFlow, cardStep);
        } else if (current.waits()) {
            repeatPrompt(turn);
        } else {
            enter(turn, state.flow(), state.step());
        }
        return new Result(turn.state(), List.copyOf(turn.replies()), true,
                turn.reading(entities));
    }

    /**
     * A message after the conversation sat idle too long: it is not applied to the old question.
     * What was collected and proven is forgotten, and the patient is asked again.
     */
    public Result expire(Context ctx, DialogState state) {
        DialogState fresh = new DialogState(state.flow(), state.step(), state.language(), Map.of(),
                List.of(), java.util.Optional.empty(), state.failedAttempts(), state.locked(),
                state.needsAgent(), state.agentReason(), List.of());
        Turn turn = new Turn(ctx, "", fresh);
        say(turn, "session.expired", List.of());
        if (turn.flow().equals("main") && flows.get("main").step(turn.step()).waits()) {
            repeatPrompt(turn);
        } else {
            enter(turn, "main", "menu");
        }
        return new Result(turn.state(), List.copyOf(turn.replies()), true,
                turn.reading(entities));
    }

    /** Answers one patient message. */
    public Result handle(Context ctx, DialogState state, String text) {
        Turn turn = new Turn(ctx, text, state);
        String command = Text.command(text);
        String origin = state.flow() + "." + state.step();

        Optional<String> language = languageNamed(command);
        Optional<String> detected = language.isPresent() ? Optional.empty() : detected(turn, text);
        if (language.isPresent()) {
            turn.read("change_language", 1);
        }
        Optional<String> distressed = language.isPresent() ? Optional.empty()
                : distress.find(text, turn.language());
        if (distressed.isPresent()) {
            // Someone in distress or hardship is answered by a person, in the words they used.
            turn.language(distressed.get());
            handOver(turn, "distress", DISTRESS_STEP);
        } else if (language.isPresent() && !language.get().equals(turn.language())) {
            turn.language(language.get());
            say(turn, "language.switched", List.of());
            repeatPrompt(turn);
        } else if (language.isPresent()) {
            repeatPrompt(turn);
        } else if (detected.isPresent()) {
            // A long message plainly in another language: answer it in that language.
            turn.language(detected.get());
            say(turn, "language.switched", List.of());
            answer(turn, text);
        } else if (keyword(turn.language(), "start-over", command)) {
            turn.read("start_over", 1);
            turn.understoodAs("start_over");
            turn.slots().clear();
            turn.returns().clear();
            enter(turn, "main", "menu");
        } else if (keyword(turn.language(), "help", command)) {
            turn.read("help", 1);
            turn.understoodAs("help");
            say(turn, "help.chat", List.of());
            repeatPrompt(turn);
        } else {
            answer(turn, text);
        }
        turn.countUnderstanding();
        remember(turn, origin);
        LOG.log(System.Logger.Level.DEBUG, () -> "turn conversationId=" + ctx.conversationId()
                + " channel=" + ctx.channel() + " dialog=" + turn.flow() + " step=" + turn.step()
                + " locale=" + turn.language());
        return new Result(turn.state(), List.copyOf(turn.replies()), turn.understood(),
                turn.reading(entities));
    }

    private void answer(Turn turn, String text) {
        Step step = flows.get(turn.flow()).step(turn.step());
        if (!step.waits()) {
            // A step that ended the dialog: say it again rather than leave the patient unanswered.
            enter(turn, turn.flow(), turn.step());
            return;
        }
        if (!step.collect().isEmpty()) {
            // A patient may change their mind while answering ("actually I want to apply for
            // assistance"); only a confident reading of a known request interrupts the step.
            Action action = actions.get(step.action().orElseThrow());
            Optional<IntentClassifier.IntentMatch> request =
                    classifier.classifyAny(turn.language(), text);
            boolean claimed = action.claims(turn);
            if (!claimed && request.isPresent()
                    && request.get().confidence() >= INTERRUPT_CONFIDENCE
                    && !NEVER_INTERRUPT.contains(request.get().intent())
                    && global(turn, request.get().intent())) {
                read(turn, request.get());
                turn.understoodAs(request.get().intent());
                return;
            }
            String outcome = action.run(turn);
            turn.outcome(outcome);
            if (outcome.equals("not_understood") && !claimed && request.isPresent()
                    && global(turn, request.get().intent())) {
                read(turn, request.get());
                turn.understoodAs(request.get().intent());
                return;
            }
            follow(turn, step, outcome);
            return;
        }

        Optional<String> chosen = chosenOption(turn.language(), step, text);
        if (chosen.isPresent() && step.on().containsKey(chosen.get())) {
            turn.read(chosen.get(), 1);
            turn.understoodAs(chosen.get());
            follow(turn, step, chosen.get());
            return;
        }
        Optional<IntentClassifier.IntentMatch> match =
                classifier.classifyAny(turn.language(), text);
        if (match.isPresent() && !step.on().containsKey(match.get().intent())
                && !IntentClassifier.GLOBAL_INTENTS.contains(match.get().intent())
                && !IntentClassifier.OUT_OF_SCOPE.equals(match.get().intent())) {
            // A request the step does not take may still be closest to one it does (a yes or
            // no step hearing "sure, pay it"); the step's own reading wins over leaving it.
            Optional<IntentClassifier.IntentMatch> own =
                    classifier.classify(turn.language(), text, step.on().keySet());
            match = own.isPresent() ? own : match;
        }
        match.ifPresent(m -> read(turn, m));
        Optional<String> intent = match.map(IntentClassifier.IntentMatch::intent);
        if (intent.isPresent() && step.on().containsKey(intent.get())) {
            turn.understoodAs(intent.get());
            follow(turn, step, intent.get());
        } else if (intent.isEmpty() || !global(turn, intent.get())) {
            reprompt(turn, step);
        } else {
            turn.understoodAs(intent.get());
        }
    }

    /**
     * Handles an intent that the current step does not: help, start over, go back, talking to
     * a person, another request from the main menu, or something Parley does not do.
     *
     * @return false when the intent means nothing outside its step (such as yes or no)
     */
    private boolean global(Turn turn, String intent) {
        switch (intent) {
            case "help" -> {
                say(turn, "help.chat", List.of());
                repeatPrompt(turn);
            }
            case "start_over" -> {
                turn.slots().clear();
                turn.returns().clear();
                enter(turn, "main", "menu");
            }
            case "go_back" -> goBack(turn);
            case "out_of_scope" -> {
                say(turn, "fallback.out_of_scope", List.of());
                repeatPrompt(turn);
            }
            default -> {
                // The main menu says where each request leads; any step may be left for it.
                Step.Transition request = flows.get("main").step("menu").on().get(intent);
                if (request == null) {
                    return false;
                }
                turn.slots().clear();
                turn.returns().clear();
                go(turn, request.target());
            }
        }
        return true;
    }

    private void goBack(Turn turn) {
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
        if (step.say().isEmpty()) {
            say(turn, step.reprompt().orElse("menu.reprompt"), step.options());
        } else {
            sayAll(turn, step);
        }
    }

    private static void read(Turn turn, IntentClassifier.IntentMatch match) {
        turn.read(match.intent(), match.confidence());
    }

    /** Records the question just answered, so that "go back" can return to it. */
    private static void remember(Turn turn, String origin) {
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

    private Set<String> intents(String language) {
        return locales.get(language).intents().keySet();
    }

    /** An option picked by its number, its label, or its intent name. */
    private Optional<String> chosenOption(String language, Step step, String text) {
        String command = Text.command(text);
        List<String> options = step.options();
        for (int i = 0; i < options.size(); i++) {
            String intent = options.get(i);
            LocaleContent.Entry label = locales.get(language).messages().get("option." + intent);
            if (command.equals(Integer.toString(i + 1)) || command.equals(Text.command(intent))
                    || (label != null && command.equals(Text.command(label.text())))) {
                return Optional.of(intent);
            }
        }
        // "The second one", "option 2", "la segunda": only a short reply picks by position, so
        // that "I have 2 questions" is not taken for the second option.
        if (options.isEmpty() || text.length() > MAX_CHOICE_CHARACTERS
                || Text.words(text).size() > MAX_CHOICE_WORDS) {
            return Optional.empty();
        }
        java.util.OptionalInt picked = choices.choose(text, language, options.size());
        return picked.isPresent() ? Optional.of(options.get(picked.getAsInt() - 1))
                : Optional.empty();
    }

    private void follow(Turn turn, Step step, String outcome) {
        Step.Transition transition = step.on().get(outcome);
        if (transition == null) {
            reprompt(turn, step);
            return;
        }
        transition.say().ifPresent(key -> say(turn, key, List.of()));
        go(turn, transition.target());
    }

    private void reprompt(Turn turn, Step step) {
        turn.notUnderstood();
        if (turn.state().misunderstood() + 1 >= NOT_UNDERSTOOD_LIMIT && !turn.needsAgent()) {
            handOver(turn, "not_understood", NOT_UNDERSTOOD_STEP);
            return;
        }
        say(turn, step.reprompt().orElse("menu.reprompt"), step.options());
    }

    /**
     * Marks the conversation for a person for {@code reason} and enters {@code target}, the
     * step that tells the patient so; without that step in the content, the talk-to-agent
     * flow's start.
     */
    private void handOver(Turn turn, String reason, String target) {
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

    private void repeatPrompt(Turn turn) {
        Step step = flows.get(turn.flow()).step(turn.step());
        if (!step.waits()) {
            return;
        }
        if (step.say().isEmpty()) {
            say(turn, step.reprompt().orElse("menu.reprompt"), step.options());
        } else {
            sayAll(turn, step);
        }
    }

    private void go(Turn turn, String target) {
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

    private void enter(Turn turn, String flowName, String stepName) {
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

    private void sayAll(Turn turn, Step step) {
        List<Step.Say> says = step.say();
        for (int i = 0; i < says.size(); i++) {
            Step.Say say = says.get(i);
            List<String> options = i == says.size() - 1 && step.waits()
                    ? step.options() : List.of();
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

    private void say(Turn turn, String key, List<String> options) {
        turn.replies().add(new Reply(key, new HashMap<>(turn.args()), new ArrayList<>(options)));
    }

    /**
     * The language a long, unambiguous message is written in, when it is not the conversation's.
     * Never while collecting answers: a name in another script is not a change of language.
     */
    private Optional<String> detected(Turn turn, String text) {
        Step step = flows.get(turn.flow()).step(turn.step());
        if (!step.collect().isEmpty()) {
            return Optional.empty();
        }
        return detector.switchTo(text, turn.language(), locales.keySet());
    }

    private Optional<String> languageNamed(String command) {
        for (LocaleContent content : locales.values()) {
            List<LocaleContent.Entry> names =
                    content.keywords().getOrDefault("language-names", List.of());
            for (LocaleContent.Entry name : names) {
                if (command.equals(Text.command(name.text()))) {
                    return Optional.of(content.language());
                }
            }
        }
        return Optional.empty();
    }

    private boolean keyword(String language, String list, String command) {
        return locales.get(language).keywords().getOrDefault(list, List.of()).stream()
                .anyMatch(k -> command.equals(Text.command(k.text())));
    }
}
