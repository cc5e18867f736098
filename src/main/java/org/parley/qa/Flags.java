package org.parley.qa;

import org.parley.conversation.TurnNote;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The automatic flags raised on every conversation, so that reviewers start where it matters.
 * Each flag points at the message (or the event after it) where it was raised.
 */
final class Flags {

    /**
     * Account detail went out while the patient was not verified: an agent named an amount, the
     * bot said an amount in a message of account detail (see {@link #disclosing}), or a
     * disclosure was audited.
     */
    static final String BALANCE_BEFORE_VERIFICATION = "balance_before_verification";
    /** After an opt-out, something other than its confirmation went out. */
    static final String OPT_OUT_NOT_HONOURED = "opt_out_not_honoured";
    /** A patient waited on an agent longer than the client's target. */
    static final String SLOW_AGENT_REPLY = "slow_agent_reply";
    /** A card number was typed and masked. */
    static final String CARD_NUMBER_MASKED = "card_number_masked";
    /** The bot failed to understand two messages in a row. */
    static final String REPEATED_NOT_UNDERSTOOD = "repeated_not_understood";
    /** The conversation ended with no payment, plan, assistance request or opt-out. */
    static final String NO_OUTCOME = "no_outcome";

    /** Every flag, in the order the console lists them. */
    static final List<String> ALL = List.of(BALANCE_BEFORE_VERIFICATION, OPT_OUT_NOT_HONOURED,
            SLOW_AGENT_REPLY, CARD_NUMBER_MASKED, REPEATED_NOT_UNDERSTOOD, NO_OUTCOME);

    /** A currency sign next to a number, as the renderer formats amounts in every language. */
    private static final Pattern MONEY = Pattern.compile(
            "(?:US\\$|\\$|€|£|₫|₩|₱|¥|\\bUSD)\\s?\\p{Nd}"
                    + "|\\p{Nd}[\\p{Nd}.,\\u00a0\\u202f\\u066b\\u066c ]*\\s?\\u200f?"
                    + "(?:US\\$|\\$|€|£|₫|₩|₱|USD\\b)");
    /**
     * Messages whose amounts are not account detail: the financial-assistance screening (its
     * example incomes and the patient's own income said back; the status of an application is
     * account detail) and the plan dialogs' example answers.
     */
    private static final String SCREENING = "assistance.";
    private static final String APPLICATION_STATUS = "assistance.status.";
    private static final Set<String> EXAMPLE_KEYS = Set.of("plans.choose_ask",
            "plans.choose_reprompt", "plans.change_ask", "plans.change_reprompt",
            "plans.amount_refused");
    /** A card number as masking leaves it: stars, then at most four digits. */
    private static final Pattern MASKED_CARD = Pattern.compile("\\*{9,15}\\p{Nd}{4}");
    /** The only messages an opted-out address may still be sent. */
    private static final Set<String> OPT_OUT_ANSWERS = Set.of("compliance.opted_out",
            "compliance.help", org.parley.compliance.ComplianceGate.OPTED_IN_KEY);
    private static final int NOT_UNDERSTOOD_IN_A_ROW = 2;
    /**
     * Delivery states of a message that has not gone out: queued (the sender checks the consent
     * ledger before it sends) or held back by that check.
     */
    private static final Set<String> NOT_SENT = Set.of("queued", "suppressed");

    private Flags() {
    }

    /** One flag raised, at the message {@code seq}. */
    record Flag(String code, long seq) {
    }

    /**
     * The flags of one conversation.
     *
     * @param outcomes the conversation's outcomes, {@code abandoned} excluded
     * @param ended    whether it has ended
     * @param now      for a patient still waiting on an agent
     */
    static List<Flag> of(Timeline t, QaSettings settings, Set<String> outcomes, boolean ended,
                         Instant now) {
        List<Flag> flags = new ArrayList<>();
        balanceBeforeVerification(t).ifPresent(seq -> flags.add(
                new Flag(BALANCE_BEFORE_VERIFICATION, seq)));
        optOutNotHonoured(t).ifPresent(seq -> flags.add(new Flag(OPT_OUT_NOT_HONOURED, seq)));
        slowAgentReply(t, settings.agentReplyTarget(), now).ifPresent(seq -> flags.add(
                new Flag(SLOW_AGENT_REPLY, seq)));
        cardNumberMasked(t).ifPresent(seq -> flags.add(new Flag(CARD_NUMBER_MASKED, seq)));
        repeatedNotUnderstood(t).ifPresent(seq -> flags.add(
                new Flag(REPEATED_NOT_UNDERSTOOD, seq)));
        if (ended && outcomes.isEmpty()) {
            long last = t.lines().isEmpty() ? 0 : t.lines().get(t.lines().size() - 1).seq();
            flags.add(new Flag(NO_OUTCOME, last));
        }
        return List.copyOf(flags);
    }

