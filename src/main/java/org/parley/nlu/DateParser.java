package org.parley.nlu;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.DateTimePatternGenerator;
import com.ibm.icu.text.SimpleDateFormat;
import com.ibm.icu.util.ULocale;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds a calendar date in free text the way patients type one: {@code 3/14/1985},
 * {@code 14/03/85}, {@code 1985-03-14}, {@code March 14, 1985}, {@code 14 de marzo de 1985},
 * {@code 14 марта 1985}, {@code 1985年3月14日}, {@code next Friday}, {@code mañana}.
 *
 * <p>Everything language-specific comes from ICU for the language, so a new language needs no
 * code here: month names in both grammatical contexts, the order of day and month in numeric
 * dates (from the short date pattern), the words around the numbers (from the long patterns and
 * the names of the year, month and day fields), and relative days, which are matched against
 * what ICU's {@code RelativeDateTimeFormatter} writes for today, tomorrow and each weekday.
 *
 * <p>"This Friday" and a bare "Friday" are the next Friday on or after today; "next Friday" is
 * the Friday of the following week, weeks starting on the language's first day of the week, as
 * CLDR's wording in Chinese and Vietnamese says outright ("Friday of next week"). Dates are
 * never rolled over: February 30 is rejected, not read as March 2.
 */
public final class DateParser {

    private static final Pattern YEAR_FIRST = Pattern.compile(
            "(?<!\\d)(\\d{4})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile(
            "(?<![\\d/.-])(\\d{1,2})\\s*[-/.]\\s*(\\d{1,2})\\s*[-/.]\\s*(\\d{4}|\\d{2})(?!\\d)");
    private static final Pattern NUMERIC_NO_YEAR = Pattern.compile(
            "(?<![\\d/.-])(\\d{1,2})\\s*/\\s*(\\d{1,2})(?![\\d/])");
    private static final String ORDINAL_SUFFIX = "(?:st|nd|rd|th)?";
    private static final int OLDEST_BIRTH_YEAR = 1900;

    private final String language;
    private final Clock clock;
    private final Map<String, Integer> months = new HashMap<>();
    private final boolean monthFirst;
    private final Pattern dayMonthYear;
    private final Pattern monthDayYear;
    private final Pattern yearMonthDay;
    private final Pattern monthYear;
    private final Pattern yearMonth;
    private final RelativeDays relativeDays;

    /** Why no date was taken; {@link #code()} keys the re-ask message that shows an example. */
    public enum Reason {
        NOT_A_DATE, IMPOSSIBLE_DATE, AMBIGUOUS, MISSING_YEAR, IN_FUTURE, BEFORE_1900;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A date read from the text, or the reason the question must be asked again. */
    public sealed interface Result {

        /** The date the patient meant. */
        record Day(LocalDate date) implements Result {
        }

        /** No date was taken. */
        record Rejected(Reason reason) implements Result {
        }
    }

    public DateParser(String language, Clock clock) {
        this(language, clock, true);
    }

