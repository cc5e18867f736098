package org.parley.nlu;

import com.ibm.icu.text.RuleBasedNumberFormat;

import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds numbers written in words inside a sentence, using ICU's spellout rules, and the words
 * for one to ten that those rules miss in each language: Tagalog without accents ("apat"), the
 * Russian cases and collective numerals ("четырёх", "трое", "вчетвером"), Korean counts with
 * their counter ("네 명", "세 식구").
 */
final class NumberWords {

    /**
     * Each language's words for one to ten that ICU's spellout does not read, with their value.
     * Ambiguous words ("네" is also yes in Korean) appear only with a counter.
     */
    private static final Map<String, Map<String, Integer>> SMALL = Map.of(
            "tl", words("isa:1 isang:1 dalawa:2 dalawang:2 tatlo:3 tatlong:3 apat:4 lima:5 "
                    + "limang:5 anim:6 pito:7 pitong:7 walo:8 walong:8 siyam:9 sampu:10 "
                    + "sampung:10"),
            "ru", words("один:1 одна:1 одного:1 два:2 две:2 двух:2 двое:2 вдвоём:2 вдвоем:2 "
                    + "три:3 трёх:3 трех:3 трое:3 втроём:3 втроем:3 четыре:4 четырёх:4 "
                    + "четырех:4 четверо:4 вчетвером:4 пять:5 пяти:5 пятеро:5 впятером:5 "
                    + "шесть:6 шести:6 шестеро:6 вшестером:6 семь:7 семи:7 семеро:7 "
                    + "всемером:7 восемь:8 восьми:8 восьмеро:8 девять:9 девяти:9 девятеро:9 "
                    + "десять:10 десяти:10 десятеро:10"),
            "ko", words("한_명:1 한명:1 두_명:2 두명:2 세_명:3 세명:3 네_명:4 네명:4 다섯_명:5 "
                    + "다섯명:5 여섯_명:6 여섯명:6 일곱_명:7 일곱명:7 여덟_명:8 여덟명:8 아홉_명:9 "
                    + "아홉명:9 열_명:10 열명:10 두_식구:2 세_식구:3 네_식구:4 다섯_식구:5 "
                    + "여섯_식구:6 둘:2 셋:3 넷:4 다섯:5 여섯:6 일곱:7 여덟:8 아홉:9"),
            "vi", words("một:1 mot:1 hai:2 ba:3 bốn:4 bon:4 năm:5 nam:5 sáu:6 sau:6 bảy:7 "
                    + "bay:7 tám:8 tam:8 chín:9 chin:9 mười:10 muoi:10"),
            "ar", words("واحد:1 واحدة:1 اثنان:2 اثنين:2 اثنتان:2 ثلاثة:3 ثلاث:3 أربعة:4 "
                    + "اربعة:4 أربع:4 اربع:4 خمسة:5 خمس:5 ستة:6 ست:6 سبعة:7 سبع:7 ثمانية:8 "
                    + "ثماني:8 تسعة:9 تسع:9 عشرة:10 عشر:10"),
            "es", words("uno:1 una:1 un:1 dos:2 tres:3 cuatro:4 cinco:5 seis:6 siete:7 ocho:8 "
                    + "nueve:9 diez:10"),
            "en", words("one:1 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 "
                    + "ten:10"),
            "zh", words("一:1 二:2 两:2 三:3 四:4 五:5 六:6 七:7 八:8 九:9 十:10"));

    /**
     * A Chinese number that ends on one digit after its largest unit, the next unit down left
     * unsaid: 两千五 is 2,500, 三万二 32,000, 一百五 150.
     */
    private static final java.util.regex.Pattern ABBREVIATED = java.util.regex.Pattern.compile(
            "([一二两三四五六七八九十])([百千万])([一二两三四五六七八九])"
                    + "(?![十百千万亿零〇一二两三四五六七八九0-9])");

