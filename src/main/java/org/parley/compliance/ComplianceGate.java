package org.parley.compliance;

import org.parley.i18n.LocaleContent;
import org.parley.nlu.PhraseList;
import org.parley.nlu.Text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The compliance gate: reads each inbound SMS or email before the dialog does, honours the
 * opt-out, opt-in and help keywords of every language in {@code locales/}, records consent
 * changes in the {@link ConsentLedger}, and tells the conversation what to do with the message.
 * The words live in each language's {@code keywords.yaml}; a new language needs no code here.
 */
public final class ComplianceGate {

    /** The one confirmation of an opt-out. */
    public static final String OPTED_OUT_KEY = "compliance.opted_out";
    /** The confirmation of an opt-in. */
    public static final String OPTED_IN_KEY = "compliance.opted_in";
    /** The answer to HELP: who is writing, how to reach a person, rates, how to opt out. */
    public static final String HELP_KEY = "compliance.help";

    /** Replies an opted-out address may still receive: the opt-out confirmation and HELP. */
    public static final Set<String> EXEMPT_KEYS = Set.of(OPTED_OUT_KEY, HELP_KEY);
    /** On web chat, which has no opt-out: a person was asked to stop the messages. */
    public static final String STOP_NOTED_KEY = "compliance.stop_noted";
    /** Every message key the gate answers with, for the content check. */
    public static final Set<String> MESSAGE_KEYS = Set.of(OPTED_OUT_KEY, OPTED_IN_KEY, HELP_KEY,
            STOP_NOTED_KEY);

    /** Channels that send to an address a patient can opt out of; web chat has none. */
    static final Set<String> CHANNELS = Set.of("sms", "email");

    static final String OPT_OUT_LIST = "opt-out";
    static final String OPT_IN_LIST = "opt-in";
    static final String HELP_LIST = "help";
    static final String PHRASE_LIST = "opt-out-phrases";

    private static final System.Logger LOG = System.getLogger(ComplianceGate.class.getName());

    /** What the message means for consent, and so what the conversation does with it. */
    public enum Kind {
        /** Nothing for the gate: the dialog answers as usual. */
        PASS,
        /** An opt-out keyword from an address that was not opted out: confirm it, once. */
        OPTED_OUT,
        /** An opt-out keyword again: recorded, already confirmed, no reply. */
        ALREADY_OPTED_OUT,
        /** An opt-in keyword from an opted-out address: confirm; the dialog does not answer. */
        OPTED_IN,
        /** A help keyword: the help reply; the dialog and its step are left as they were. */
        HELP,
        /**
         * Asked to stop in other words: the conversation goes to a person. On SMS and email the
         * address is opted out and the opt-out confirmed as a keyword's is, once; on web chat
         * the patient is told a person was asked ({@link #STOP_NOTED_KEY}).
         */
        STOP_REQUESTED_IN_WORDS,
        /** Anything else from an opted-out address: stored, no reply, shown to a person. */
        SUPPRESSED
    }

    /**
     * What to do with one inbound message.
     *
     * @param replyKey the message key to answer with, rendered with {@code client} and
     *                 {@code phone}; empty when nothing may be sent
     * @param language the language to answer in: the conversation's, unless the patient used a
     *                 word only another language has ("ALTO" in an English conversation)
     */
    public record Verdict(Kind kind, Optional<String> replyKey, String language) {
    }

    private final ConsentLedger ledger;
    /** Per keyword list, each whole-message command form and the languages that list it. */
    private final Map<String, Map<String, Set<String>>> commands = new HashMap<>();
    private final OptOutForms optOuts = new OptOutForms();
    private final PhraseList phrases;

    public ComplianceGate(Map<String, LocaleContent> locales, ConsentLedger ledger) {
        this.ledger = ledger;
        for (String list : List.of(OPT_OUT_LIST, OPT_IN_LIST, HELP_LIST)) {
            commands.put(list, new HashMap<>());
        }
        for (LocaleContent locale : new TreeMap<>(locales).values()) {
            commands.forEach((list, byCommand) -> {
                for (LocaleContent.Entry word : locale.keywords().getOrDefault(list, List.of())) {
                    String command = Text.command(plain(word.text()));
                    if (!command.isEmpty()) {
                        byCommand.computeIfAbsent(command, c -> new TreeSet<>())
                                .add(locale.language());
                    }
                    if (list.equals(OPT_OUT_LIST)) {
                        optOuts.add(command, locale.language());
                    }
                }
            });
        }
        this.phrases = new PhraseList(locales, PHRASE_LIST);
    }

