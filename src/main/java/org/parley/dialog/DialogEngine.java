package org.parley.dialog;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.IntentClassifier;
import org.parley.nlu.LanguageDetector;
import org.parley.nlu.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

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
    /** How sure the model must be before free text interrupts a step that collects answers. */
    public static final double INTERRUPT_CONFIDENCE = 0.6;
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

    private final Map<String, Flow> flows;
    private final Map<String, Action> actions;
    private final IntentClassifier classifier;
    /** Every slot a step collects from the patient's text: what a turn's reading reports. */
    private final Set<String> entities;
    private final Words words;
    private final FlowRunner runner;

    public DialogEngine(Map<String, Flow> flows, List<Action> actions, IntentClassifier classifier,
                        LanguageDetector detector, Map<String, LocaleContent> locales) {
        this.flows = Map.copyOf(flows);
        Map<String, Action> byName = new HashMap<>();
        actions.forEach(a -> byName.put(a.name(), a));
        this.actions = Map.copyOf(byName);
        this.classifier = classifier;
        this.entities = flows.values().stream().flatMap(f -> f.steps().values().stream())
                .flatMap(s -> s.collect().stream()).collect(Collectors.toSet());
        this.words = new Words(Map.copyOf(locales), detector);
        this.runner = new FlowRunner(this.flows, this.actions);
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
        runner.enter(turn, state.flow(), state.step());
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
        runner.go(turn, target);
        return new Result(turn.state(), List.copyOf(turn.replies()), true);
    }

    /**
     * A patient's first message opens the conversation: the greeting, then the answer to what
     * they asked, or the menu when the message asked nothing the menu understands.
     */
    public Result open(Context ctx, DialogState state, String text) {
        // A short first message in another script or language opens in that language.
        DialogState opening = words.opening(text, state.language())
                .map(state::speaking).orElse(state);
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
            runner.follow(turn, current, CARD_NUMBER);
        } else if (state.verifiedAccount().isPresent() && flows.containsKey(cardFlow)
                && flows.get(cardFlow).steps().containsKey(cardStep)) {
            turn.slots().clear();
            runner.enter(turn, cardFlow, cardStep);
        } else if (current.waits()) {
            runner.repeatPrompt(turn);
        } else {
            runner.enter(turn, state.flow(), state.step());
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
                List.of(), Optional.empty(), state.failedAttempts(), state.locked(),
                state.needsAgent(), state.agentReason(), List.of());
        Turn turn = new Turn(ctx, "", fresh);
        runner.say(turn, "session.expired", List.of());
        if (turn.flow().equals("main") && flows.get("main").step(turn.step()).waits()) {
            runner.repeatPrompt(turn);
        } else {
            runner.enter(turn, "main", "menu");
        }
        return new Result(turn.state(), List.copyOf(turn.replies()), true,
                turn.reading(entities));
    }

    /** Answers one patient message. */
    public Result handle(Context ctx, DialogState state, String text) {
        Turn turn = new Turn(ctx, text, state);
        String command = Text.command(text);
        String origin = state.flow() + "." + state.step();

        Optional<String> language = words.languageNamed(command);
        Optional<String> detected = language.isPresent() ? Optional.empty()
                : words.detected(runner.current(turn), text, turn.language());
        if (language.isPresent()) {
            turn.read("change_language", 1);
        }
        Optional<String> distressed = language.isPresent() ? Optional.empty()
                : words.distress(text, turn.language());
        if (distressed.isPresent()) {
            // Someone in distress or hardship is answered by a person, in the words they used.
            turn.language(distressed.get());
            runner.handOver(turn, "distress", DISTRESS_STEP);
        } else if (language.isPresent() && !language.get().equals(turn.language())) {
            turn.language(language.get());
            runner.say(turn, "language.switched", List.of());
            runner.repeatPrompt(turn);
        } else if (language.isPresent()) {
            runner.repeatPrompt(turn);
        } else if (detected.isPresent()) {
            // A long message plainly in another language: answer it in that language.
            turn.language(detected.get());
            runner.say(turn, "language.switched", List.of());
            answer(turn, text);
        } else if (words.keyword(turn.language(), "start-over", command)) {
            turn.read("start_over", 1);
            turn.understoodAs("start_over");
            global(turn, "start_over");
        } else if (words.keyword(turn.language(), "help", command)) {
            turn.read("help", 1);
            turn.understoodAs("help");
            global(turn, "help");
        } else {
            answer(turn, text);
        }
        turn.countUnderstanding();
        FlowRunner.remember(turn, origin);
        LOG.log(System.Logger.Level.DEBUG, () -> "turn conversationId=" + ctx.conversationId()
                + " channel=" + ctx.channel() + " dialog=" + turn.flow() + " step=" + turn.step()
                + " locale=" + turn.language());
        return new Result(turn.state(), List.copyOf(turn.replies()), turn.understood(),
                turn.reading(entities));
    }

    private void answer(Turn turn, String text) {
        Step step = runner.current(turn);
        if (!step.waits()) {
            // A step that ended the dialog: say it again rather than leave the patient unanswered.
            runner.enter(turn, turn.flow(), turn.step());
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
            runner.follow(turn, step, outcome);
            return;
        }

        List<String> options = runner.options(turn, step);
        Optional<String> chosen = words.chosenOption(turn.language(), options, text);
        if (chosen.isPresent() && step.on().containsKey(chosen.get())) {
            turn.read(chosen.get(), 1);
            turn.understoodAs(chosen.get());
            runner.follow(turn, step, chosen.get());
            return;
        }
        if (!options.isEmpty() && words.number(text)) {
            // A number answers the numbered list; one beyond it is asked again, never left to
            // the model to guess at.
            runner.reprompt(turn, step);
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
            runner.follow(turn, step, intent.get());
        } else if (intent.isEmpty() || !global(turn, intent.get())) {
            runner.reprompt(turn, step);
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
                runner.say(turn, "help.chat", List.of());
                runner.repeatPrompt(turn);
            }
            case "start_over" -> {
                turn.slots().clear();
                turn.returns().clear();
                runner.enter(turn, "main", "menu");
            }
            case "go_back" -> runner.goBack(turn);
            case "out_of_scope" -> {
                runner.say(turn, "fallback.out_of_scope", List.of());
                runner.repeatPrompt(turn);
            }
            default -> {
                // The main menu says where each request leads; any step may be left for it.
                Step.Transition request = flows.get("main").step("menu").on().get(intent);
                if (request == null) {
                    return false;
                }
                turn.slots().clear();
                turn.returns().clear();
                runner.go(turn, request.target());
            }
        }
        return true;
    }

    private static void read(Turn turn, IntentClassifier.IntentMatch match) {
        turn.read(match.intent(), match.confidence());
    }
}
