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
            4242424242424242 12/27 737              | ************4242 **/** ***              | true
            4242424242424242 12/27                  | ************4242 **/**                  | true
            4242424242424242 737                    | ************4242 ***                    | true
            here is my card 5555555555554444 12/27 737 | here is my card ************4444 **/** *** | true
            4242-4242-4242-4242-123                 | ************4242-***                    | true
            ４２４２４２４２４２４２４２４２        | ************4242                        | true
            03/14/1985 30301                        | 03/14/1985 30301                        | false
            EH100234 30301 4045550123               | EH100234 30301 4045550123               | false
            pay 200 on 12/27                        | pay 200 on 12/27                        | false
            card 4111.1111.1111.1111                | card ************1111                   | true
            card 4111-1111 1111.1111                | card ************1111                   | true
            4242_4242_4242_4242                     | ************4242                        | true
            ref 2026_11_02_0001                     | ref 2026_11_02_0001                     | false
            card 3782.822463.10005 please           | card ***********0005 please             | true
            4111.1111.1111.1111 exp 12/29           | ************1111 exp **/**              | true
            I paid 1.234,50 on 03.14.1985           | I paid 1.234,50 on 03.14.1985           | false
            born 03.14.1985 account 4045.5501.23    | born 03.14.1985 account 4045.5501.23    | false
            server 192.168.100.200 port 4111        | server 192.168.100.200 port 4111        | false
            version 4.111.1111.1111.1111 works      | version 4.111.1111.1111.1111 works      | false
            owed 411.111.111.111.111,10             | owed 411.111.111.111.111,10             | false
            build 2026.11.02.0001 and 10.0.19041.1234 | build 2026.11.02.0001 and 10.0.19041.1234 | false
            """)
    void masksOnlyDigitRunsThatAreCardNumbers(String text, String expected, boolean changed) {
        CardNumbers.Masked masked = CardNumbers.mask(text);

        assertEquals(expected + " " + changed, masked.text() + " " + masked.changed());
    }
}
