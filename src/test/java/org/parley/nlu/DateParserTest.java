package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DateParserTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest(name = "[{0}] \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 03/14/1985                 | 1985-03-14
            en | 3/14/85                    | 1985-03-14
            en | 3-14-1985                  | 1985-03-14
            en | 1985-03-14                 | 1985-03-14
            en | born March 14, 1985        | 1985-03-14
            en | mar 14 1985                | 1985-03-14
            en | 14 March 1985              | 1985-03-14
            en | 14/03/1985                 | 1985-03-14
            en | 01/02/2003                 | 2003-01-02
            en | 1/2/05                     | 2005-01-02
            es | 14/03/1985                 | 1985-03-14
            es | 14 de marzo de 1985        | 1985-03-14
            es | nací el 2 de noviembre de 1979 | 1979-11-02
            es | 01/02/2003                 | 2003-02-01
            es | 03/14/1985                 | 1985-03-14
            es | 14 MARZO 1985              | 1985-03-14
            """)
    void readsDatesThePatientsOfEachLanguageType(String language, String text, String expected) {
        assertEquals(expected,
                new DateParser(language, CLOCK).find(text).orElseThrow().date().toString());
    }

    @ParameterizedTest(name = "\"{0}\" has no date")
    @CsvSource(delimiter = '|', textBlock = """
            what do I owe
            13/45/1985
            02/30/1990
            EH100234 30301
            """)
    void findsNoDateWhereThereIsNone(String text) {
        assertEquals(true, new DateParser("en", CLOCK).find(text).isEmpty());
    }

    // Wednesday 2026-12-02 at 10 pm in New York, already Thursday in UTC.
    private static final Clock WEDNESDAY_NIGHT =
            Clock.fixed(Instant.parse("2026-12-03T03:00:00Z"), ZoneOffset.UTC);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "[{0}] \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | March 14, 1985              | 1985-03-14
            en | 3/14/1985                   | 1985-03-14
            es | 14 de marzo de 1985         | 1985-03-14
            es | 14/03/1985                  | 1985-03-14
            es | 14 de marzo del 1985        | 1985-03-14
            zh | 1985年3月14日                | 1985-03-14
            zh | 1985/3/14                   | 1985-03-14
            zh | 我出生于1985年3月14日         | 1985-03-14
            vi | 14 tháng 3 năm 1985         | 1985-03-14
            vi | ngày 14/03/1985             | 1985-03-14
            vi | ngày 14 tháng 3 năm 1985    | 1985-03-14
            tl | Marso 14, 1985              | 1985-03-14
            tl | 3/14/1985                   | 1985-03-14
            ko | 1985년 3월 14일              | 1985-03-14
            ko | 1985. 3. 14.                | 1985-03-14
            ru | 14 марта 1985               | 1985-03-14
            ru | 14 марта 1985 г.            | 1985-03-14
            ru | 14.03.1985                  | 1985-03-14
            ar | ١٤/٠٣/١٩٨٥                  | 1985-03-14
            ar | 14 مارس 1985                | 1985-03-14
            ar | ١٤ مارس ١٩٨٥                | 1985-03-14
            """)
    void readsADateOfBirthInEachLanguage(String language, String text, String expected) {
        var result = new DateParser(language, WEDNESDAY_NIGHT).birthDate(text, NEW_YORK);

        assertEquals(expected, describe(result));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | today                       | 2026-12-02
            en | tomorrow                    | 2026-12-03
            en | this Friday                 | 2026-12-04
            en | on Friday                   | 2026-12-04
            en | next Friday                 | 2026-12-11
            en | I can pay next friday       | 2026-12-11
            en | Wednesday                   | 2026-12-02
            en | March 14                    | 2027-03-14
            en | December 2                  | 2026-12-02
            en | 12/15                       | 2026-12-15
            en | Friday, December 4, 2026    | 2026-12-04
            es | hoy                         | 2026-12-02
            es | mañana                      | 2026-12-03
            es | pasado mañana               | 2026-12-04
            es | el viernes                  | 2026-12-04
            es | el próximo viernes          | 2026-12-11
            es | 15/12                       | 2026-12-15
            es | tomorrow                    | 2026-12-03
            zh | 今天                        | 2026-12-02
            zh | 明天                        | 2026-12-03
            zh | 后天                        | 2026-12-04
            zh | 周五                        | 2026-12-04
            zh | 星期五                      | 2026-12-04
            zh | 下周五                      | 2026-12-11
            vi | hôm nay                     | 2026-12-02
            vi | ngày mai                    | 2026-12-03
            vi | thứ sáu                     | 2026-12-04
            vi | thứ 6                       | 2026-12-04
            vi | thứ sáu tuần sau            | 2026-12-11
            tl | bukas                       | 2026-12-03
            tl | Biyernes                    | 2026-12-04
            tl | susunod na Biyernes         | 2026-12-11
            ko | 오늘                        | 2026-12-02
            ko | 내일                        | 2026-12-03
            ko | 금요일에                     | 2026-12-04
            ko | 다음 금요일                  | 2026-12-11
            ru | сегодня                     | 2026-12-02
            ru | завтра                      | 2026-12-03
            ru | послезавтра                 | 2026-12-04
            ru | в пятницу                   | 2026-12-04
            ru | в следующую пятницу         | 2026-12-11
            ar | اليوم                       | 2026-12-02
            ar | غدًا                        | 2026-12-03
            ar | الجمعة                      | 2026-12-04
            ar | الجمعة القادم               | 2026-12-11
            """)
    void readsRelativeDaysFromTodayInThePatientsZone(String language, String text,
                                                     String expected) {
        var result = new DateParser(language, WEDNESDAY_NIGHT).parse(text, NEW_YORK);

        assertEquals(expected, describe(result));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" is rejected as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | February 30                 | impossible_date
            en | February 30, 1990           | impossible_date
            en | 02/30/1990                  | impossible_date
            en | 13/45/1985                  | impossible_date
            en | today or tomorrow           | ambiguous
            en | Thursday, December 4, 2026  | ambiguous
            en | what do I owe               | not_a_date
            es | 30 de febrero               | impossible_date
            es | 31/04/2027                  | impossible_date
            zh | 2月30日                      | impossible_date
            vi | 30 tháng 2                  | impossible_date
            tl | Pebrero 30                  | impossible_date
            tl | susunod na linggo           | ambiguous
            ko | 2월 30일                     | impossible_date
            ru | 30 февраля                  | impossible_date
            ar | 30 فبراير                   | impossible_date
            ar | ٣٠/٠٢/٢٠٢٧                  | impossible_date
            """)
    void rejectsImpossibleOrUnclearDates(String language, String text, String reason) {
        var result = new DateParser(language, WEDNESDAY_NIGHT).parse(text, NEW_YORK);

        assertEquals("rejected: " + reason, describe(result));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" is rejected as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | March 14                    | missing_year
            en | March 14, 2030              | in_future
            en | next Friday                 | in_future
            en | 1/1/1899                    | before_1900
            es | 14 de marzo                 | missing_year
            zh | 2030年3月14日                | in_future
            ru | 14 марта 1885               | before_1900
            ar | 30 فبراير 1985              | impossible_date
            """)
    void rejectsADateOfBirthThatCannotBeOne(String language, String text, String reason) {
        var result = new DateParser(language, WEDNESDAY_NIGHT).birthDate(text, NEW_YORK);

        assertEquals("rejected: " + reason, describe(result));
    }

    @ParameterizedTest(name = "\"today\" in {0} is {1}")
    @CsvSource(delimiter = '|', textBlock = """
            America/New_York | 2026-12-02
            UTC              | 2026-12-03
            Asia/Seoul       | 2026-12-03
            """)
    void readsTodayInThePatientsZoneNotTheServers(String zone, String expected) {
        var result = new DateParser("en", WEDNESDAY_NIGHT).parse("today", ZoneId.of(zone));

        assertEquals(expected, describe(result));
    }

    private static String describe(DateParser.Result result) {
        return switch (result) {
            case DateParser.Result.Day d -> d.date().toString();
            case DateParser.Result.Rejected r -> "rejected: " + r.reason().code();
        };
    }
}
