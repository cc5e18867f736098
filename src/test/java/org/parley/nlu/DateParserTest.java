package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DateParserTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);

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
        assertEquals(expected, new DateParser(language, CLOCK).find(text).orElseThrow().date().toString());
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
}
