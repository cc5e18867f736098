package org.parley.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality gate: every language with a locale and a held-out set meets the target. */
class IntentEvaluationTest {

    private static final Path HELD_OUT = Path.of("src/test/resources/nlu");

    private static IntentEvaluation.Report report;

    @BeforeAll
    static void evaluate() {
        report = IntentEvaluation.run(LocaleContent.loadAll(Path.of("locales")), HELD_OUT);
        System.out.println(report.markdown());
    }

    @Test
    void englishAndSpanishAreEvaluated() {
        List<String> languages = report.languages().stream()
                .map(IntentEvaluation.LanguageScore::language).toList();

        assertTrue(languages.containsAll(List.of("en", "es")), languages.toString());
    }

    @Test
    void everyLanguageReachesTheTargetAccuracy() {
        List<String> below = report.languages().stream()
                .filter(s -> s.accuracy() < IntentEvaluation.TARGET_ACCURACY)
                .map(s -> s.language() + " " + s.accuracy() + " misses " + s.misses())
                .toList();

        assertEquals(List.of(), below);
    }

    @Test
    void noOutOfScopeMessageIsTakenForABillingAction() {
        for (IntentEvaluation.LanguageScore score : report.languages()) {
            assertEquals(0, score.outOfScopeAsBilling(), score.language() + ": " + score.misses());
        }
    }

    @Test
    void heldOutPhrasesAreNeverTrainingPhrases() {
        for (IntentEvaluation.LanguageScore score : report.languages()) {
            assertEquals(List.of(), score.trainingOverlap(), score.language());
        }
    }

    @Test
    void everyHeldOutSetCoversEveryIntentWithEightPhrases() {
        Map<String, LocaleContent> locales = LocaleContent.loadAll(Path.of("locales"));
        IntentEvaluation.read(HELD_OUT).forEach((language, examples) -> {
            if (!locales.containsKey(language)) {
                return;
            }
            for (String intent : locales.get(language).intents().keySet()) {
                long count = examples.stream().filter(e -> e.intent().equals(intent)).count();
                assertTrue(count >= 8, language + " " + intent + " has " + count + " phrases");
            }
            examples.forEach(e -> assertTrue(locales.get(language).intents().containsKey(e.intent()),
                    e.where() + ": unknown intent " + e.intent()));
        });
    }

    @Test
    void theSameTrainingGivesTheSameScores() {
        Map<String, LocaleContent> locales = LocaleContent.loadAll(Path.of("locales"));
        OpenNlpIntentClassifier first = new OpenNlpIntentClassifier(locales);
        OpenNlpIntentClassifier second = new OpenNlpIntentClassifier(locales);

        IntentEvaluation.read(HELD_OUT).forEach((language, examples) -> examples.forEach(e ->
                assertEquals(first.scores(language, e.phrase()), second.scores(language, e.phrase()),
                        e.where())));
        assertFalse(report.markdown().isBlank());
    }
}
