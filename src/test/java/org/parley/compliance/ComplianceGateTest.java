package org.parley.compliance;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.compliance.ComplianceGate.Kind;
import org.parley.compliance.ComplianceGate.Verdict;
import org.parley.i18n.LocaleContent;
import org.parley.store.Store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The gate over the real {@code locales/}: every keyword of every language folder is tried, so
 * a new language is covered the day its folder is added.
 */
class ComplianceGateTest {

    private static final Map<String, LocaleContent> LOCALES =
            LocaleContent.loadAll(Path.of("locales"));
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    @TempDir
    static Path dataDir;

    private static Store store;
    private static ConsentLedger ledger;
    private static ComplianceGate gate;

    /** A fresh phone number per test, so the shared store needs no cleaning. */
    private String phone;

    @BeforeAll
    static void open() {
        store = Store.embedded(dataDir, "test");
        ledger = new ConsentLedger(store.database(),
                Clock.fixed(Instant.parse("2026-03-02T14:05:09Z"), ZoneOffset.UTC));
        gate = new ComplianceGate(LOCALES, ledger);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @BeforeEach
    void newNumber() {
        phone = "+1415555" + String.format("%04d", NUMBERS.incrementAndGet());
    }

    // The keyword matrix

    static Stream<Arguments> optOutKeywords() {
        return matrix(ComplianceGate.OPT_OUT_LIST);
    }

    static Stream<Arguments> optInKeywords() {
        return matrix(ComplianceGate.OPT_IN_LIST);
    }

    static Stream<Arguments> helpKeywords() {
        return matrix(ComplianceGate.HELP_LIST);
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("optOutKeywords")
    void optOutKeywordOptsOutAndIsConfirmed(String language, String message) {
        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.OPTED_OUT, Optional.of("compliance.opted_out"), language),
                verdict);
        assertTrue(ledger.optedOut("acme", "sms", phone));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("optInKeywords")
    void optInKeywordFromAnOptedOutNumberOptsBackIn(String language, String message) {
        // given
        ledger.optOut("acme", "sms", phone, ConsentLedger.KEYWORD, Optional.empty());

        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.OPTED_IN, Optional.of("compliance.opted_in"), language),
                verdict);
        assertFalse(ledger.optedOut("acme", "sms", phone));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("helpKeywords")
    void helpKeywordIsAnsweredWithTheHelpReply(String language, String message) {
        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.HELP, Optional.of("compliance.help"), language), verdict);
        assertFalse(ledger.optedOut("acme", "sms", phone));
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("helpKeywords")
    void helpKeywordIsAnsweredEvenWhenOptedOut(String language, String message) {
        // given
        ledger.optOut("acme", "sms", phone, ConsentLedger.KEYWORD, Optional.empty());

        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.HELP, Optional.of("compliance.help"), language), verdict);
        assertTrue(ledger.optedOut("acme", "sms", phone));
    }

    static Stream<Arguments> optOutPhrases() {
        List<Arguments> cases = new ArrayList<>();
        for (LocaleContent locale : LOCALES.values()) {
            for (LocaleContent.Entry phrase : list(locale, "opt-out-phrases")) {
                cases.add(Arguments.of(locale.language(), "Hello, " + phrase.text() + "!"));
                cases.add(Arguments.of(locale.language(), phrase.text().toUpperCase() + " now."));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("optOutPhrases")
    void optOutPhraseInsideASentenceStopsMessagesWithTheOptOutConfirmation(String language,
                                                                           String message) {
        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.STOP_REQUESTED_IN_WORDS,
                Optional.of(ComplianceGate.OPTED_OUT_KEY), language), verdict);
        assertTrue(ledger.optedOut("acme", "sms", phone));
        assertEquals(ConsentLedger.REQUEST_IN_WORDS,
                ledger.history("acme", "sms", phone).get(0).how());
    }

    // Keywords repeated, spelt out or with a letter held

    static Stream<Arguments> optOutForms() {
        List<Arguments> cases = new ArrayList<>();
        for (LocaleContent locale : LOCALES.values()) {
            for (LocaleContent.Entry word : list(locale, ComplianceGate.OPT_OUT_LIST)) {
                String w = word.text();
                List<String> forms = new ArrayList<>(List.of(w + ". " + w + ". " + w + ".",
                        w + " " + w, w.toUpperCase() + "!!! " + w, spelt(w, " "),
                        spelt(w, ".").toUpperCase(), spelt(w, "-"), held(w)));
                if (!w.matches(".*[\\s-].*")) {
                    forms.add(w + w);
                }
                forms.forEach(typed -> cases.add(Arguments.of(locale.language(), typed)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: \"{1}\"")
    @MethodSource("optOutForms")
    void optOutKeywordRepeatedSpeltOutOrWithALetterHeldOptsOut(String language,
                                                                String message) {
        // when
        Verdict verdict = inspect(language, message);

        // then
        assertEquals(new Verdict(Kind.OPTED_OUT, Optional.of("compliance.opted_out"), language),
                verdict);
        assertTrue(ledger.optedOut("acme", "sms", phone));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Stop. Stop. Stop.", "S T O P", "stopp", "STOP!!!", "stop stop",
            "s.t.o.p", "Stop stop STOP", "STOOOP", "S-T-O-P", "Stop, stop!", "停止停止",
            "Alto alto", "стоп стоп", "그만 그만", "S T O P S T O P", "opt out opt out"})
    void theFormsTestersTypedOptOutAndDoNotCountAsAReply(String message) {
        // when
        Verdict verdict = inspect("en", message);

        // then
        assertEquals(Kind.OPTED_OUT, verdict.kind());
        assertTrue(gate.asksToStop("sms", message));
    }

    // Sentences

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"please stop texting me", "Please stop sending me messages.",
            "Don’t text me again", "Por favor dejen de enviarme mensajes",
            "No me escriban más, gracias", "stop sending me these", "Who is this? Stop scamming me",
            "Pakitigil na ang pag-text sa akin"})
    void askingToStopInOtherWordsIsHonouredAndGoesToAPerson(String message) {
        // when
        Verdict verdict = inspect("en", message);

        // then
        assertEquals(Kind.STOP_REQUESTED_IN_WORDS, verdict.kind());
        assertEquals(Optional.of(ComplianceGate.OPTED_OUT_KEY), verdict.replyKey());
        assertTrue(ledger.optedOut("acme", "sms", phone));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"we need to stop this charge", "Stop by the office?",
            "necesito detener este cargo", "I want to cancel my payment plan",
            "¿Puedo cancelar el plan de pagos?", "the end", "unstoppable",
            "Nonstop texting me?", "help me pay", "start", "yes", "Sí.",
            "Stop by the office? Stop", "stop the charge, stop", "stop start", "s top",
            "stopping", "top", "a b c", "stop, stop by", "停止这笔扣款"})
    void sentenceThatOnlyContainsAKeywordPasses(String message) {
        // when
        Verdict verdict = inspect("en", message);

        // then
        assertEquals(Kind.PASS, verdict.kind());
        assertFalse(ledger.optedOut("acme", "sms", phone));
        assertEquals(List.of(), ledger.history("acme", "sms", phone));
    }

    // Confirmation once, opted-out numbers

    @Test
    void secondStopIsRecordedButNotConfirmedAgain() {
        // given
        inspect("en", "STOP");

        // when
        Verdict second = inspect("en", "stop");

        // then
        assertEquals(new Verdict(Kind.ALREADY_OPTED_OUT, Optional.empty(), "en"), second);
        assertEquals(2, ledger.history("acme", "sms", phone).size());
    }

    @Test
    void stopAfterAskingInWordsIsNotConfirmedAgain() {
        // given
        inspect("en", "please stop texting me");

        // when
        Verdict stop = inspect("en", "STOP");
        Verdict again = inspect("en", "please stop texting me");

        // then
        assertEquals(List.of(new Verdict(Kind.ALREADY_OPTED_OUT, Optional.empty(), "en"),
                new Verdict(Kind.STOP_REQUESTED_IN_WORDS, Optional.empty(), "en")),
                List.of(stop, again));
    }

    @Test
    void yesFromANumberThatIsNotOptedOutGoesToTheDialog() {
        // when
        Verdict verdict = inspect("en", "YES");

        // then
        assertEquals(new Verdict(Kind.PASS, Optional.empty(), "en"), verdict);
        assertEquals(List.of(), ledger.history("acme", "sms", phone));
    }

    @Test
    void anyOtherMessageFromAnOptedOutNumberIsSuppressed() {
        // given
        inspect("en", "STOP");

        // when
        Verdict verdict = inspect("en", "what do I owe?");

        // then
        assertEquals(new Verdict(Kind.SUPPRESSED, Optional.empty(), "en"), verdict);
        assertTrue(ledger.optedOut("acme", "sms", phone));
    }

    @Test
    void askingInWordsWhileOptedOutIsRecordedAndGoesToAPersonAgain() {
        // given
        inspect("en", "STOP");

        // when
        Verdict verdict = inspect("en", "why are you still texting me? stop texting me");

        // then
        assertEquals(new Verdict(Kind.STOP_REQUESTED_IN_WORDS, Optional.empty(), "en"), verdict);
        assertEquals(List.of("keyword", "request_in_words"), ledger.history("acme", "sms", phone)
                .stream().map(ConsentLedger.Entry::how).toList());
    }

    // Languages and channels

    @Test
    void keywordOfAnotherLanguageIsConfirmedInThatLanguage() {
        // when
        Verdict verdict = inspect("en", "ALTO");

        // then
        assertEquals(new Verdict(Kind.OPTED_OUT, Optional.of("compliance.opted_out"), "es"),
                verdict);
    }

    @Test
    void carrierKeywordInASpanishConversationIsConfirmedInSpanish() {
        // when
        Verdict verdict = inspect("es", "STOP");

        // then
        assertEquals(new Verdict(Kind.OPTED_OUT, Optional.of("compliance.opted_out"), "es"),
                verdict);
    }

    @Test
    void unsubscribeByEmailOptsOutTheEmailAddress() {
        // when
        Verdict verdict = gate.inspect("acme", "email", "pat@example.com", "en", "conv-1",
                "Unsubscribe");

        // then
        assertEquals(Kind.OPTED_OUT, verdict.kind());
        assertTrue(ledger.optedOut("acme", "email", "pat@example.com"));
        assertFalse(ledger.optedOut("acme", "sms", phone));
    }

    @Test
    void stopInWebChatIsLeftToTheDialogAndRecordsNothing() {
        // when
        Verdict verdict = gate.inspect("acme", "webchat", "", "en", "conv-1", "STOP");

        // then
        assertEquals(new Verdict(Kind.PASS, Optional.empty(), "en"), verdict);
    }

    @Test
    void optOutIsRecordedWithTheConversation() {
        // when
        inspect("en", "STOP");

        // then
        assertEquals(Optional.of("conv-1"),
                ledger.history("acme", "sms", phone).get(0).conversationId());
    }

    @Test
    void everyReplyKeyExistsInEveryLanguage() {
        for (LocaleContent locale : LOCALES.values()) {
            for (String key : ComplianceGate.MESSAGE_KEYS) {
                assertTrue(locale.messages().containsKey(key),
                        key + " is missing in " + locale.folder());
            }
        }
        assertTrue(ComplianceGate.MESSAGE_KEYS.containsAll(ComplianceGate.EXEMPT_KEYS));
    }

    @Test
    void newLanguageFolderIsUnderstoodWithoutCode(@TempDir Path root) throws IOException {
        // given a Tagalog folder beside nothing else
        Path tl = Files.createDirectories(root.resolve("tl"));
        Files.writeString(tl.resolve("messages.yaml"), "compliance.opted_out: \"Hindi na.\"\n");
        Files.writeString(tl.resolve("keywords.yaml"), """
                opt-out: [hinto, itigil]
                opt-in: [simula]
                help: [tulong]
                opt-out-phrases: [huwag na akong i-text]
                """);
        ComplianceGate tagalog = new ComplianceGate(LocaleContent.loadAll(root), ledger);

        // when
        Verdict verdict = tagalog.inspect("acme", "sms", phone, "tl", "conv-1", " Itigil! ");

        // then
        assertEquals(new Verdict(Kind.OPTED_OUT, Optional.of("compliance.opted_out"), "tl"),
                verdict);
    }

    private Verdict inspect(String language, String message) {
        return gate.inspect("acme", "sms", phone, language, "conv-1", message);
    }

    /**
     * Each keyword of {@code list} in every language, as patients type it: upper, lower and
     * mixed case, surrounded by spaces, with a trailing full stop or exclamation mark.
     */
    private static Stream<Arguments> matrix(String list) {
        List<Arguments> cases = new ArrayList<>();
        for (LocaleContent locale : LOCALES.values()) {
            List<LocaleContent.Entry> words = list(locale, list);
            assertNotEquals(List.of(), words, list + " is empty in " + locale.folder());
            for (LocaleContent.Entry word : words) {
                String w = word.text();
                for (String typed : List.of(w.toUpperCase(), w.toLowerCase(), mixed(w),
                        "  " + w + "  ", w + ".", w.toUpperCase() + "!", " " + mixed(w) + "!! ")) {
                    cases.add(Arguments.of(locale.language(), typed));
                }
            }
        }
        return cases.stream();
    }

    private static List<LocaleContent.Entry> list(LocaleContent locale, String name) {
        return locale.keywords().getOrDefault(name, List.of());
    }

    /** {@code word}'s letters one by one with {@code between} them, its spaces left out. */
    private static String spelt(String word, String between) {
        return String.join(between, word.replaceAll("[\\s-]", "").codePoints()
                .mapToObj(Character::toString).toList());
    }

    /** {@code word} with its last letter held, where a doubled letter is no other word. */
    private static String held(String word) {
        int last = word.codePointBefore(word.length());
        Character.UnicodeScript script = Character.UnicodeScript.of(last);
        boolean doublesMatter = script == Character.UnicodeScript.HAN
                || script == Character.UnicodeScript.HANGUL;
        return doublesMatter ? word : word + Character.toString(last).repeat(3);
    }

    private static String mixed(String word) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            out.append(i % 2 == 0 ? Character.toLowerCase(c) : Character.toUpperCase(c));
        }
        return out.toString();
    }
}
