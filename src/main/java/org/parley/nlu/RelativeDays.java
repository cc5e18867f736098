package org.parley.nlu;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.text.RelativeDateTimeFormatter.AbsoluteUnit;
import com.ibm.icu.text.RelativeDateTimeFormatter.Direction;
import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ULocale;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The relative days one language names, learned by having ICU write them: "today", "tomorrow",
 * "the day after tomorrow", "this Friday", "next Friday" and each weekday's name.
 */
final class RelativeDays {

    private final DayOfWeek firstDayOfWeek;
    private final List<Relative> relatives = new ArrayList<>();

    /** A relative day found in folded text; {@code ambiguous} when its wording means two things. */
    record Match(LocalDate date, int start, int end, boolean weekday, boolean ambiguous) {
    }

    /**
     * Learns {@code locale}'s wordings; {@code isMonth} keeps short weekday names that are also
     * month names out; {@code fallback}'s wordings are added where this language has none.
     */
    RelativeDays(ULocale locale, Predicate<String> isMonth, RelativeDays fallback) {
        this.firstDayOfWeek = dayOfWeek(Calendar.getInstance(locale).getFirstDayOfWeek());
        learn(locale, new DateFormatSymbols(locale), isMonth);
        if (fallback != null) {
            Set<String> own = relatives.stream().map(Relative::phrase).collect(Collectors.toSet());
            fallback.relatives.stream().filter(r -> !own.contains(r.phrase()))
                    .forEach(relatives::add);
        }
        relatives.sort(Comparator.comparingInt((Relative r) -> r.phrase().length()).reversed());
    }

    /** Every relative day in {@code text} (folded, digits ASCII), counted from {@code today}. */
    List<Match> find(String text, LocalDate today) {
        List<Match> found = new ArrayList<>();
        for (Relative r : relatives) {
            Matcher m = r.pattern().matcher(text);
            while (m.find()) {
                found.add(new Match(r.ambiguous() ? today : resolve(r, today), m.start(), m.end(),
                        r.weekday() != null, r.ambiguous()));
            }
        }
        return found;
    }

    private void learn(ULocale locale, DateFormatSymbols symbols, Predicate<String> isMonth) {
        RelativeDateTimeFormatter formatter = RelativeDateTimeFormatter.getInstance(locale);
        List<Relative> found = new ArrayList<>();
        found.add(Relative.days(formatter.format(Direction.THIS, AbsoluteUnit.DAY), 0));
        found.add(Relative.days(formatter.format(Direction.NEXT, AbsoluteUnit.DAY), 1));
        String afterTomorrow = formatter.format(Direction.NEXT_2, AbsoluteUnit.DAY);
        if (afterTomorrow != null) {
            found.add(Relative.days(afterTomorrow, 2));
        }

        String[] wide = symbols.getWeekdays(DateFormatSymbols.FORMAT, DateFormatSymbols.WIDE);
        String[] standalone =
                symbols.getWeekdays(DateFormatSymbols.STANDALONE, DateFormatSymbols.WIDE);
        String[] abbreviated =
                symbols.getWeekdays(DateFormatSymbols.FORMAT, DateFormatSymbols.ABBREVIATED);
        Map<Integer, String> thisPhrases = new HashMap<>();
        for (int icuDay = Calendar.SUNDAY; icuDay <= Calendar.SATURDAY; icuDay++) {
            DayOfWeek day = dayOfWeek(icuDay);
            AbsoluteUnit unit = AbsoluteUnit.values()[AbsoluteUnit.SUNDAY.ordinal() + icuDay - 1];
            found.add(Relative.weekday(formatter.format(Direction.NEXT, unit), day, true, false));
            String thisPhrase = formatter.format(Direction.THIS, unit);
            thisPhrases.put(icuDay, Text.fold(thisPhrase));
            found.add(Relative.weekday(thisPhrase, day, false, false));
            found.add(Relative.weekday(wide[icuDay], day, false, false));
            found.add(Relative.weekday(standalone[icuDay], day, false, false));
            // Short names only where they cannot be a month ("mar") or a single letter ("금").
            String shortName = abbreviated[icuDay].replace(".", "");
            if (shortName.length() >= 2 && !isMonth.test(shortName)) {
                found.add(Relative.weekday(shortName, day, false, true));
            }
        }
        // Russian writes "в эту пятницу": the words no other weekday's phrase has are the
        // weekday in the case patients type after "в" ("пятницу"), which ICU names nowhere else.
        for (int icuDay = Calendar.SUNDAY; icuDay <= Calendar.SATURDAY; icuDay++) {
            String own = ownWords(thisPhrases, icuDay);
            if (!own.isEmpty() && !Text.fold(wide[icuDay]).contains(own)) {
                found.add(Relative.weekday(own, dayOfWeek(icuDay), false, false));
            }
        }

        // A wording that is also "next week" (Tagalog "susunod na linggo") cannot be trusted.
        Set<String> otherUnits = new LinkedHashSet<>();
        for (Direction direction : new Direction[] {Direction.LAST, Direction.THIS,
                Direction.NEXT}) {
            for (AbsoluteUnit unit : new AbsoluteUnit[] {AbsoluteUnit.WEEK, AbsoluteUnit.MONTH,
                    AbsoluteUnit.YEAR}) {
                otherUnits.add(Text.fold(formatter.format(direction, unit)));
            }
        }
        Map<String, Relative> byPhrase = new HashMap<>();
        for (Relative r : found) {
            Relative earlier = byPhrase.get(r.phrase());
            if (otherUnits.contains(r.phrase()) || (earlier != null && !earlier.sameMeaning(r))) {
                byPhrase.put(r.phrase(), r.asAmbiguous());
            } else if (earlier == null) {
                byPhrase.put(r.phrase(), r);
            }
        }
        relatives.addAll(byPhrase.values());
    }

