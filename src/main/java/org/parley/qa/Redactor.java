package org.parley.qa;

import org.parley.nlu.DateParser;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the personal details a reviewer sees only on purpose in what a patient or an agent
 * typed: dates (a full date with a year from 1900 to now is taken for a date of birth), phone
 * numbers and postal addresses, in digits of any script. Card numbers need nothing here: they
 * were masked before they were stored.
 */
final class Redactor {

    /** A date of birth, or any full date typed with its year. */
    static final String DATE_OF_BIRTH = "date_of_birth";
    static final String PHONE = "phone";
    static final String ADDRESS = "address";
    /** The patient's email address, on the email channel. */
    static final String EMAIL = "email";

    /** What an export or a masked view shows in place of each kind. */
    static String placeholder(String kind) {
        return switch (kind) {
            case DATE_OF_BIRTH -> "[date of birth]";
            case PHONE -> "[phone]";
            case EMAIL -> "[email]";
            default -> "[address]";
        };
    }

    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?<![\\d/.-])\\d{1,2}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*(?:\\d{4}|\\d{2})(?![\\d/])");
    private static final Pattern YEAR_FIRST_DATE = Pattern.compile(
            "(?<![\\d-])\\d{4}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{1,2}(?![-/.]?\\d)");
    private static final Pattern CJK_DATE = Pattern.compile(
            "\\d{4}\\s*[年년]\\s*\\d{1,2}\\s*[月월]\\s*\\d{1,2}\\s*[日일]?");
    /** "14 de marzo de 1985", "14th March 1985": the middle word must name a month. */
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?<!\\d)\\d{1,2}(?:st|nd|rd|th)?\\.?\\s+(?:de\\s+)?(\\p{L}+)\\.?,?\\s+(?:de\\s+)?"
                    + "\\d{4}(?!\\d)", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "March 14, 1985". */
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?<!\\p{L})(\\p{L}+)\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}(?!\\d)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern PHONE_NUMBER = Pattern.compile(
            "(?<![\\w*+])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s?|\\d{3}[\\s.-]?)\\d{3}[\\s.-]?\\d{4}"
                    + "(?!\\w)"
                    + "|(?<![\\w*])\\+\\d[\\d\\s.-]{6,16}\\d(?!\\w)"
                    + "|(?<![\\w*./-])\\d{3}-\\d{4}(?![\\w/-])");
    private static final String STREET_WORDS = "street|st|avenue|ave|road|rd|boulevard|blvd|lane"
            + "|ln|drive|dr|court|ct|way|place|pl|circle|cir|parkway|pkwy|highway|hwy|terrace"
            + "|trail|trl";
    private static final Pattern STREET_ADDRESS = Pattern.compile(
            "(?<![\\w$.,])\\d{1,6}\\s+(?:[\\p{L}\\d.'-]+\\s+){0,4}?(?:" + STREET_WORDS + ")\\b\\.?"
                    + "(?:\\s+(?:n|s|e|w|ne|nw|se|sw)\\b\\.?)?"
                    + "(?:,?\\s*(?:apt|apartment|unit|suite|ste|#)\\.?\\s*[\\w-]+)?"
                    + "(?:,\\s*[\\p{L}][\\p{L} .'-]{0,30}?)?"
                    + "(?:,?\\s+[A-Za-z]{2})?(?:,?\\s+\\d{5}(?:-\\d{4})?)?(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern STREET_FIRST_ADDRESS = Pattern.compile(
            "\\b(?:calle|avenida|av\\.|carrera|camino|paseo)\\s+[\\p{L}\\d .'-]{1,40}?\\s#?\\d{1,6}"
                    + "(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern PO_BOX = Pattern.compile(
            "\\b(?:p\\.?\\s?o\\.?\\s?box|apartado(?: postal)?)\\s*#?\\d{1,8}(?!\\w)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ZIP = Pattern.compile("(?<![\\w*$.,])\\d{5}(?:-\\d{4})?(?!\\w)");

    /** A year written in full, to tell a possible birth date from a reference or a due date. */
    private static final Pattern YEAR = Pattern.compile("(?<!\\d)\\d{4}(?!\\d)");
    private static final int FIRST_BIRTH_YEAR = 1900;

    private final List<DateParser> months;
    private final Clock clock;

    /** A redactor that knows the month names of {@code languages}. */
    Redactor(Collection<String> languages, Clock clock) {
        this.months = languages.stream().map(l -> new DateParser(l, clock)).toList();
        this.clock = clock;
    }

    /** One detail found: where it is in the text and what kind it is. */
    record Span(int start, int end, String kind) {
    }

    /**
     * The details in {@code text}, in order and not overlapping.
     *
     * @param zipRead true when the bot read a ZIP code from this text: a five-digit number in it
     *                is then part of the patient's address
     */
    List<Span> find(String typed, boolean zipRead) {
        // Digits of any script (Arabic-Indic, full-width, ...) read as 0-9, in the same places.
        String text = asciiDigits(typed);
        List<Span> found = new ArrayList<>();
        add(found, STREET_ADDRESS, text, ADDRESS);
        add(found, STREET_FIRST_ADDRESS, text, ADDRESS);
        add(found, PO_BOX, text, ADDRESS);
        add(found, CJK_DATE, text, DATE_OF_BIRTH);
        add(found, YEAR_FIRST_DATE, text, DATE_OF_BIRTH);
        add(found, NUMERIC_DATE, text, DATE_OF_BIRTH);
        addNamedDates(found, DAY_MONTH_YEAR, text);
        addNamedDates(found, MONTH_DAY_YEAR, text);
        add(found, PHONE_NUMBER, text, PHONE);
        if (zipRead) {
            add(found, ZIP, text, ADDRESS);
        }

        // The first kind to claim characters keeps them: addresses contain numbers that look
        // like other things. A date whose year nobody alive was born in is left alone.
        List<Span> kept = new ArrayList<>();
        for (Span s : found) {
            boolean overlaps = kept.stream()
                    .anyMatch(k -> s.start() < k.end() && k.start() < s.end());
            if ((!s.kind().equals(DATE_OF_BIRTH) || couldBeBorn(text, s)) && !overlaps) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(Span::start));
        return List.copyOf(kept);
    }

    /** {@code text} with each detail found replaced by its {@link #placeholder}. */
    String masked(String text, boolean zipRead) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (Span s : find(text, zipRead)) {
            out.append(text, at, s.start()).append(placeholder(s.kind()));
            at = s.end();
        }
        return out.append(text.substring(at)).toString();
    }

    /** Whether a date's year, when written in full, is from 1900 to this year. */
    private boolean couldBeBorn(String text, Span date) {
        Matcher year = YEAR.matcher(text).region(date.start(), date.end());
        if (!year.find()) {
            return true;
        }
        int y = Integer.parseInt(year.group());
        return y >= FIRST_BIRTH_YEAR
                && y <= java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear();
    }

    private static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c > 127 && Character.isDigit(c) ? (char) ('0' + Character.digit(c, 10))
                    : c);
        }
        return out.toString();
    }

    private static void add(List<Span> found, Pattern pattern, String text, String kind) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(new Span(m.start(), m.end(), kind));
        }
    }

    private void addNamedDates(List<Span> found, Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            String word = m.group(1);
            if (months.stream().anyMatch(p -> p.isMonth(word))) {
                found.add(new Span(m.start(), m.end(), DATE_OF_BIRTH));
            }
        }
    }
}