    private DateParser(String language, Clock clock, boolean withEnglish) {
        this.language = language;
        this.clock = clock;
        ULocale locale = new ULocale(language);
        DateFormatSymbols symbols = new DateFormatSymbols(locale);
        for (int context : new int[] {DateFormatSymbols.FORMAT, DateFormatSymbols.STANDALONE}) {
            for (int width : new int[] {DateFormatSymbols.WIDE, DateFormatSymbols.ABBREVIATED}) {
                String[] names = symbols.getMonths(context, width);
                for (int m = 0; m < 12; m++) {
                    months.put(Text.fold(names[m]).replace(".", ""), m + 1);
                }
            }
        }
        // English month names and relative days are understood in every language: patients mix.
        DateParser english = withEnglish && !language.equals("en")
                ? new DateParser("en", clock, false) : null;
        if (english != null) {
            english.months.forEach(months::putIfAbsent);
        }

        String shortPattern = pattern(DateFormat.SHORT, locale);
        this.monthFirst = shortPattern.indexOf('M') < shortPattern.indexOf('d');

        String month = monthAlternation();
        String filler = "(?:(?:" + fillers(locale) + ")\\.?\\s*)?";
        this.dayMonthYear = Pattern.compile("(?<!\\d)(\\d{1,2})" + ORDINAL_SUFFIX + "\\.?\\s*"
                + filler + month + "\\.?\\s*,?\\s*" + filler + "(?:(\\d{4})(?!\\d))?");
        this.monthDayYear = Pattern.compile(month + "\\.?\\s*" + filler + "(\\d{1,2})(?!\\d)"
                + ORDINAL_SUFFIX + "\\s*" + filler + ",?\\s*(?:(\\d{4})(?!\\d))?");
        this.yearMonthDay = Pattern.compile("(?<!\\d)(\\d{4})\\s*" + filler + ",?\\s*" + month
                + "\\s*" + filler + "(\\d{1,2})(?!\\d)");
        this.monthYear = Pattern.compile(month + "\\.?\\s*" + filler + ",?\\s*"
                + "(\\d{4})(?!\\d)");
        this.yearMonth = Pattern.compile("(?<!\\d)(\\d{4})\\s*" + filler + ",?\\s*" + month);

        this.relativeDays = new RelativeDays(locale, this::isMonth,
                english == null ? null : english.relativeDays);
    }

    /** True when {@code word} names a month in this language. */
    public boolean isMonth(String word) {
        return months.containsKey(Text.fold(word).replace(".", ""));
    }

    /**
     * The first complete date (with a year) found in {@code text} and where it was, or empty.
     * Offsets are into {@code Text.fold(text)}.
     */
    public Optional<Found> find(String text) {
        String folded = Text.fold(text);
        return absolutes(prepare(folded)).stream()
                .filter(s -> s.date() != null && s.year())
                .min(Comparator.comparingInt(Span::start))
                .map(s -> new Found(s.date(), s.start(), s.end()));
    }

    /**
     * Every complete date (with a year) in {@code text}, first to last, none overlapping
     * another. Offsets are into {@code Text.fold(text)}.
     */
    public List<Found> findAll(String text) {
        List<Span> spans = absolutes(prepare(Text.fold(text))).stream()
                .filter(s -> s.date() != null && s.year())
                .sorted(Comparator.comparingInt(Span::start)
                        .thenComparing(Comparator.comparingInt(Span::end).reversed()))
                .toList();
        List<Found> found = new ArrayList<>();
        for (Span s : spans) {
            if (found.isEmpty() || found.get(found.size() - 1).end() <= s.start()) {
                found.add(new Found(s.date(), s.start(), s.end()));
            }
        }
        return List.copyOf(found);
    }

    /**
     * Whether {@code text} speaks of a date at all, even one without a day or a year: a
     * numeric date ({@code 12/01}), a day with a month ({@code May 5}) or a month with a year
     * ({@code May 2026}, {@code mayo de 2026}, {@code 2026年5月}).
     */
    public boolean mentions(String text) {
        String prepared = prepare(Text.fold(text));
        return !absolutes(prepared).isEmpty() || monthYear.matcher(prepared).find()
                || yearMonth.matcher(prepared).find();
    }

    /**
     * Reads the one date {@code text} gives, for a date to come such as a payment date. A date
     * without a year is its next occurrence on or after today in {@code zone}.
     */
    public Result parse(String text, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        return read(text, today, false);
    }

    /** Reads a date of birth: it needs a year, cannot be in the future, nor before 1900. */
    public Result birthDate(String text, ZoneId zone) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Result result = read(text, today, true);
        if (result instanceof Result.Day day) {
            if (day.date().isAfter(today)) {
                return new Result.Rejected(Reason.IN_FUTURE);
            }
            if (day.date().getYear() < OLDEST_BIRTH_YEAR) {
                return new Result.Rejected(Reason.BEFORE_1900);
            }
        }
        return result;
    }

