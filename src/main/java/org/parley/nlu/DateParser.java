package org.parley.nlu;

import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.util.ULocale;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a calendar date in free text the way patients type one: {@code 3/14/1985},
 * {@code 14/03/85}, {@code 1985-03-14}, {@code March 14, 1985}, {@code 14 de marzo de 1985}.
 *
 * <p>Numeric dates are read month first in English and day first in other languages, unless
 * the first number cannot be a month. Month names come from ICU for the language, so a new
 * language needs no code here.
 */
public final class DateParser {

    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{1,2})-(\\d{1,2})\\b");
    private static final Pattern NUMERIC =
            Pattern.compile("\\b(\\d{1,2})\\s*[/.\\-]\\s*(\\d{1,2})\\s*[/.\\-]\\s*(\\d{2}|\\d{4})\\b");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:de\\s+)?(\\p{L}+)\\.?,?\\s+(?:de\\s+|del\\s+)?(\\d{4})\\b");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "\\b(\\p{L}+)\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");

    private final String language;
    private final Clock clock;
    private final Map<String, Integer> months = new HashMap<>();

    public DateParser(String language, Clock clock) {
        this.language = language;
        this.clock = clock;
        DateFormatSymbols symbols = new DateFormatSymbols(new ULocale(language));
        for (int context : new int[] {DateFormatSymbols.FORMAT, DateFormatSymbols.STANDALONE}) {
            for (int width : new int[] {DateFormatSymbols.WIDE, DateFormatSymbols.ABBREVIATED}) {
                String[] names = symbols.getMonths(context, width);
                for (int m = 0; m < 12; m++) {
                    months.put(Text.fold(names[m]).replace(".", ""), m + 1);
                }
            }
        }
        // English month names are understood in every language: patients mix them.
        if (!language.equals("en")) {
            new DateParser("en", clock).months.forEach(months::putIfAbsent);
        }
    }

    /** True when {@code word} names a month in this language. */
    public boolean isMonth(String word) {
        return months.containsKey(Text.fold(word).replace(".", ""));
    }

    /** The first date found in {@code text} and where it was, or empty. */
    public Optional<Found> find(String text) {
        String folded = Text.fold(text);
        Matcher m = ISO.matcher(folded);
        if (m.find()) {
            return date(m, m.group(1), m.group(2), m.group(3));
        }
        m = NUMERIC.matcher(folded);
        if (m.find()) {
            int a = Integer.parseInt(m.group(1));
            int b = Integer.parseInt(m.group(2));
            boolean monthFirst = language.equals("en") ? a <= 12 : b > 12;
            String year = expandYear(m.group(3));
            return monthFirst
                    ? date(m, year, m.group(1), m.group(2))
                    : date(m, year, m.group(2), m.group(1));
        }
        m = DAY_MONTH_YEAR.matcher(folded);
        while (m.find()) {
            Integer month = months.get(m.group(2));
            if (month != null) {
                return date(m, m.group(3), Integer.toString(month), m.group(1));
            }
        }
        m = MONTH_DAY_YEAR.matcher(folded);
        while (m.find()) {
            Integer month = months.get(m.group(1));
            if (month != null) {
                return date(m, m.group(3), Integer.toString(month), m.group(2));
            }
        }
        return Optional.empty();
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

    private static Optional<Found> date(Matcher m, String year, String month, String day) {
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month),
                    Integer.parseInt(day));
            return Optional.of(new Found(date, m.start(), m.end()));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** A date and the span of folded text it was read from. */
    public record Found(LocalDate date, int start, int end) {
    }
}
