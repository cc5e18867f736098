package org.parley.compliance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CardNumbersTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            my card is 4111111111111111 thanks      | my card is ************1111 thanks      | true
            4111 1111 1111 1111                     | ************1111                        | true
            5555-5555-5555-4444                     | ************4444                        | true
            378282246310005                         | ***********0005                         | true
            call 4045550123 or account 1234567890123 | call 4045550123 or account 1234567890123 | false
            4111111111111112                        | 4111111111111112                        | false
            4111 1111 1111 1111 exp 12/29 cvv 123   | ************1111 exp **/** cvv ***      | true
            cvv 123 and exp 12/29 without a card    | cvv 123 and exp 12/29 without a card    | false
            born 03/14/1985, zip 30301              | born 03/14/1985, zip 30301              | false
            """)
    void masksOnlyDigitRunsThatAreCardNumbers(String text, String expected, boolean changed) {
        CardNumbers.Masked masked = CardNumbers.mask(text);

        assertEquals(expected + " " + changed, masked.text() + " " + masked.changed());
    }
}
