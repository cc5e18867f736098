package org.parley.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.RelativeDateTimeFormatter;
import com.ibm.icu.util.Currency;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Date;

/** Money and dates written the way a reader of one locale expects, by ICU4J. */
public final class Formats {

    private Formats() {
    }

    /** {@code 1234.5 USD} in en-US is {@code $1,234.50}. */
    public static String money(BigDecimal amount, String currency, ULocale locale) {
        NumberFormat format = NumberFormat.getInstance(locale, NumberFormat.CURRENCYSTYLE);
        format.setCurrency(Currency.getInstance(currency));
        return format.format(amount);
    }

    /** A number of days from today: "today", "tomorrow", "in 27 days", "3 days ago". */
    public static String relative(long days, ULocale locale) {
        RelativeDateTimeFormatter format = RelativeDateTimeFormatter.getInstance(locale);
        if (days == 0) {
            return format.format(RelativeDateTimeFormatter.Direction.THIS,
                    RelativeDateTimeFormatter.AbsoluteUnit.DAY);
        }
        if (Math.abs(days) == 1) {
            return format.format(days > 0 ? RelativeDateTimeFormatter.Direction.NEXT
                    : RelativeDateTimeFormatter.Direction.LAST,
                    RelativeDateTimeFormatter.AbsoluteUnit.DAY);
        }
        return format.format(Math.abs(days), days > 0 ? RelativeDateTimeFormatter.Direction.NEXT
                : RelativeDateTimeFormatter.Direction.LAST,
                RelativeDateTimeFormatter.RelativeUnit.DAYS);
    }

    /** A calendar date in the locale's long style, such as {@code December 31, 2026}. */
    public static String date(LocalDate date, ULocale locale) {
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, locale);
        // A calendar date has no zone; formatting its UTC midnight in UTC keeps the same day.
        format.setTimeZone(TimeZone.GMT_ZONE);
        return format.format(Date.from(date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
    }

    /**
     * A weekday, date and time in the time's own zone, such as {@code Monday, December 7 at
     * 8:00 AM EST}: when a person will answer.
     */
    public static String dayAndTime(java.time.ZonedDateTime time, ULocale locale) {
        DateFormat format = DateFormat.getInstanceForSkeleton("EEEEMMMMdjmmz", locale);
        format.setTimeZone(TimeZone.getTimeZone(time.getZone().getId()));
        return format.format(Date.from(time.toInstant()));
    }
}
