package org.parley.nlu;

import com.ibm.icu.lang.UScript;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.parley.i18n.LocaleContent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Decides whether a patient's message is written in another supported language, clearly
 * enough to switch the conversation to it. It answers only for long messages (at least four
 * words, or six Chinese, Japanese or Korean characters): short replies, numbers, amounts, dates,
 * "ok", "si" and names never switch a conversation.
 *
 * <p>The script decides where it is unambiguous: Hangul is Korean, Han without kana Chinese,
 * kana Japanese, Arabic script Arabic, Cyrillic Russian. Latin script is Vietnamese when it
 * carries Vietnamese letters (ơ, ư, đ, ă, a dot below or hook above); otherwise OpenNLP's
 * language detector, weighed over the supported languages, and the words of each language's
 * locale must agree: the detector's likeliest language must also know at least half of the
 * message's words, and twice as many as the conversation's current language. A message of
 * capitalised words only ("Maria Guadalupe Rivera Lopez") is taken for a name. Results are
 * deterministic.
 */
public final class LanguageDetector {

    private static final String MODEL = "/langdetect-183.bin";
    private static final int MIN_WORDS = 4;
    private static final int MIN_CJK_CHARACTERS = 6;
    private static final double MIN_SCRIPT_SHARE = 0.8;
    private static final double MIN_MARGIN = 2;
    private static final int MIN_KNOWN_WORDS = 2;
    private static final Pattern VIETNAMESE_LETTERS =
            Pattern.compile("[ơƠưƯđĐăĂ\\x{1EA0}-\\x{1EF9}]");
    private static final Pattern PERSIAN_LETTERS = Pattern.compile("[پچژگ]");
    private static final Pattern URDU_LETTERS = Pattern.compile("[ٹڈڑںے]");
    private static final Pattern UKRAINIAN_LETTERS = Pattern.compile("[іїєґІЇЄҐ]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private final Map<String, Set<String>> vocabulary = new TreeMap<>();
    private final Map<String, String> fromIso3 = new HashMap<>();

    /**
     * Learns each language's words from its locale: messages, training phrases and keywords.
     * The statistical model is loaded once per process, on the first message that needs it.
     */
    public LanguageDetector(Map<String, LocaleContent> locales) {
        locales.forEach((language, content) -> vocabulary.put(language, words(content)));
        for (String code : Locale.getISOLanguages()) {
            fromIso3.put(Locale.of(code).getISO3Language(), code);
        }
    }

    /** The language model, read from its jar on first use (it takes a second or two). */
    private static final class Model {
        static final LanguageDetectorModel INSTANCE = load();

        private static LanguageDetectorModel load() {
            try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
                if (in == null) {
                    throw new IllegalStateException(MODEL + " is not on the class path; add "
                            + "org.apache.opennlp:opennlp-models-langdetect to the dependencies");
                }
                return new LanguageDetectorModel(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Reading the language model " + MODEL + " failed",
                        e);
            }
        }
    }

    /**
     * The language to switch the conversation to, or empty when {@code text} is short, mixed,
     * already in {@code current}, in a language not in {@code supported}, or not clear.
     */
    public Optional<String> switchTo(String text, String current, Collection<String> supported) {
        List<String> words = Text.words(text).stream()
                .filter(w -> w.codePoints().anyMatch(Character::isLetter))
                .toList();
        Letters letters = Letters.count(text);
        if (words.size() < MIN_WORDS && letters.cjk() < MIN_CJK_CHARACTERS) {
            return Optional.empty();
        }

        Optional<String> detected = letters.dominant() == UScript.LATIN
                ? latin(text, words, current, supported) : byScript(text, letters);
        return detected.filter(supported::contains).filter(language -> !language.equals(current));
    }

    /**
     * The language of a conversation's first message that is too short for {@link #switchTo}
     * (which the dialog applies to every message, saying that it switched): a message whose
     * script leaves no doubt ("我欠多少钱？", two letters or more), or whose every word is one
     * language's and not all of them {@code current}'s ("¿Cuánto debo?"). Nothing has been said
     * yet that a short answer could be answering, so a short first message is a fair signal.
     * Empty when the message is not short, or says nothing clear.
     */
    public Optional<String> opening(String text, String current, Collection<String> supported) {
        if (switchTo(text, current, supported).isPresent()) {
            return Optional.empty();
        }
        List<String> words = Text.words(text).stream()
                .filter(w -> w.codePoints().anyMatch(Character::isLetter))
                .toList();
        Letters letters = Letters.count(text);
        if (letters.total() < 2) {
            return Optional.empty();
        }
        Optional<String> detected = letters.dominant() == UScript.LATIN
                ? shortLatin(text, words, current, supported) : byScript(text, letters);
        return detected.filter(supported::contains).filter(language -> !language.equals(current));
    }