    private NumberWords() {
    }

    /** {@code text} with every abbreviated Chinese number written out: 两千五 as 两千五百. */
    static String unabbreviated(String text) {
        return ABBREVIATED.matcher(text).replaceAll(m -> m.group() + switch (m.group(2)) {
            case "百" -> "十";
            case "千" -> "百";
            default -> "千";
        });
    }

    private static Map<String, Integer> words(String table) {
        Map<String, Integer> out = new java.util.HashMap<>();
        for (String pair : table.split(" ")) {
            int colon = pair.indexOf(':');
            out.put(pair.substring(0, colon).replace('_', ' '),
                    Integer.parseInt(pair.substring(colon + 1)));
        }
        return Map.copyOf(out);
    }

    /**
     * The words for one to ten of {@code language} in {@code text}, as whole words (anywhere in
     * scripts written without spaces), longest first where two overlap, left to right.
     */
    static List<Number> small(String text, String language) {
        Map<String, Integer> table = SMALL.getOrDefault(language, Map.of());
        List<Number> found = new ArrayList<>();
        table.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, Integer> e) ->
                        -e.getKey().length()))
                .forEach(e -> {
                    boolean unspaced = isUnspaced(e.getKey());
                    for (int at = text.indexOf(e.getKey()); at >= 0;
                         at = text.indexOf(e.getKey(), at + 1)) {
                        int end = at + e.getKey().length();
                        // Korean particles follow a count without a space: "네명이에요".
                        boolean whole = unspaced || (startsWord(text, at, false)
                                && (end == text.length() || "ko".equals(language)
                                        || !Character.isLetterOrDigit(text.charAt(end))));
                        int start = at;
                        if (whole && found.stream().noneMatch(n -> n.start() < end
                                && start < n.end())) {
                            found.add(new Number(e.getValue(), at, end));
                        }
                    }
                });
        found.sort(Comparator.comparingInt(Number::start));
        return found;
    }

    /**
     * The numbers ICU reads in {@code text} together with the words of {@link #small} it
     * missed, left to right.
     */
    static List<Number> withSmall(List<Number> spelled, String text, String language) {
        List<Number> all = new ArrayList<>(spelled);
        for (Number n : small(text, language)) {
            if (spelled.stream().noneMatch(s -> s.start() < n.end() && n.start() < s.end())) {
                all.add(n);
            }
        }
        all.sort(Comparator.comparingInt(Number::start));
        return all;
    }

    /** A number read from words and the span of text it was read from. */
    record Number(java.lang.Number value, int start, int end) {
    }

    /** Every number spelled out in {@code text}, left to right, each read as long as it goes. */
    static List<Number> numbers(RuleBasedNumberFormat spellout, String text, boolean unspaced) {
        List<Number> found = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            if (Character.isLetter(text.charAt(i)) && startsWord(text, i, unspaced)) {
                ParsePosition at = new ParsePosition(i);
                java.lang.Number value = spellout.parse(text, at);
                int end = at.getIndex();
                while (end > i && Character.isWhitespace(text.charAt(end - 1))) {
                    end--;
                }
                // "seconds" must not read as "second": a number ends where its word ends.
                boolean wordEnds = unspaced || end == text.length()
                        || !Character.isLetter(text.charAt(end));
                if (end > i && wordEnds) {
                    found.add(new Number(value, i, end));
                    i = end;
                    continue;
                }
            }
            i++;
        }
        return found;
    }

    /** True when {@code at} begins a word: always, in scripts written without spaces. */
    static boolean startsWord(String text, int at, boolean unspaced) {
        return unspaced || at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
    }

    /** True when {@code sample} is in a script written without spaces between words. */
    static boolean isUnspaced(String sample) {
        return sample.codePoints().anyMatch(c -> {
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            return script == Character.UnicodeScript.HAN
                    || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA
                    || script == Character.UnicodeScript.THAI;
        });
    }
}
