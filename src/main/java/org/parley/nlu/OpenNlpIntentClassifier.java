package org.parley.nlu;

import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import org.parley.i18n.LocaleContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Intent recognition with an Apache OpenNLP maximum-entropy document categorizer, one model per
 * language, trained at start from the phrases in {@code locales/<language>/intents.yaml}.
 *
 * <p>A message none of whose words occur in the training phrases is not understood, whatever
 * the model says: a small model otherwise forces gibberish into some intent.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {

    private static final double MIN_CONFIDENCE = 0.45;

    private final Map<String, Model> models = new HashMap<>();

    public OpenNlpIntentClassifier(Map<String, LocaleContent> locales) {
        locales.forEach((language, content) -> {
            if (!content.intents().isEmpty()) {
                models.put(language, train(language, content));
            }
        });
    }

    @Override
    public Optional<IntentMatch> classify(String language, String text,
                                          Collection<String> expected) {
        Model model = models.get(language);
        List<String> words = Text.words(text);
        if (model == null || words.isEmpty() || words.stream().noneMatch(model.vocabulary::contains)) {
            return Optional.empty();
        }

        // The categorizer is not thread-safe; a fresh one over the shared model is cheap.
        double[] scores = new DocumentCategorizerME(model.model).categorize(words.toArray(String[]::new));
        double total = 0;
        String best = null;
        double bestScore = 0;
        for (int i = 0; i < scores.length; i++) {
            String intent = model.model.getMaxentModel().getOutcome(i);
            if (expected.contains(intent)) {
                total += scores[i];
                if (scores[i] > bestScore) {
                    bestScore = scores[i];
                    best = intent;
                }
            }
        }
        if (best == null || total == 0) {
            return Optional.empty();
        }
        double confidence = bestScore / total;
        return confidence >= MIN_CONFIDENCE
                ? Optional.of(new IntentMatch(best, confidence))
                : Optional.empty();
    }

    private static Model train(String language, LocaleContent content) {
        List<DocumentSample> samples = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        content.intents().forEach((intent, phrases) -> phrases.forEach(phrase -> {
            List<String> words = Text.words(phrase.text());
            vocabulary.addAll(words);
            samples.add(new DocumentSample(intent, words.toArray(String[]::new)));
        }));

        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        params.put(TrainingParameters.ITERATIONS_PARAM, 200);
        try {
            DoccatModel model = DocumentCategorizerME.train(language,
                    new CollectionObjectStream<>(samples), params, new DoccatFactory());
            return new Model(model, Set.copyOf(vocabulary));
        } catch (IOException e) {
            throw new UncheckedIOException("Training the " + language + " intent model failed", e);
        }
    }

    private record Model(DoccatModel model, Set<String> vocabulary) {
    }
}
