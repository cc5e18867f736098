package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class IdentityEntitiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);
    private static final Set<String> FILLER = Set.of("my", "name", "is", "and", "born", "on", "zip",
            "account", "mi", "cuenta", "es", "y", "el", "codigo", "postal", "apellido");

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | 03/14/1985 Rivera                         | 1985-03-14 | -     | -        | rivera
            en | my name is Rivera and I was born 3/14/85  | 1985-03-14 | -     | -        | rivera i was
            en | EH100234 30301                            | -          | 30301 | EH100234 | -
            en | account EH-100234, zip 30301-1234         | -          | 30301 | EH100234 | -
            en | de la Cruz                                | -          | -     | -        | de la cruz
            es | mi cuenta es EH100587 y el código postal 30318 | -     | 30318 | EH100587 | -
            es | Hernández, 2 de noviembre de 1979         | 1979-11-02 | -     | -        | hernandez
            en | O'Brien                                   | -          | -     | -        | o'brien
            en | TB003 30301                               | -          | 30301 | TB003    | -
            zh | TC003 00100                               | -          | 00100 | TC003    | -
            en | TB08 30301                                | -          | 30301 | TB08     | -
            en | my account is tb-004 and my zip is 30301   | -          | 30301 | TB004    | -
            es | mi cuenta es tb08 y el código postal 30318 | -          | 30318 | TB08     | -
            en | ACCT-0042 30301                           | -          | 30301 | ACCT0042 | -
            """)
    void findsEveryAnswerInOneMessage(String language, String text, String dob, String zip,
                                      String account, String name) {
        IdentityEntities.Found found = new IdentityEntities(language, FILLER, CLOCK).find(text);

        assertEquals(dob + " " + zip + " " + account + " " + name,
                found.dateOfBirth().map(Object::toString).orElse("-") + " "
                        + found.zip().orElse("-") + " " + found.accountNumber().orElse("-") + " "
                        + (found.nameWords().isEmpty() ? "-" : String.join(" ", found.nameWords())));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | I owe 50
            en | I can pay $50.00 on 12/15
            en | my zip is 30301
            en | 30301-1234
            en | born 03/14/1985
            en | call me at 555-0142
            en | I paid 1,200 on Dec 15
            en | the bill for my covid19 test
            en | room 12, at 3pm
            es | debo 50 dólares
            es | pagaré 25 el 15 de enero
            es | nací el 2 de noviembre de 1979
            """)
    void ordinarySentencesHoldNoAccountNumber(String language, String text) {
        IdentityEntities.Found found = new IdentityEntities(language, FILLER, CLOCK).find(text);

        assertEquals(java.util.Optional.empty(), found.accountNumber());
    }
}