    /** The language a non-Latin script says, where one script is one language here. */
    private static Optional<String> byScript(String text, Letters letters) {
        return switch (letters.dominant()) {
            case UScript.HANGUL -> Optional.of("ko");
            case UScript.HAN -> Optional.of(letters.kana() > 0 ? "ja" : "zh");
            case UScript.HIRAGANA -> Optional.of("ja");
            case UScript.ARABIC -> Optional.of(PERSIAN_LETTERS.matcher(text).find() ? "fa"
                    : URDU_LETTERS.matcher(text).find() ? "ur" : "ar");
            case UScript.CYRILLIC -> Optional.of(UKRAINIAN_LETTERS.matcher(text).find() ? "uk"
                    : "ru");
            default -> Optional.empty();
        };
    }

    /** Two words or more, every one the likeliest language's, not all of them current's. */
    private Optional<String> shortLatin(String text, List<String> words, String current,
                                        Collection<String> supported) {
        if (words.size() < 2 || looksLikeAName(text)) {
            return Optional.empty();
        }
        return likeliest(text, supported).filter(language -> known(language, words)
                == words.size() && known(current, words) < words.size());
    }

    private Optional<String> latin(String text, List<String> words, String current,
                                   Collection<String> supported) {
        if (looksLikeAName(text)) {
            return Optional.empty();
        }
        if (VIETNAMESE_LETTERS.matcher(text).results().count() >= 2) {
            return Optional.of("vi");
        }

        // Two independent signals must agree: the statistical model, weighed over the supported
        // languages only (it spreads short texts over 100 of them), and the locale's own words.
        Optional<String> model = likeliest(text, supported);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        String likeliest = model.get();
        int known = known(likeliest, words);
        boolean clear = known >= MIN_KNOWN_WORDS && known >= MIN_MARGIN * known(current, words)
                && 2 * known >= words.size();
        return clear ? Optional.of(likeliest) : Optional.empty();
    }

    /** The statistical model's likeliest language among {@code supported}. */
    private Optional<String> likeliest(String text, Collection<String> supported) {
        String likeliest = null;
        double likeliestConfidence = 0;
        for (Language language : new LanguageDetectorME(Model.INSTANCE).predictLanguages(text)) {
            String code = fromIso3.get(language.getLang());
            if (code != null && supported.contains(code)
                    && language.getConfidence() > likeliestConfidence) {
                likeliest = code;
                likeliestConfidence = language.getConfidence();
            }
        }
        return Optional.ofNullable(likeliest);
    }

    private int known(String language, List<String> words) {
        Set<String> known = vocabulary.getOrDefault(language, Set.of());
        return (int) words.stream().filter(known::contains).count();
    }

    /** Every word capitalised and none all in capitals: a name, not a sentence. */
    private static boolean looksLikeAName(String text) {
        for (String token : SPACES.split(text.strip())) {
            int first = token.codePoints().filter(Character::isLetter).findFirst().orElse(-1);
            if (first == -1) {
                continue;
            }
            if (!Character.isUpperCase(first)
                    || token.codePoints().noneMatch(Character::isLowerCase)) {
                return false;
            }
        }
        return true;
    }

    private static Set<String> words(LocaleContent content) {
        Set<String> words = new HashSet<>();
        content.messages().values().forEach(e -> words.addAll(Text.words(e.text())));
        content.intents().values().forEach(l -> l.forEach(e -> words.addAll(Text.words(e.text()))));
        content.keywords().forEach((list, entries) -> {
            // Language names are written in every language; they say nothing about this one.
            if (!list.equals("language-names")) {
                entries.forEach(e -> words.addAll(Text.words(e.text())));
            }
        });
        return Set.copyOf(words);
    }

    /** How many letters of each script a text has. */
    private record Letters(Map<Integer, Integer> byScript, int total, int cjk, int kana) {

        static Letters count(String text) {
            Map<Integer, Integer> byScript = new HashMap<>();
            int total = 0;
            int cjk = 0;
            int kana = 0;
            for (int c : text.codePoints().toArray()) {
                if (!Character.isLetter(c)) {
                    continue;
                }
                int script = UScript.getScript(c);
                if (script == UScript.KATAKANA) {
                    script = UScript.HIRAGANA;
                }
                if (script == UScript.HIRAGANA) {
                    kana++;
                }
                if (script == UScript.HAN || script == UScript.HIRAGANA
                        || script == UScript.HANGUL) {
                    cjk++;
                }
                byScript.merge(script, 1, Integer::sum);
                total++;
            }
            return new Letters(byScript, total, cjk, kana);
        }

        /** The script of at least 80% of the letters (Han and kana together), or COMMON. */
        int dominant() {
            int japanese = byScript.getOrDefault(UScript.HAN, 0) + kana;
            if (kana > 0 && japanese >= MIN_SCRIPT_SHARE * total) {
                return UScript.HAN;
            }
            return byScript.entrySet().stream()
                    .filter(e -> e.getValue() >= MIN_SCRIPT_SHARE * total)
                    .map(Map.Entry::getKey)
                    .findFirst()
                    .orElse(UScript.COMMON);
        }
    }
}
