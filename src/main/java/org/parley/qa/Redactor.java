package org.parley.qa;

import org.parley.nlu.DateParser;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the personal details a reviewer sees only on purpose in what a patient or an agent
 * typed: dates (a full date with a year is taken for a date of birth), phone numbers and postal
 * addresses. Card numbers need nothing here: they were masked before they were stored.
 */
final class Redactor {

    /** A date of birth, or any full date typed with its year. */
    static final String DATE_OF_BIRTH = "date_of_birth";
    static final String PHONE = "phone";
    static final String ADDRESS = "address";

    /** What an export or a masked view shows in place of each kind. */
    static String placeholder(String kind) {
        return switch (kind) {
            case DATE_OF_BIRTH -> "[date of birth]";
            case PHONE -> "[phone]";
            default -> "[address]";
        };
    }

    private static final Pattern NUMERIC_DATE = Pattern.compile(
            "(?<![\\d/.-])\\d{1,2}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*(?:\\d{4}|\\d{2})(?![\\d/])");
    private static final Pattern YEAR_FIRST_DATE = Pattern.compile(
            "(?<!\\d)\\d{4}\\s*[-/.]\\s*\\d{1,2}\\s*[-/.]\\s*\\d{1,2}(?!\\d)");
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

    private final List<DateParser> months;

    /** A redactor that knows the month names of {@code languages}. */
    Redactor(Collection<String> languages, Clock clock) {
        this.months = languages.stream().map(l -> new DateParser(l, clock)).toList();
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
    List<Span> find(String text, boolean zipRead) {
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
        // like other things.
        List<Span> kept = new ArrayList<>();
        for (Span s : found) {
            if (kept.stream().noneMatch(k -> s.start() < k.end() && k.start() < s.end())) {
                kept.add(s);
            }
        }
        kept.sort(Comparator.comparingInt(Span::start));
        return List.copyOf(kept);
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
