package org.parley.nlu;

import com.ibm.icu.lang.UScript;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Intent recognition with an Apache OpenNLP maximum-entropy document categorizer, one model per
 * language, trained at start from the phrases in {@code locales/<language>/intents.yaml}.
 *
 * <p>Training sets are small (a few phrases per intent), so a message is described by more than
 * its words: word pairs, letter triples of each word and its first letters (cheap stems for
 * inflected languages and typos) and, for Chinese, Japanese and Korean, single characters and
 * character pairs, which survive word segmentation errors and Korean particles. Training is
 * deterministic: a fixed number of iterations over the phrases in file order, so the same
 * phrases always give the same model.
 *
 * <p>A message none of whose words (or CJK character pairs) occur in the training phrases is not
 * understood, whatever the model says: a small model otherwise forces gibberish into some intent.
 */
public final class OpenNlpIntentClassifier implements IntentClassifier {

    private static final double MIN_CONFIDENCE = 0.45;
    private static final double MIN_CONFIDENCE_ANY = 0.30;
    private static final double MIN_CONFIDENCE_ACTION = 0.50;
    private static final double ACTION_OVER_OUT_OF_SCOPE = 4;
    private static final int ITERATIONS = 600;
    private static final int STEM_LENGTH = 4;

    private final Map<String, Model> models = new HashMap<>();

    public OpenNlpIntentClassifier(Map<String, LocaleContent> locales) {
        new TreeMap<>(locales).forEach((language, content) -> {
            if (!content.intents().isEmpty()) {
                models.put(language, train(language, content));
            }
        });
    }

    @Override
    public Optional<IntentMatch> classify(String language, String text,
                                          Collection<String> expected) {
        Map<String, Double> scores = scores(language, text);
        double total = 0;
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, Double> score : scores.entrySet()) {
            if (expected.contains(score.getKey())) {
                total += score.getValue();
                if (score.getValue() > bestScore) {
                    bestScore = score.getValue();
                    best = score.getKey();
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

    @Override
    public Optional<IntentMatch> classifyAny(String language, String text) {
        Map<String, Double> scores = scores(language, text);
        double outOfScope = scores.getOrDefault(OUT_OF_SCOPE, 0.0);
        return scores.entrySet().stream()
                .findFirst()
                .filter(best -> best.getValue() >= MIN_CONFIDENCE_ANY)
                .filter(best -> !isAction(best.getKey()) || best.getValue() >= MIN_CONFIDENCE_ACTION
                        || best.getValue() >= ACTION_OVER_OUT_OF_SCOPE * outOfScope)
                .map(best -> new IntentMatch(best.getKey(), best.getValue()));
    }

    /** A billing action: acting on a wrong one is worse than the fallback. */
    private static boolean isAction(String intent) {
        return !GLOBAL_INTENTS.contains(intent) && !OUT_OF_SCOPE.equals(intent);
    }

    /**
     * Every intent of {@code language} with its probability for {@code text}, most likely first
     * (ties by name), or an empty map when the language has no model or the text shares nothing
     * with the training phrases.
     */
    public Map<String, Double> scores(String language, String text) {
        Model model = models.get(language);
        if (model == null) {
            return Map.of();
        }
        List<String> features = features(Text.words(text));
        if (features.stream().noneMatch(model.vocabulary::contains)) {
            return Map.of();
        }

        // The categorizer is not thread-safe; a fresh one over the shared model is cheap.
        double[] probabilities = new DocumentCategorizerME(model.model)
                .categorize(features.toArray(String[]::new));
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            ranked.add(Map.entry(model.model.getMaxentModel().getOutcome(i), probabilities[i]));
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Double> scores = new LinkedHashMap<>();
        ranked.forEach(e -> scores.put(e.getKey(), e.getValue()));
        return scores;
    }

    /** The languages that have a model. */
    public Set<String> languages() {
        return Set.copyOf(models.keySet());
    }

    /**
     * What the model sees of a message: words ({@code w=}), word pairs ({@code b=}), letter
     * triples ({@code t=}), the first letters of long words ({@code s=}), and CJK characters
     * ({@code c=}) and character pairs ({@code cc=}) over each run of CJK text.
     */
    static List<String> features(List<String> words) {
        List<String> features = new ArrayList<>();
        StringBuilder cjk = new StringBuilder();
        String previous = "^";
        for (String word : words) {
            features.add("w=" + word);
            features.add("b=" + previous + "_" + word);
            previous = word;
            if (isCjk(word)) {
                cjk.append(word);
                continue;
            }
            addCharacters(cjk, features);
            int[] padded = ("<" + word + ">").codePoints().toArray();
            for (int i = 0; i + 3 <= padded.length; i++) {
                features.add("t=" + new String(padded, i, 3));
            }
            String stem = stem(word);
            if (!stem.equals(word)) {
                features.add("s=" + stem);
            }
        }
        addCharacters(cjk, features);
        if (!words.isEmpty()) {
            features.add("b=" + previous + "_$");
        }
        return features;
    }

    private static void addCharacters(StringBuilder run, List<String> features) {
        int[] chars = run.codePoints().toArray();
        for (int i = 0; i < chars.length; i++) {
            features.add("c=" + Character.toString(chars[i]));
            if (i + 1 < chars.length) {
                features.add("cc=" + Character.toString(chars[i])
                        + Character.toString(chars[i + 1]));
            }
        }
        run.setLength(0);
    }

    /** A crude stem: Arabic loses its article, long words keep their first letters. */
    private static String stem(String word) {
        String stem = word;
        for (String article : List.of("وال", "بال", "لل", "ال")) {
            if (stem.startsWith(article) && stem.length() > article.length() + 2) {
                stem = stem.substring(article.length());
                break;
            }
        }
        int[] letters = stem.codePoints().toArray();
        return letters.length > STEM_LENGTH + 1
                ? new String(letters, 0, STEM_LENGTH)
                : stem;
    }

    private static boolean isCjk(String word) {
        return word.codePoints().anyMatch(c -> {
            int script = UScript.getScript(c);
            return script == UScript.HAN || script == UScript.HIRAGANA
                    || script == UScript.KATAKANA || script == UScript.HANGUL;
        });
    }

    private static Model train(String language, LocaleContent content) {
        List<DocumentSample> samples = new ArrayList<>();
        Set<String> vocabulary = new HashSet<>();
        content.intents().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(intent -> intent.getValue().forEach(phrase -> {
                    List<String> features = features(Text.words(phrase.text()));
                    features.stream()
                            .filter(f -> f.startsWith("w=") || f.startsWith("cc=")
                                    || f.startsWith("c="))
                            .forEach(vocabulary::add);
                    samples.add(new DocumentSample(intent.getKey(),
                            features.toArray(String[]::new)));
                }));

        TrainingParameters params = TrainingParameters.defaultParams();
        params.put(TrainingParameters.CUTOFF_PARAM, 0);
        params.put(TrainingParameters.ITERATIONS_PARAM, ITERATIONS);
        params.put(TrainingParameters.THREADS_PARAM, 1);
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
