package org.parley.nlu;

import org.parley.dialog.ContentException;
import org.parley.i18n.LocaleContent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Scores the intent models on held-out phrases: trains on each language's
 * {@code locales/<language>/intents.yaml}, classifies every line of {@code <language>.tsv}
 * ({@code intent<TAB>phrase}) over all intents, and reports per language the accuracy, the macro
 * F1, the confusions, and how many out-of-scope messages were taken for a billing action. It
 * also times classification per message.
 *
 * <p>A message the classifier does not understand counts as {@code out_of_scope}: the engine
 * answers both with the same fallback.
 */
public final class IntentEvaluation {

    /** The accuracy every language must reach. */
    public static final double TARGET_ACCURACY = 0.95;

    private static final int WARM_UP_ROUNDS = 20;
    private static final int TIMED_ROUNDS = 50;

    private IntentEvaluation() {
    }

    /** One held-out phrase and its intent. */
    public record Example(String intent, String phrase, String where) {
    }

    /** A held-out phrase classified wrongly, with the model's top intent and probability. */
    public record Miss(String expected, String got, String top, String phrase) {
    }

    /** How one language scored. */
    public record LanguageScore(String language, int phrases, double accuracy, double macroF1,
                                Map<String, Integer> confusions, int outOfScopeAsBilling,
                                List<Miss> misses, List<String> trainingOverlap) {

        public LanguageScore {
            confusions = Map.copyOf(confusions);
            misses = List.copyOf(misses);
            trainingOverlap = List.copyOf(trainingOverlap);
        }

        /** At least the target accuracy and no out-of-scope message taken for a billing action. */
        public boolean meetsTarget() {
            return accuracy >= TARGET_ACCURACY && outOfScopeAsBilling == 0
                    && trainingOverlap.isEmpty();
        }
    }

    /** Classification time per message, in microseconds. */
    public record Timing(int messages, double meanMicros, double p99Micros) {
    }

    /** Every language's score, sorted by language, and the timing over all of them. */
    public record Report(List<LanguageScore> languages, Timing timing) {

        public Report {
            languages = List.copyOf(languages);
        }

        public boolean meetsTarget() {
            return !languages.isEmpty() && languages.stream().allMatch(LanguageScore::meetsTarget);
        }

        /** The Markdown table, the confusions and the misses, and the timing. */
        public String markdown() {
            StringBuilder md = new StringBuilder();
            md.append("| language | phrases | accuracy | macro F1 | out-of-scope→billing |\n");
            md.append("|---|---:|---:|---:|---:|\n");
            for (LanguageScore s : languages) {
                md.append(String.format(Locale.ROOT, "| %s | %d | %.1f%% | %.3f | %d |%n",
                        s.language(), s.phrases(), 100 * s.accuracy(), s.macroF1(),
                        s.outOfScopeAsBilling()));
            }
            for (LanguageScore s : languages) {
                if (s.confusions().isEmpty() && s.trainingOverlap().isEmpty()) {
                    continue;
                }
                md.append("\n").append(s.language()).append(":\n");
                new TreeMap<>(s.confusions()).forEach((pair, count) ->
                        md.append("- ").append(pair).append(": ").append(count).append('\n'));
                for (Miss miss : s.misses()) {
                    md.append(String.format(Locale.ROOT, "  - \"%s\" (%s → %s; top: %s)%n",
                            miss.phrase(), miss.expected(), miss.got(), miss.top()));
                }
                for (String phrase : s.trainingOverlap()) {
                    md.append("- also a training phrase, remove it from the test set: \"")
                            .append(phrase).append("\"\n");
                }
            }
            md.append(String.format(Locale.ROOT,
                    "%nClassification time per message (%d messages after warm-up): "
                            + "mean %.1f µs, p99 %.1f µs%n",
                    timing.messages(), timing.meanMicros(), timing.p99Micros()));
            return md.toString();
        }
    }

    /**
     * Trains on {@code locales} and scores every language that has both a locale and a
     * {@code <language>.tsv} in {@code heldOut}.
     */
    public static Report run(Map<String, LocaleContent> locales, Path heldOut) {
        Map<String, List<Example>> examples = read(heldOut);
        examples.keySet().retainAll(locales.keySet());
        OpenNlpIntentClassifier classifier = new OpenNlpIntentClassifier(locales);

        List<LanguageScore> scores = new ArrayList<>();
        examples.forEach((language, list) ->
                scores.add(score(classifier, locales.get(language), list)));
        return new Report(scores, time(classifier, examples));
    }

