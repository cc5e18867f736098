package org.parley.i18n;

import com.ibm.icu.util.ULocale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FormatsTest {

    @ParameterizedTest(name = "{1} {2} in {0} is {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en_US | 1234.5  | USD | $1,234.50
            es_US | 1234.5  | USD | $1,234.50
            en_US | 0       | USD | $0.00
            en_US | -25     | USD | -$25.00
            """)
    void moneyIsWrittenTheWayTheLocaleWritesIt(String locale, String amount, String currency,
                                               String expected) {
        assertEquals(expected, Formats.money(new BigDecimal(amount), currency, new ULocale(locale)));
    }

    @ParameterizedTest(name = "{1} in {0} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en_US | 2026-12-31 | December 31, 2026
            es_US | 2027-01-15 | 15 de enero de 2027
            en_US | 2026-01-01 | January 1, 2026
            """)
    void datesKeepTheirCalendarDayInEveryLocale(String locale, String date, String expected) {
        assertEquals(expected, Formats.date(LocalDate.parse(date), new ULocale(locale)));
    }

    @ParameterizedTest(name = "{1} days in {0} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en_US      | 0   | today
            en_US      | 1   | tomorrow
            en_US      | 27  | in 27 days
            en_US      | -3  | 3 days ago
            es_US      | 27  | dentro de 27 días
            zh_Hans_US | 27  | 27天后
            ru_US      | 21  | через 21 день
            ru_US      | 22  | через 22 дня
            """)
    void relativeDaysAreSaidTheWayTheLanguageSaysThem(String locale, long days, String expected) {
        assertEquals(expected, Formats.relative(days, new ULocale(locale)));
    }
}