    private static Optional<Long> balanceBeforeVerification(Timeline t) {
        boolean verified = false;
        for (Timeline.Item item : t.items()) {
            if (item instanceof Timeline.Event e) {
                if (e.kind().equals(QaEvent.VERIFICATION)
                        && "verified".equals(e.event().details().get("result"))) {
                    verified = true;
                } else if (e.kind().equals(QaEvent.BALANCE_DISCLOSED) && !verified) {
                    return Optional.of(e.seq());
                }
                continue;
            }
            Timeline.Line l = (Timeline.Line) item;
            if (l.note().isPresent()) {
                // The note is how the turn left things: a turn that verified says so first.
                verified = l.note().get().verified();
            }
            if (l.outbound() && !verified && disclosing(l) && MONEY.matcher(l.text()).find()) {
                return Optional.of(l.seq());
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an amount in this message would be account detail: anything an agent wrote, and
     * a bot message unless every key it was rendered from is one whose amounts are the
     * patient's own or fixed examples. Keys decide, not the text: the text of a screening
     * holds "$2,500 a month" and "$30,000.00 a year" and discloses nothing.
     */
    private static boolean disclosing(Timeline.Line l) {
        if (!l.from().equals(Timeline.BOT) || l.keys().isEmpty()) {
            return true;
        }
        return l.keys().stream().map(k -> k.replaceFirst("@.*$", "")).anyMatch(k ->
                !EXAMPLE_KEYS.contains(k)
                        && (!k.startsWith(SCREENING) || k.startsWith(APPLICATION_STATUS)));
    }

    private static Optional<Long> optOutNotHonoured(Timeline t) {
        boolean optedOut = false;
        for (Timeline.Item item : t.items()) {
            if (item instanceof Timeline.Event e) {
                if (e.kind().equals(QaEvent.OPT_OUT)) {
                    optedOut = true;
                } else if (e.kind().equals(QaEvent.OPT_IN)) {
                    optedOut = false;
                }
                continue;
            }
            Timeline.Line l = (Timeline.Line) item;
            boolean answer = l.keys().stream().anyMatch(OPT_OUT_ANSWERS::contains);
            boolean held = l.delivery().filter(NOT_SENT::contains).isPresent();
            if (optedOut && l.outbound() && !answer && !held) {
                return Optional.of(l.seq());
            }
            // The confirmation of an opt-in may be stored a moment before the ledger's entry.
            optedOut &= !QaSummary.optedBackIn(l);
        }
        return Optional.empty();
    }

    /**
     * From the moment a person is asked for, each patient message waits until an agent
     * answers; a wait longer than the target, answered or still open now, raises the flag.
     */
    private static Optional<Long> slowAgentReply(Timeline t, Duration target, Instant now) {
        boolean withAgent = false;
        Optional<Instant> waitingSince = Optional.empty();
        long waitingSeq = 0;
        for (Timeline.Item item : t.items()) {
            if (item instanceof Timeline.Event e) {
                boolean toPerson = e.kind().equals(QaEvent.HANDOFF)
                        || e.kind().equals(QaEvent.TRANSFER) || e.kind().equals(QaEvent.REQUEUED);
                if (toPerson && waitingSince.isEmpty()) {
                    waitingSince = Optional.of(e.at());
                    waitingSeq = e.seq();
                }
                withAgent |= toPerson;
                if (e.kind().equals(QaEvent.CLOSE) || e.kind().equals(QaEvent.RETURNED)) {
                    withAgent = false;
                    waitingSince = Optional.empty();
                }
                continue;
            }
            Timeline.Line l = (Timeline.Line) item;
            if (l.from().equals(Timeline.AGENT)) {
                if (waitingSince.isPresent()
                        && Duration.between(waitingSince.get(), l.at()).compareTo(target) > 0) {
                    return Optional.of(l.seq());
                }
                withAgent = true;
                waitingSince = Optional.empty();
            } else if (l.from().equals(Timeline.PATIENT) && withAgent
                    && waitingSince.isEmpty()) {
                waitingSince = Optional.of(l.at());
                waitingSeq = l.seq();
            }
        }
        if (waitingSince.isPresent()
                && Duration.between(waitingSince.get(), now).compareTo(target) > 0) {
            return Optional.of(waitingSeq);
        }
        return Optional.empty();
    }

    private static Optional<Long> cardNumberMasked(Timeline t) {
        long lastPatient = 0;
        for (Timeline.Line l : t.lines()) {
            if (l.from().equals(Timeline.PATIENT)) {
                lastPatient = l.seq();
            }
            if (!l.from().equals(Timeline.BOT) && MASKED_CARD.matcher(l.text()).find()) {
                return Optional.of(l.seq());
            }
            if (l.note().filter(TurnNote::cardMasked).isPresent()) {
                return Optional.of(lastPatient);
            }
        }
        return Optional.empty();
    }

    private static Optional<Long> repeatedNotUnderstood(Timeline t) {
        int inARow = 0;
        for (Timeline.Line l : t.lines()) {
            Optional<TurnNote> note = l.note().filter(n -> n.gate().isPresent());
            if (note.isEmpty()) {
                continue;
            }
            inARow = note.get().understood() ? 0 : inARow + 1;
            if (inARow == NOT_UNDERSTOOD_IN_A_ROW) {
                return Optional.of(l.seq());
            }
        }
        return Optional.empty();
    }
}