    private static String ownWords(Map<Integer, String> phrases, int icuDay) {
        Set<String> others = new LinkedHashSet<>();
        phrases.forEach((d, p) -> {
            if (d != icuDay) {
                others.addAll(List.of(p.split("\\s+")));
            }
        });
        return Arrays.stream(phrases.get(icuDay).split("\\s+"))
                .filter(w -> !others.contains(w))
                .collect(Collectors.joining(" "));
    }

    /**
     * "This Friday" and "Friday" are the next Friday on or after today; "next Friday" is the
     * Friday of the following week, weeks starting on the language's first day.
     */
    private LocalDate resolve(Relative r, LocalDate today) {
        if (r.weekday() == null) {
            return today.plusDays(r.days());
        }
        if (!r.nextWeek()) {
            return today.with(TemporalAdjusters.nextOrSame(r.weekday()));
        }
        LocalDate nextWeekStart =
                today.with(TemporalAdjusters.previousOrSame(firstDayOfWeek)).plusWeeks(1);
        return nextWeekStart.with(TemporalAdjusters.nextOrSame(r.weekday()));
    }

    private static DayOfWeek dayOfWeek(int icuDay) {
        // ICU counts from Sunday = 1; java.time from Monday = 1.
        return DayOfWeek.SUNDAY.plus(icuDay - 1L);
    }

    /**
     * A wording of a relative day: {@code days} from today, or a weekday this week or next.
     * Whole-word short names must stand alone; other phrases may take an ending ("пятницу").
     */
    private record Relative(String phrase, int days, DayOfWeek weekday, boolean nextWeek,
                            boolean ambiguous, Pattern pattern) {

        static Relative days(String text, int days) {
            return create(text, days, null, false, false);
        }

        static Relative weekday(String text, DayOfWeek day, boolean nextWeek, boolean wholeWord) {
            return create(text, 0, day, nextWeek, wholeWord);
        }

        private static Relative create(String text, int days, DayOfWeek day, boolean nextWeek,
                                       boolean wholeWord) {
            String phrase = Text.fold(text).strip().replaceAll("\\s+", " ");
            String quoted = Pattern.quote(phrase).replace(" ", "\\E\\s+\\Q");
            // Chinese has no spaces and Korean glues particles on ("금요일에"): no word edges.
            String regex = NumberWords.isUnspaced(phrase) || isHangul(phrase) ? quoted
                    : "(?<![\\p{L}\\p{N}])" + quoted + (wholeWord ? "(?![\\p{L}\\p{N}])" : "");
            return new Relative(phrase, days, day, nextWeek, false, Pattern.compile(regex));
        }

        private static boolean isHangul(String text) {
            return text.codePoints()
                    .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
        }

        boolean sameMeaning(Relative other) {
            return days == other.days && weekday == other.weekday && nextWeek == other.nextWeek;
        }

        Relative asAmbiguous() {
            return new Relative(phrase, days, weekday, nextWeek, true, pattern);
        }
    }
}
