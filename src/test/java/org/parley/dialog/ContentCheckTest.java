package org.parley.dialog;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.dialog.ContentCheck.Problem;
import org.parley.i18n.LocaleContent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentCheckTest {

    static final Map<String, Set<String>> ACTIONS = Map.of(
            "verify_identity", Set.of("verified", "need_last_name", "need_date_of_birth",
                    "need_zip", "need_account_number", "failed", "locked"),
            "show_balance", Set.of("shown", "nothing_due"),
            "request_agent", Set.of("done"));
    static final Set<String> KEYS_USED_BY_CODE = Set.of("card.masked", "language.switched",
            "help.chat");

    static final String MAIN = """
            flow: main
            start: menu
            steps:
              menu:
                say: menu.prompt
                options: [check_balance, talk_to_agent]
                on:
                  check_balance: "@check-balance"
                  talk_to_agent: "@talk-to-agent"
                reprompt: menu.reprompt
            """;
    static final String CHECK_BALANCE = """
            flow: check-balance
            requires: verified
            start: show
            steps:
              show:
                action: show_balance
                on:
                  shown: details
                  nothing_due: main.menu
              details:
                say: [balance.summary]
                next: main.menu
            """;
    static final String VERIFY_IDENTITY = """
            flow: verify-identity
            start: collect
            steps:
              collect:
                say: verify.ask
                collect: [date_of_birth]
                action: verify_identity
                on:
                  verified: return
                  failed: {say: verify.failed, go: collect}
            """;
    static final String TALK_TO_AGENT = """
            flow: talk-to-agent
            start: hand-over
            steps:
              hand-over:
                say: handoff.requested
                action: request_agent
                next: end
            """;
    static final String EN_MESSAGES = """
            menu.prompt: "What would you like to do?"
            menu.reprompt: "Sorry, I did not understand."
            option.check_balance: "Check my balance"
            option.talk_to_agent: "Talk to a person"
            balance.summary: "{visits, plural, one {# visit: {total}} other {# visits: {total}}}"
            verify.ask: "Please send your date of birth."
            verify.failed: "That does not match our records."
            handoff.requested: "A person from {client} will reply here."
            card.masked: "I hid the card number."
            language.switched: "Okay, English."
            help.chat: "To reach a person, call {phone}."
            """;
    static final String ES_MESSAGES = """
            menu.prompt: "¿Qué desea hacer?"
            menu.reprompt: "Perdón, no entendí."
            option.check_balance: "Ver mi saldo"
            option.talk_to_agent: "Hablar con una persona"
            balance.summary: "{visits, plural, one {# visita: {total}} other {# visitas: {total}}}"
            verify.ask: "Envíe su fecha de nacimiento."
            verify.failed: "Esos datos no coinciden."
            handoff.requested: "Una persona de {client} le responderá aquí."
            card.masked: "Oculté el número de tarjeta."
            language.switched: "De acuerdo, español."
            help.chat: "Para hablar con una persona, llame al {phone}."
            """;
    static final String INTENTS = """
            check_balance:
              - what do i owe
            talk_to_agent:
              - agent
            """;
    static final String KEYWORDS = """
            start-over: [start over]
            help: [help]
            language-names: [english]
            opt-out: [stop]
            opt-in: [start]
            opt-out-phrases: [stop texting me]
            """;

    @TempDir
    Path root;

    @BeforeEach
    void writeValidContent() throws IOException {
        write("dialogs/main.yaml", MAIN);
        write("dialogs/check-balance.yaml", CHECK_BALANCE);
        write("dialogs/verify-identity.yaml", VERIFY_IDENTITY);
        write("dialogs/talk-to-agent.yaml", TALK_TO_AGENT);
        writeLanguage("en", EN_MESSAGES);
        writeLanguage("es", ES_MESSAGES);
    }

    @Test
    void validContentHasNoProblems() {
        // given the content written before each test

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(), problems);
    }

    @Test
    void realContentInTheProjectHasNoProblems() {
        // given the dialogs and locales shipped with Parley
        Map<String, Flow> flows = FlowLoader.load(Path.of("dialogs"));
        Map<String, LocaleContent> locales = LocaleContent.loadAll(Path.of("locales"));

        // when
        List<Problem> problems = ContentCheck.check(flows, locales,
                org.parley.Parley.actionOutcomes(), org.parley.Parley.KEYS_USED_BY_CODE);

        // then
        assertEquals(List.of(), problems.stream().map(Problem::toString).toList());
    }

    // 1. message keys used by flows and code

    @Test
    void stepSayingAKeyNoLanguageDefinesIsReportedAtTheStep() throws IOException {
        // given
        write("dialogs/main.yaml", MAIN.replace("say: menu.prompt", "say: menu.promt"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/main.yaml:5: step 'menu' says 'menu.promt', which no "
                + "language defines; add it to locales/en/messages.yaml or fix the key"), problems);
    }

    @Test
    void transitionSayingAnUnknownKeyIsReportedAtTheStep() throws IOException {
        // given
        write("dialogs/verify-identity.yaml",
                VERIFY_IDENTITY.replace("say: verify.failed", "say: verify.fail"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/verify-identity.yaml:5: step 'collect' says 'verify.fail' "
                + "on 'failed', which no language defines; add it to locales/en/messages.yaml "
                + "or fix the key"), problems);
    }

    @Test
    void optionWithoutALabelInEnglishIsReportedAtTheStep() throws IOException {
        // given only Spanish labels the talk_to_agent option
        write("locales/en/messages.yaml", EN_MESSAGES.replace(
                "option.talk_to_agent: \"Talk to a person\"\n", ""));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(
                "dialogs/main.yaml:5: step 'menu' labels option 'talk_to_agent' with "
                        + "'option.talk_to_agent', which only es defines; add it to "
                        + "locales/en/messages.yaml or fix the key",
                "locales/es/messages.yaml:4: 'option.talk_to_agent' is missing in en; add it "
                        + "to locales/en/messages.yaml"), problems);
    }

    @Test
    void keyTheCodeSaysMustExistInEnglish() throws IOException {
        // given
        write("locales/en/messages.yaml", EN_MESSAGES.replace("card.masked", "card.hidden"));
        write("locales/es/messages.yaml", ES_MESSAGES.replace("card.masked", "card.hidden"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/messages.yaml:1: the Java code says 'card.masked', "
                + "which no language defines; add it to locales/en/messages.yaml"), problems);
    }

    // 2. keys present in every language

    @Test
    void keyMissingInSpanishIsReportedWhereEnglishDefinesIt() throws IOException {
        // given
        write("locales/es/messages.yaml", ES_MESSAGES.replace(
                "verify.ask: \"Envíe su fecha de nacimiento.\"\n", ""));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/messages.yaml:6: 'verify.ask' is missing in es; add it "
                + "to locales/es/messages.yaml"), problems);
    }

    @Test
    void smsVariantWithoutItsBaseKeyIsReported() throws IOException {
        // given
        write("locales/es/messages.yaml", ES_MESSAGES + "menu.again@sms: \"¿Algo más?\"\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/messages.yaml:12: 'menu.again@sms' is the sms variant "
                + "of 'menu.again', which es does not define; add 'menu.again' to this file or "
                + "remove the variant"), problems);
    }

    @Test
    void smsVariantInOneLanguageOnlyIsFine() throws IOException {
        // given
        write("locales/en/messages.yaml", EN_MESSAGES + "menu.prompt@sms: \"What now?\"\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(), problems);
    }

    // 3. placeholders

    @Test
    void placeholdersThatDifferFromEnglishAreReportedAtTheOtherLanguage() throws IOException {
        // given
        write("locales/es/messages.yaml", ES_MESSAGES.replace("{client}", "{cliente}"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/messages.yaml:8: 'handoff.requested' uses placeholders "
                + "[cliente] in es but [client] in en; use the same names in every language"),
                problems);
    }

    @Test
    void placeholdersInsidePluralCasesAreCompared() throws IOException {
        // given
        write("locales/es/messages.yaml", ES_MESSAGES.replace("{# visitas: {total}}",
                "{# visitas: {totals}}"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/messages.yaml:5: 'balance.summary' uses placeholders "
                + "[total, totals, visits] in es but [total, visits] in en; use the same names "
                + "in every language"), problems);
    }

    @Test
    void smsVariantWithOtherPlaceholdersThanItsBaseIsReported() throws IOException {
        // given
        write("locales/en/messages.yaml",
                EN_MESSAGES + "handoff.requested@sms: \"Call {phone}\"\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/messages.yaml:12: 'handoff.requested@sms' uses "
                + "placeholders [phone] but its base 'handoff.requested' uses [client]; a channel "
                + "variant must use the same placeholders"), problems);
    }

    // 4. ICU syntax and plural cases

    @Test
    void invalidIcuSyntaxIsReportedWithIcusReason() throws IOException {
        // given
        write("locales/es/messages.yaml", ES_MESSAGES.replace("llame al {phone}.",
                "llame al {phone."));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/messages.yaml:11: 'help.chat' is not valid ICU "
                + "MessageFormat: Bad argument syntax: [at pattern index 39] \"phone.\"; "
                + "correct the pattern: braces pair up, a literal brace is quoted with "
                + "apostrophes, every plural or select has 'other'"), problems);
    }

    @Test
    void pluralWithoutOtherIsReported() throws IOException {
        // given
        write("locales/en/messages.yaml", EN_MESSAGES.replace(
                " other {# visits: {total}}", ""));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/messages.yaml:5: 'balance.summary' is not valid ICU "
                + "MessageFormat: Missing 'other' keyword in plural pattern in \"{visits, "
                + "plural, one ...\"; correct the pattern: braces pair up, a literal brace is "
                + "quoted with apostrophes, every plural or select has 'other'"), problems);
    }

    @Test
    void pluralLackingACategoryOfTheLanguageIsReported() throws IOException {
        // given Russian wording that counts with English categories only
        writeLanguage("ru", EN_MESSAGES);

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/ru/messages.yaml:5: 'balance.summary' counts {visits} with "
                + "cases [one, other], but the plural rules of Russian (ru) also need [few, many]; "
                + "add those cases"), problems);
    }

    @Test
    void exactCaseStandsInForACategoryOfExactlyThatNumber() throws IOException {
        // given English "one" holds only 1, so "=1" covers it
        write("locales/en/messages.yaml", EN_MESSAGES.replace("one {# visit: {total}}",
                "=1 {one visit: {total}}"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(), problems);
    }

    @Test
    void spanishNeedsNoCaseForTheManyCategoryOfExactMillions() throws IOException {
        // given Spanish wording with one and other only; "many" holds 1000000, 2000000, ...
        write("locales/es/messages.yaml", ES_MESSAGES);

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(), problems);
    }

    // 5. intents and training phrases

    @Test
    void intentWithoutPhrasesInALanguageIsReportedAtTheStepThatListens() throws IOException {
        // given
        write("locales/es/intents.yaml", "check_balance:\n  - cuánto debo\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/main.yaml:5: step 'menu' listens for intent "
                + "'talk_to_agent', which has no training phrases in es; add some under "
                + "'talk_to_agent:' in locales/es/intents.yaml"), problems);
    }

    @Test
    void intentListedWithAnEmptyListIsReportedAtItsLine() throws IOException {
        // given
        write("locales/en/intents.yaml", INTENTS + "pay: []\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/intents.yaml:5: intent 'pay' has no training phrases; "
                + "add some, or remove the intent"), problems);
    }

    // 6. paths

    @Test
    void stepNoPathReachesIsReportedAtTheStep() throws IOException {
        // given
        write("dialogs/talk-to-agent.yaml", TALK_TO_AGENT + """
                  forgotten:
                    say: handoff.requested
                    next: end
                """);

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/talk-to-agent.yaml:9: step 'forgotten' is never reached "
                + "from any flow's start; lead to it with 'next' or 'on' from another step, or "
                + "remove it"), problems);
    }

    @Test
    void targetNamingNoStepIsReportedAtTheStep() throws IOException {
        // given
        write("dialogs/check-balance.yaml", CHECK_BALANCE.replace("shown: details",
                "shown: detail"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(
                "dialogs/check-balance.yaml:6: step 'show' goes to 'detail' on 'shown', but this "
                        + "flow has no step 'detail'; use a step of this flow, flow.step, @flow, "
                        + "return or end",
                "dialogs/check-balance.yaml:11: step 'details' is never reached from any flow's "
                        + "start; lead to it with 'next' or 'on' from another step, or remove it"),
                problems);
    }

    @Test
    void targetNamingNoFlowIsReportedAtTheStep() throws IOException {
        // given
        write("dialogs/talk-to-agent.yaml", TALK_TO_AGENT.replace("next: end",
                "next: mian.menu"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/talk-to-agent.yaml:5: step 'hand-over' goes to "
                + "'mian.menu' next, but there is no flow 'mian'; use a step of this flow, "
                + "flow.step, @flow, return or end"), problems);
    }

    @Test
    void flowNoOtherFlowEntersIsReportedAtLineOne() throws IOException {
        // given
        write("dialogs/main.yaml", MAIN.replace("""
                      talk_to_agent: "@talk-to-agent"
                """, """
                      talk_to_agent: menu
                """));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/talk-to-agent.yaml:1: flow 'talk-to-agent' is never "
                + "entered: no other flow goes to '@talk-to-agent' or 'talk-to-agent.<step>' and "
                + "none requires it; lead to it from another flow or remove the file"), problems);
    }

    @Test
    void requiringAConditionTheEngineDoesNotKnowIsReportedAtItsLine() throws IOException {
        // given
        write("dialogs/check-balance.yaml", CHECK_BALANCE.replace("requires: verified",
                "requires: verifed"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(
                "dialogs/check-balance.yaml:2: requires 'verifed', which is not a condition the "
                        + "engine knows; use one of [verified] or remove it",
                "dialogs/verify-identity.yaml:1: flow 'verify-identity' is never entered: no "
                        + "other flow goes to '@verify-identity' or 'verify-identity.<step>' and "
                        + "none requires it; lead to it from another flow or remove the file"),
                problems);
    }

    // 7. actions

    @Test
    void actionTheEngineDoesNotProvideIsReported() throws IOException {
        // given
        write("dialogs/talk-to-agent.yaml", TALK_TO_AGENT.replace("request_agent",
                "call_agent"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/talk-to-agent.yaml:5: step 'hand-over' runs action "
                + "'call_agent', which the engine does not provide; use one of [request_agent, "
                + "show_balance, verify_identity]"), problems);
    }

    @Test
    void mappingAnOutcomeTheActionNeverReturnsIsReported() throws IOException {
        // given
        write("dialogs/check-balance.yaml", CHECK_BALANCE.replace("nothing_due: main.menu",
                "paid_off: main.menu"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(
                "dialogs/check-balance.yaml:6: step 'show' has no 'next' and does not map "
                        + "outcomes [nothing_due] of action 'show_balance'; map them under 'on' "
                        + "or add 'next'",
                "dialogs/check-balance.yaml:6: step 'show' maps outcome 'paid_off', which action "
                        + "'show_balance' never returns; it returns [nothing_due, shown]"),
                problems);
    }

    @Test
    void stepThatLeavesAnOutcomeUnmappedWithoutNextIsReported() throws IOException {
        // given
        write("dialogs/check-balance.yaml", CHECK_BALANCE.replace("""
                      nothing_due: main.menu
                """, ""));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("dialogs/check-balance.yaml:6: step 'show' has no 'next' and does "
                + "not map outcomes [nothing_due] of action 'show_balance'; map them under 'on' "
                + "or add 'next'"), problems);
    }

    // 8. keywords

    @Test
    void missingKeywordListIsReportedAtLineOne() throws IOException {
        // given
        write("locales/es/keywords.yaml", KEYWORDS.replace("language-names: [english]\n", ""));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/keywords.yaml:1: 'language-names' is missing: patients "
                + "type these words to switch to this language; add a line 'language-names: "
                + "[word, another word]'"), problems);
    }

    @Test
    void languageWithoutOptOutKeywordsIsReported() throws IOException {
        // given a new language folder written without the compliance lists
        writeLanguage("vi", EN_MESSAGES);
        write("locales/vi/keywords.yaml", "start-over: [bắt đầu lại]\nhelp: [trợ giúp]\n"
                + "language-names: [tiếng việt]\n");

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of(
                "locales/vi/keywords.yaml:1: 'opt-in' is missing: patients type these words to "
                        + "receive messages again after opting out; add a line 'opt-in: [word, "
                        + "another word]'",
                "locales/vi/keywords.yaml:1: 'opt-out' is missing: patients type these words to "
                        + "stop all automated messages; add a line 'opt-out: [word, another "
                        + "word]'",
                "locales/vi/keywords.yaml:1: 'opt-out-phrases' is missing: patients type these "
                        + "words to ask in their own words to stop messages; add a line "
                        + "'opt-out-phrases: [word, another word]'"), problems);
    }

    @Test
    void emptyOptOutListIsReportedAtItsLine() throws IOException {
        // given
        write("locales/es/keywords.yaml", KEYWORDS.replace("opt-out: [stop]", "opt-out: []"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/es/keywords.yaml:4: 'opt-out' lists no words: patients "
                + "type these words to stop all automated messages; add at least one"),
                problems);
    }

    @Test
    void emptyKeywordListIsReportedAtItsLine() throws IOException {
        // given
        write("locales/en/keywords.yaml", KEYWORDS.replace("help: [help]", "help: []"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/en/keywords.yaml:2: 'help' lists no words: patients type "
                + "these words to ask for help; add at least one"), problems);
    }

    // the check subcommand

    @Test
    void checkCommandSummarisesValidContent() {
        // given the content written before each test
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        int status = run(out);

        // then
        assertEquals(0, status);
        assertEquals("Content OK: 4 flows, 2 languages, 11 messages\n", text(out));
    }

    @Test
    void checkCommandPrintsEachProblemThenACount() throws IOException {
        // given
        write("locales/en/keywords.yaml", KEYWORDS.replace("help: [help]", "help: []"));
        write("locales/en/intents.yaml", INTENTS + "pay: []\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        int status = run(out);

        // then
        assertEquals(1, status);
        assertEquals("""
                locales/en/intents.yaml:5: intent 'pay' has no training phrases; add some, or \
                remove the intent
                locales/en/keywords.yaml:2: 'help' lists no words: patients type these words to \
                ask for help; add at least one
                2 problems in dialogs/ and locales/
                """, text(out));
    }

    @Test
    void checkCommandReportsAFileThatDoesNotLoadAsOneProblem() throws IOException {
        // given
        write("dialogs/pay.yaml", "flow: pay\nsteps: {}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        // when
        int status = run(out);

        // then
        assertEquals(1, status);
        assertEquals("""
                dialogs/pay.yaml:1: 'start' is missing
                1 problem in dialogs/ and locales/
                """, text(out));
    }

    private List<String> check() {
        Map<String, Flow> flows = FlowLoader.load(root.resolve("dialogs"));
        Map<String, LocaleContent> locales = LocaleContent.loadAll(root.resolve("locales"));
        return ContentCheck.check(flows, locales, ACTIONS, KEYS_USED_BY_CODE).stream()
                .map(p -> relative(p.toString())).toList();
    }

    private int run(ByteArrayOutputStream out) {
        return CheckCommand.run(root.resolve("dialogs"), root.resolve("locales"), ACTIONS,
                KEYS_USED_BY_CODE, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    /** The text with paths relative to the content root, as an author running from it sees. */
    private String relative(String text) {
        return text.replace(root + "/", "");
    }

    private String text(ByteArrayOutputStream out) {
        return relative(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aLanguageThatSortsBeforeEnglishIsComparedWithEnglishToo() throws IOException {
        // given German, whose folder sorts before the reference English, with a wrong placeholder
        writeLanguage("de", EN_MESSAGES.replace("{phone}", "{telephone}"));

        // when
        List<String> problems = check();

        // then
        assertEquals(List.of("locales/de/messages.yaml:11: 'help.chat' uses placeholders "
                + "[telephone] in de but [phone] in en; use the same names in every language"),
                problems);
    }

    @Test
    void aMessageKeyDefinedTwiceIsReportedAtItsSecondLine() throws IOException {
        // given
        writeLanguage("en", EN_MESSAGES + "menu.prompt: \"Again?\"\n");

        // when
        var out = new java.io.ByteArrayOutputStream();
        int status = CheckCommand.run(root.resolve("dialogs"), root.resolve("locales"), ACTIONS,
                KEYS_USED_BY_CODE, new java.io.PrintStream(out, true, StandardCharsets.UTF_8));

        // then
        assertEquals(1, status);
        assertEquals("locales/en/messages.yaml:12: 'menu.prompt' is defined twice (also at line 1); "
                + "keep one", text(out).lines().findFirst().orElseThrow());
    }

    @Test
    void aFeaturePartAddsMessagesAndIntentsBesideTheMainFiles() throws IOException {
        // given
        writeLanguage("en", EN_MESSAGES);
        write("locales/en/plans.messages.yaml", "plan.offer: \"Pick a plan\"\n");
        write("locales/en/plans.intents.yaml", "change_plan: [change my plan, move my payment]\n");

        // when
        var en = org.parley.i18n.LocaleContent.loadAll(root.resolve("locales")).get("en");

        // then
        assertEquals("Pick a plan", en.messages().get("plan.offer").text());
        assertEquals(root.resolve("locales/en/plans.messages.yaml") + ":1",
                en.messages().get("plan.offer").where());
        assertEquals(List.of("change my plan", "move my payment"), en.intents().get("change_plan")
                .stream().map(org.parley.i18n.LocaleContent.Entry::text).toList());
    }

    @Test
    void aMessageKeyDefinedInTwoPartsNamesBothFiles() throws IOException {
        // given
        writeLanguage("en", EN_MESSAGES);
        write("locales/en/plans.messages.yaml", "\nmenu.prompt: \"Again?\"\n");

        // when
        var failure = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class,
                () -> org.parley.i18n.LocaleContent.loadAll(root.resolve("locales")));

        // then
        assertEquals(root.resolve("locales/en/plans.messages.yaml") + ":2: 'menu.prompt' is "
                + "defined twice (also at " + root.resolve("locales/en/messages.yaml")
                + ":1); keep one", failure.getMessage());
    }

    private void writeLanguage(String language, String messages) throws IOException {
        write("locales/" + language + "/messages.yaml", messages);
        write("locales/" + language + "/intents.yaml", INTENTS);
        write("locales/" + language + "/keywords.yaml", KEYWORDS);
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
