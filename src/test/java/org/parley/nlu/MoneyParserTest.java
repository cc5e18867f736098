package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MoneyParserTest {

    private static final MoneyParser PARSER = new MoneyParser();

    @ParameterizedTest(name = "[{0}] \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | $200                            | 200.00
            en | 200                             | 200.00
            en | 200.50                          | 200.50
            en | 200.5                           | 200.50
            en | $1,234.50                       | 1234.50
            en | 1,234                           | 1234.00
            en | 1,234,567                       | 1234567.00
            en | 12,345.67                       | 12345.67
            en | 12.345,67                       | 12345.67
            en | USD 75                          | 75.00
            en | 75 dollars                      | 75.00
            en | 200 bucks                       | 200.00
            en | two hundred dollars             | 200.00
            en | two hundred and fifty           | 250.00
            en | twenty five                     | 25.00
            en | I can pay $200 today            | 200.00
            en | $200, that is 200 dollars       | 200.00
            es | 1.234                           | 1234.00
            es | 1.234,50                        | 1234.50
            es | 1,50                            | 1.50
            es | 200.50                          | 200.50
            es | $1,234.50                       | 1234.50
            es | 75 dólares                      | 75.00
            es | doscientos dólares              | 200.00
            es | puedo pagar 150 el viernes      | 150.00
            zh | 75美元                           | 75.00
            zh | 1,234.50                        | 1234.50
            zh | 二百美元                          | 200.00
            zh | 我可以付200                       | 200.00
            vi | 75 đô                           | 75.00
            vi | 1.234,50                        | 1234.50
            vi | hai trăm đô                     | 200.00
            tl | 200 dolyar                      | 200.00
            tl | ₱1,234.50                       | 1234.50
            tl | two hundred dollars             | 200.00
            ko | 75달러                           | 75.00
            ko | 1,234.50                        | 1234.50
            ko | 이백 달러                         | 200.00
            ru | 1 234,50                        | 1234.50
            ru | 1\u00A0234,50                   | 1234.50
            ru | 1\u202F234,50                   | 1234.50
            ru | 1.234,50                        | 1234.50
            ru | 75 долларов                     | 75.00
            ru | двести долларов                 | 200.00
            ar | ٧٥ دولار                        | 75.00
            ar | ١٬٢٣٤٫٥٠                        | 1234.50
            ar | مائتان دولار                    | 200.00
            """)
    void readsTheAmountInEveryShapePatientsType(String language, String text, String expected) {
        assertEquals(expected, describe(PARSER.parse(text, language)));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" is rejected as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 1,23                            | ambiguous
            en | 1,2,3                           | ambiguous
            en | pay $200 now and $300 later     | ambiguous
            en | two hundred or three hundred    | ambiguous
            en | 1,234.567                       | too_many_decimals
            en | 10.5055                         | too_many_decimals
            en | 1.234                           | too_many_decimals
            en | $0.001                          | too_many_decimals
            en | $10.555                         | too_many_decimals
            en | $80.665 a month                 | too_many_decimals
            es | $0.001                          | too_many_decimals
            es | 0,001                           | too_many_decimals
            ru | 10.555                          | too_many_decimals
            en | -50                             | negative
            en | -$50                            | negative
            en | minus 50                        | negative
            en | minus fifty                     | negative
            en | $0                              | zero
            en | 0.00                            | zero
            en | I can't pay                     | not_an_amount
            es | 1,234                           | ambiguous
            es | 1,2,3                           | ambiguous
            es | menos 50                        | negative
            es | no sé                           | not_an_amount
            zh | 1,23                            | ambiguous
            zh | 付200或者300                      | ambiguous
            vi | 1,2,3                           | ambiguous
            vi | âm 50                           | negative
            tl | 1,23                            | ambiguous
            tl | hindi ko alam                   | not_an_amount
            ko | 1,2,3                           | ambiguous
            ko | 마이너스 50                        | negative
            ru | 1,2,3                           | ambiguous
            ru | минус 50                        | negative
            ru | 0                               | zero
            ar | ناقص 50                         | negative
            ar | ١,٢,٣                           | ambiguous
            """)
    void rejectsWhatCannotBeReadAsOneAmount(String language, String text, String reason) {
        assertEquals("rejected: " + reason, describe(PARSER.parse(text, language)));
    }

    private static String describe(MoneyParser.Result result) {
        return switch (result) {
            case MoneyParser.Result.Amount a -> a.value().toPlainString();
            case MoneyParser.Result.Rejected r -> "rejected: " + r.reason().code();
        };
    }
}