    private Result read(String text, LocalDate today, boolean needYear) {
        String prepared = prepare(Text.fold(text));
        List<Span> all = absolutes(prepared);
        for (RelativeDays.Match r : relativeDays.find(prepared, today)) {
            all.add(r.ambiguous() ? Span.ambiguous(r.start(), r.end())
                    : Span.relative(r.date(), r.start(), r.end(), r.weekday()));
        }

        // Longest readings first; a shorter one inside a longer one is part of it.
        all.sort(Comparator.comparingInt((Span s) -> s.end() - s.start()).reversed());
        List<Span> taken = new ArrayList<>();
        for (Span s : all) {
            if (taken.stream().noneMatch(t -> t.start() < s.end() && s.start() < t.end())) {
                taken.add(s);
            }
        }
        if (taken.isEmpty()) {
            return new Result.Rejected(Reason.NOT_A_DATE);
        }
        if (taken.stream().anyMatch(Span::impossible)) {
            return new Result.Rejected(Reason.IMPOSSIBLE_DATE);
        }
        if (taken.stream().anyMatch(Span::ambiguous)) {
            return new Result.Rejected(Reason.AMBIGUOUS);
        }

        // "Friday, December 11" names the weekday as a check; it must agree with the date.
        List<Span> dated = taken.stream().filter(s -> !s.weekdayOnly()).toList();
        if (!dated.isEmpty() && dated.size() < taken.size()) {
            for (Span weekday : taken) {
                if (weekday.weekdayOnly()) {
                    for (Span d : dated) {
                        if (d.date() != null
                                && d.date().getDayOfWeek() != weekday.date().getDayOfWeek()) {
                            return new Result.Rejected(Reason.AMBIGUOUS);
                        }
                    }
                }
            }
            taken = dated;
        }

        Set<LocalDate> dates = new LinkedHashSet<>();
        for (Span s : taken) {
            if (!s.year() && needYear) {
                return new Result.Rejected(Reason.MISSING_YEAR);
            }
            dates.add(s.year() ? s.date() : nextOccurrence(s.monthDay(), today));
        }
        return dates.size() == 1
                ? new Result.Day(dates.iterator().next())
                : new Result.Rejected(Reason.AMBIGUOUS);
    }

    private static LocalDate nextOccurrence(MonthDay monthDay, LocalDate today) {
        int year = today.getYear();
        // February 29 waits for a leap year rather than becoming February 28.
        while (!monthDay.isValidYear(year) || monthDay.atYear(year).isBefore(today)) {
            year++;
        }
        return monthDay.atYear(year);
    }

    /** Digits of any script as ASCII and invisible direction marks as spaces, offsets kept. */
    private static String prepare(String folded) {
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            int digit = Character.digit(c, 10);
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            } else if (Character.getType(c) == Character.FORMAT) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private List<Span> absolutes(String text) {
        List<Span> found = new ArrayList<>();
        Matcher m = YEAR_FIRST.matcher(text);
        while (m.find()) {
            found.add(Span.of(m, m.group(1), m.group(2), m.group(3)));
        }
        m = NUMERIC.matcher(text);
        while (m.find()) {
            String year = expandYear(m.group(3));
            found.add(numeric(m, year, m.group(1), m.group(2)));
        }
        m = NUMERIC_NO_YEAR.matcher(text);
        while (m.find()) {
            found.add(numeric(m, null, m.group(1), m.group(2)));
        }
        m = dayMonthYear.matcher(text);
        while (m.find()) {
            found.add(Span.of(m, m.group(3), month(m.group(2)), m.group(1)));
        }
        m = monthDayYear.matcher(text);
        while (m.find()) {
            found.add(Span.of(m, m.group(3), month(m.group(1)), m.group(2)));
        }
        m = yearMonthDay.matcher(text);
        while (m.find()) {
            found.add(Span.of(m, m.group(1), month(m.group(2)), m.group(3)));
        }
        return found;
    }

    /** Reads day and month in the language's order, unless only the other order can be a date. */
    private Span numeric(Matcher m, String year, String first, String second) {
        int a = Integer.parseInt(first);
        int b = Integer.parseInt(second);
        boolean firstIsMonth = monthFirst ? a <= 12 : b > 12;
        return firstIsMonth ? Span.of(m, year, first, second) : Span.of(m, year, second, first);
    }