    /** Every {@code <language>.tsv} in {@code folder}, keyed by language, sorted. */
    public static Map<String, List<Example>> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new ContentException(folder + ": the held-out folder does not exist; pass the "
                    + "folder of <language>.tsv files, such as src/test/resources/nlu");
        }
        Map<String, List<Example>> all = new TreeMap<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                String name = file.getFileName().toString();
                all.put(name.substring(0, name.length() - ".tsv".length()), readFile(file));
            }
        } catch (IOException e) {
            throw new ContentException(folder + ": cannot be read: " + e.getMessage());
        }
        return all;
    }

    private static List<Example> readFile(Path file) throws IOException {
        List<Example> examples = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab <= 0 || line.substring(tab + 1).isBlank()) {
                throw new ContentException(file + ":" + (i + 1) + ": expected 'intent<TAB>phrase', "
                        + "got '" + line + "'");
            }
            examples.add(new Example(line.substring(0, tab).strip(),
                    line.substring(tab + 1).strip(), file + ":" + (i + 1)));
        }
        return examples;
    }

    private static LanguageScore score(OpenNlpIntentClassifier classifier, LocaleContent locale,
                                       List<Example> examples) {
        String language = locale.language();
        Set<String> training = new HashSet<>();
        locale.intents().values().forEach(list ->
                list.forEach(p -> training.add(Text.command(p.text()))));
        Set<String> billing = new TreeSet<>(locale.intents().keySet());
        billing.removeAll(IntentClassifier.GLOBAL_INTENTS);
        billing.remove(IntentClassifier.OUT_OF_SCOPE);

        Map<String, Integer> confusions = new TreeMap<>();
        Map<String, int[]> counts = new TreeMap<>();
        List<Miss> misses = new ArrayList<>();
        List<String> overlap = new ArrayList<>();
        int correct = 0;
        int outOfScopeAsBilling = 0;
        for (Example example : examples) {
            if (training.contains(Text.command(example.phrase()))) {
                overlap.add(example.phrase());
            }
            var match = classifier.classifyAny(language, example.phrase());
            String got = match.map(IntentClassifier.IntentMatch::intent)
                    .orElse(IntentClassifier.OUT_OF_SCOPE);
            // For a miss, the model's top intent and score say what training phrases are missing.
            String top = classifier.scores(language, example.phrase()).entrySet().stream()
                    .findFirst()
                    .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                    .orElse("no known word");

            // counts: [true positives, predicted, expected]
            counts.computeIfAbsent(example.intent(), k -> new int[3])[2]++;
            counts.computeIfAbsent(got, k -> new int[3])[1]++;
            if (got.equals(example.intent())) {
                correct++;
                counts.get(got)[0]++;
                continue;
            }
            confusions.merge(example.intent() + " → " + got, 1, Integer::sum);
            misses.add(new Miss(example.intent(), got, top, example.phrase()));
            if (example.intent().equals(IntentClassifier.OUT_OF_SCOPE) && billing.contains(got)) {
                outOfScopeAsBilling++;
            }
        }

        double f1Sum = 0;
        for (int[] c : counts.values()) {
            double precision = c[1] == 0 ? 0 : (double) c[0] / c[1];
            double recall = c[2] == 0 ? 0 : (double) c[0] / c[2];
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        double macroF1 = counts.isEmpty() ? 0 : f1Sum / counts.size();
        double accuracy = examples.isEmpty() ? 0 : (double) correct / examples.size();
        return new LanguageScore(language, examples.size(), accuracy, macroF1, confusions,
                outOfScopeAsBilling, misses, overlap);
    }

    /** Times classifyAny over every held-out phrase, after warm-up rounds the JIT needs. */
    private static Timing time(OpenNlpIntentClassifier classifier,
                               Map<String, List<Example>> examples) {
        List<String[]> messages = new ArrayList<>();
        examples.forEach((language, list) ->
                list.forEach(e -> messages.add(new String[] {language, e.phrase()})));
        if (messages.isEmpty()) {
            return new Timing(0, 0, 0);
        }
        int sink = 0;
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (String[] m : messages) {
                sink += classifier.classifyAny(m[0], m[1]).isPresent() ? 1 : 0;
            }
        }
        long[] nanos = new long[messages.size() * TIMED_ROUNDS];
        int n = 0;
        for (int round = 0; round < TIMED_ROUNDS; round++) {
            for (String[] m : messages) {
                long start = System.nanoTime();
                sink += classifier.classifyAny(m[0], m[1]).isPresent() ? 1 : 0;
                nanos[n++] = System.nanoTime() - start;
            }
        }
        if (sink < 0) {
            throw new IllegalStateException("unreachable: keeps the timed calls from being elided");
        }
        Arrays.sort(nanos);
        double mean = Arrays.stream(nanos).average().orElse(0) / 1000;
        double p99 = nanos[(int) Math.ceil(0.99 * nanos.length) - 1] / 1000.0;
        return new Timing(nanos.length, mean, p99);
    }
}
