package org.parley.dialog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One turn of a conversation while the engine works on it: the patient's text, the state being
 * changed, the arguments collected for the messages, and the replies so far. Not shared
 * between threads.
 */
public final class Turn {

    private final String clientId;
    private final String conversationId;
    private final String channel;
    private final String address;
    private final String text;
    private boolean understood = true;
    private boolean wentBack;
    private static final String ARG_SLOT = "arg.";

    private final Map<String, Object> args = new HashMap<>();
    private final List<Reply> replies = new ArrayList<>();
    private final Map<String, String> slots;
    private final List<String> returns;
    private final List<String> history;
    private String flow;
    private String step;
    private String language;
    private Optional<String> verifiedAccount;
    private int failedAttempts;
    private boolean locked;
    private final boolean neededAgent;
    private boolean needsAgent;
    private Optional<String> agentReason;
    private Optional<String> intent = Optional.empty();
    private Optional<Double> confidence = Optional.empty();
    private Optional<String> outcome = Optional.empty();
    private final Set<String> filled = new LinkedHashSet<>();
    private final List<String> steps = new ArrayList<>();
    private int misunderstood;
    private Optional<String> lastIntent;

    Turn(DialogEngine.Context ctx, String text, DialogState state) {
        this.clientId = ctx.clientId();
        this.conversationId = ctx.conversationId();
        this.channel = ctx.channel();
        this.address = ctx.address();
        this.text = text;
        this.args.putAll(ctx.baseArgs());
        this.slots = new LinkedHashMap<>(state.slots()) {
            @Override
            public String put(String key, String value) {
                filled.add(key);
                return super.put(key, value);
            }
        };
        // A slot named "arg.<name>" keeps an argument for the messages of later turns too.
        state.slots().forEach((key, value) -> {
            if (key.startsWith(ARG_SLOT)) {
                args.put(key.substring(ARG_SLOT.length()), value);
            }
        });
        this.returns = new ArrayList<>(state.returns());
        this.history = new ArrayList<>(state.history());
        this.flow = state.flow();
        this.step = state.step();
        this.language = state.language();
        this.verifiedAccount = state.verifiedAccount();
        this.failedAttempts = state.failedAttempts();
        this.locked = state.locked();
        this.needsAgent = state.needsAgent();
        this.neededAgent = state.needsAgent();
        this.agentReason = state.agentReason();
        this.misunderstood = state.misunderstood();
        this.lastIntent = state.lastIntent();
    }

    public String clientId() {
        return clientId;
    }

    public String conversationId() {
        return conversationId;
    }

    public String channel() {
        return channel;
    }

    /** The patient's phone or email on those channels; empty on web chat. */
    public String address() {
        return address;
    }

    /** The patient's message this turn answers; empty when the bot speaks first. */
    public String text() {
        return text;
    }

    public String language() {
        return language;
    }

    public Map<String, String> slots() {
        return slots;
    }

    /** Makes {@code value} available to the messages said for the rest of this turn. */
    public void put(String name, Object value) {
        args.put(name, value);
    }

    /**
     * Makes {@code value} available to the messages of this turn and of the later turns of the
     * conversation, until its slots are cleared (the patient turns to another request).
     */
    public void keep(String name, String value) {
        args.put(name, value);
        slots.put(ARG_SLOT + name, value);
    }

    public Optional<String> verifiedAccount() {
        return verifiedAccount;
    }

    public void verified(String accountNumber) {
        verifiedAccount = Optional.of(accountNumber);
        failedAttempts = 0;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    /** Counts one failed identity check and returns how many there have been. */
    public int failAttempt() {
        return ++failedAttempts;
    }

    public boolean locked() {
        return locked;
    }

    public void lock() {
        locked = true;
    }

    /** Marks the conversation for a person to take over. */
    public void needAgent(String reason) {
        needsAgent = true;
        agentReason = Optional.of(reason);
    }

    /** True once the conversation is marked for a person, this turn or before. */
    public boolean needsAgent() {
        return needsAgent;
    }

    /** True when this turn marked the conversation for a person. */
    boolean handedOver() {
        return needsAgent && !neededAgent;
    }

    /** The request or answer the bot understood this turn, for the agent who may take over. */
    void understoodAs(String intent) {
        lastIntent = Optional.of(intent);
    }

    /**
     * Counts this turn in the run of turns the bot did not understand, or ends the run.
     *
     * @return how many turns in a row have not been understood, this one included
     */
    int countUnderstanding() {
        misunderstood = understood ? 0 : misunderstood + 1;
        return misunderstood;
    }

    void markBack() {
        wentBack = true;
    }

    boolean wentBack() {
        return wentBack;
    }

    void notUnderstood() {
        understood = false;
    }

    boolean understood() {
        return understood;
    }

    void language(String language) {
        this.language = language;
    }

    Map<String, Object> args() {
        return args;
    }

    List<Reply> replies() {
        return replies;
    }

    List<String> returns() {
        return returns;
    }

    List<String> history() {
        return history;
    }

    String flow() {
        return flow;
    }

    String step() {
        return step;
    }

    void at(String flow, String step) {
        if (!flow.equals(this.flow) || !step.equals(this.step)) {
            // The options a notice offered belong to its step; any other asks its own.
            slots.keySet().removeIf(key -> key.startsWith(DialogState.OFFERED));
        }
        this.flow = flow;
        this.step = step;
        steps.add(flow + "." + step);
    }

    /** Notes the intent the turn acted on and how sure the classifier was of it. */
    void read(String intent, double confidence) {
        this.intent = Optional.of(intent);
        this.confidence = Optional.of(confidence);
    }

    /** Notes the outcome of the action that read the patient's text. */
    void outcome(String outcome) {
        this.outcome = Optional.of(outcome);
    }

    /** What the turn read, keeping of the slots filled only those named in {@code entities}. */
    Reading reading(Set<String> entities) {
        return new Reading(intent, confidence, outcome,
                filled.stream().filter(entities::contains).toList(), steps);
    }

    DialogState state() {
        return new DialogState(flow, step, language, slots, returns, verifiedAccount,
                failedAttempts, locked, needsAgent, agentReason, history, misunderstood,
                lastIntent);
    }
}