    private String month(String name) {
        return Integer.toString(months.get(name.replace(".", "")));
    }

    private String expandYear(String year) {
        if (year.length() == 4) {
            return year;
        }
        // Birth dates: a two-digit year is in the past century unless that is over a century ago.
        int yy = Integer.parseInt(year);
        int thisYear = LocalDate.now(clock).getYear() % 100;
        return (yy > thisYear ? "19" : "20") + year;
    }

    /** Every month name as a regex group, longest first, bounded so "mar" is not in "marzo". */
    private String monthAlternation() {
        return months.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(DateParser::bounded)
                .collect(Collectors.joining("|", "(", ")"));
    }

    private static String bounded(String name) {
        boolean unspaced = NumberWords.isUnspaced(name);
        String before = Character.isDigit(name.charAt(0)) ? "(?<!\\d)"
                : unspaced ? "" : "(?<!\\p{L})";
        String after = Character.isDigit(name.charAt(name.length() - 1)) ? "(?!\\d)"
                : unspaced ? "" : "(?!\\p{L})";
        return before + Pattern.quote(name) + after;
    }

    /**
     * The words a language writes around the numbers of a date: the literals of its long date
     * patterns ("de", "г", "年") and the names of the year, month and day fields ("năm",
     * "ngày").
     */
    private static String fillers(ULocale locale) {
        Set<String> words = new LinkedHashSet<>();
        for (int style : new int[] {DateFormat.FULL, DateFormat.LONG, DateFormat.MEDIUM}) {
            String pattern = pattern(style, locale);
            Matcher quoted = Pattern.compile("'([^']+)'").matcher(pattern);
            while (quoted.find()) {
                words.addAll(letterRuns(quoted.group(1)));
            }
            words.addAll(letterRuns(pattern.replaceAll("'[^']*'", "").replaceAll("[A-Za-z]", " ")));
        }
        DateTimePatternGenerator generator = DateTimePatternGenerator.getInstance(locale);
        for (int field : new int[] {DateTimePatternGenerator.YEAR, DateTimePatternGenerator.MONTH,
                DateTimePatternGenerator.DAY}) {
            words.addAll(letterRuns(generator.getFieldDisplayName(field,
                    DateTimePatternGenerator.DisplayWidth.WIDE)));
        }
        // Spanish speakers also write "de marzo del 1985", which no ICU pattern spells.
        words.add("del");
        return words.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
    }

    private static String pattern(int style, ULocale locale) {
        return ((SimpleDateFormat) DateFormat.getDateInstance(style, locale)).toPattern();
    }

    private static List<String> letterRuns(String text) {
        List<String> runs = new ArrayList<>();
        Matcher m = Pattern.compile("\\p{L}+").matcher(Text.fold(text));
        while (m.find()) {
            runs.add(m.group());
        }
        return runs;
    }

    /** A date and the span of folded text it was read from. */
    public record Found(LocalDate date, int start, int end) {
    }


    /** One reading of part of the text: a date, a day and month awaiting a year, or a doubt. */
    private record Span(LocalDate date, MonthDay monthDay, boolean year, boolean impossible,
                        boolean ambiguous, boolean weekdayOnly, int start, int end) {

        static Span of(Matcher m, String year, String month, String day) {
            try {
                MonthDay monthDay = MonthDay.of(Integer.parseInt(month), Integer.parseInt(day));
                if (year == null) {
                    return new Span(null, monthDay, false, false, false, false, m.start(), m.end());
                }
                LocalDate date = LocalDate.of(Integer.parseInt(year), monthDay.getMonthValue(),
                        monthDay.getDayOfMonth());
                return new Span(date, monthDay, true, false, false, false, m.start(), m.end());
            } catch (DateTimeException e) {
                return new Span(null, null, year != null, true, false, false, m.start(), m.end());
            }
        }

        static Span relative(LocalDate date, int start, int end, boolean weekdayOnly) {
            return new Span(date, MonthDay.from(date), true, false, false, weekdayOnly, start, end);
        }

        static Span ambiguous(int start, int end) {
            return new Span(null, null, true, false, true, false, start, end);
        }
    }
}