    /**
     * Inspects one inbound message, after card numbers are masked and before the dialog sees
     * it, and records any consent change it makes.
     *
     * @param language       the conversation's language
     * @param conversationId the conversation the message belongs to, for the ledger
     */
    public Verdict inspect(String clientId, String channel, String address, String language,
                           String conversationId, String text) {
        Optional<String> conversation = Optional.ofNullable(conversationId)
                .filter(id -> !id.isBlank());
        if (!CHANNELS.contains(channel)) {
            // No address to opt out on web chat, but a request to stop in words still goes to
            // a person, who records it where the patient is reached.
            return phrases.find(text, language)
                    .map(found -> verdict(Kind.STOP_REQUESTED_IN_WORDS, STOP_NOTED_KEY, found,
                            conversation))
                    .orElse(new Verdict(Kind.PASS, Optional.empty(), language));
        }
        String command = Text.command(plain(text));

        // Opt-out comes before anything else, opted out or not: a repeated STOP is recorded too.
        // "Stop. Stop. Stop.", "S T O P" and "stopp" are the keyword too.
        Optional<String> optOut = languageOf(OPT_OUT_LIST, command, language)
                .or(() -> optOuts.languages(command).map(in -> pick(in, language)));
        if (optOut.isPresent()) {
            ledger.optOut(clientId, channel, address, ConsentLedger.KEYWORD, conversation);
            boolean confirm = ledger.claimOptOutConfirmation(clientId, channel, address);
            return verdict(confirm ? Kind.OPTED_OUT : Kind.ALREADY_OPTED_OUT,
                    confirm ? OPTED_OUT_KEY : null, optOut.get(), conversation);
        }

        // "Yes" and "start" are ordinary answers unless the address is opted out.
        boolean optedOut = ledger.optedOut(clientId, channel, address);
        Optional<String> optIn = languageOf(OPT_IN_LIST, command, language);
        if (optedOut && optIn.isPresent()
                && ledger.optIn(clientId, channel, address, ConsentLedger.KEYWORD, conversation)) {
            return verdict(Kind.OPTED_IN, OPTED_IN_KEY, optIn.get(), conversation);
        }

        Optional<String> help = languageOf(HELP_LIST, command, language);
        if (help.isPresent()) {
            return verdict(Kind.HELP, HELP_KEY, help.get(), conversation);
        }

        Optional<String> inWords = phrases.find(text, language);
        if (inWords.isPresent()) {
            ledger.optOut(clientId, channel, address, ConsentLedger.REQUEST_IN_WORDS,
                    conversation);
            boolean confirm = ledger.claimOptOutConfirmation(clientId, channel, address);
            return verdict(Kind.STOP_REQUESTED_IN_WORDS, confirm ? OPTED_OUT_KEY : null,
                    inWords.get(), conversation);
        }

        Kind kind = optedOut ? Kind.SUPPRESSED : Kind.PASS;
        return verdict(kind, null, language, conversation);
    }

    /**
     * Whether {@code text} on {@code channel} asks to stop the messages, as {@link #inspect}
     * reads it: an opt-out keyword on SMS or email, or a request in words on any channel.
     * Records nothing; for counting, such as telling an opt-out from a reply to an outreach.
     */
    public boolean asksToStop(String channel, String text) {
        boolean keyword = CHANNELS.contains(channel)
                && optOuts.languages(Text.command(plain(text))).isPresent();
        return keyword || phrases.find(text, "").isPresent();
    }

    private Verdict verdict(Kind kind, String replyKey, String language,
                            Optional<String> conversationId) {
        if (kind != Kind.PASS) {
            LOG.log(System.Logger.Level.DEBUG, () -> "compliance conversationId="
                    + conversationId.orElse("") + " verdict=" + kind + " locale=" + language);
        }
        return new Verdict(kind, Optional.ofNullable(replyKey), language);
    }

    /** The language whose {@code list} has {@code command}, the conversation's first. */
    private Optional<String> languageOf(String list, String command, String language) {
        return Optional.ofNullable(commands.get(list).get(command))
                .map(languages -> pick(languages, language));
    }

    /** The conversation's language when it is one of {@code languages}, else the first. */
    private static String pick(Set<String> languages, String language) {
        return languages.contains(language) ? language : languages.iterator().next();
    }

    /** Phones type a typographic apostrophe ("don’t"); the lists are written with a plain one. */
    private static String plain(String text) {
        return text.replace('\u2019', '\'').replace('\u02BC', '\'');
    }
}
