package org.parley.payments;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;
import org.parley.nlu.MoneyParser;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a patient's words ask to pay, in their language, read exactly or not at all. */
class PaymentRequestReaderTest {

    private static final Map<String, LocaleContent> LOCALES =
            LocaleContent.loadAll(Path.of("locales"));
    private static final PaymentRequestReader READER = new PaymentRequestReader(LOCALES);

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            en | I can pay $200 today              | AMOUNT   | 200.00 |              | false
            en | pay 1,234.50                      | AMOUNT   | 1234.50 |             | false
            en | pay two hundred dollars           | AMOUNT   | 200.00 |              | false
            en | pay it all                        | ALL      |        |              | false
            en | I'll pay the whole balance        | ALL      |        |              | false
            en | $300 not all of it                | AMOUNT   | 300.00 |              | false
            en | I want to pay                     | NONE     |        |              | false
            en | Pay my bill                       | NONE     |        |              | false
            en | 2                                 | NONE     |        |              | false
            en | the second one                    | NONE     |        |              | false
            en | pay with my CareCredit            | NONE     |        |              | true
            en | $150 on my line of credit         | AMOUNT   | 150.00 |              | true
            en | pay 0                             | REFUSED  |        | ZERO         | false
            en | pay -50                           | REFUSED  |        | NEGATIVE     | false
            en | pay 10.0055                       | REFUSED  |        | TOO_MANY_DECIMALS | false
            en | pay $100 or $200                  | REFUSED  |        | AMBIGUOUS    | false
            es | puedo pagar 200 dólares hoy       | AMOUNT   | 200.00 |              | false
            es | quiero pagar todo                 | ALL      |        |              | false
            es | con mi línea de crédito           | NONE     |        |              | true
            ru | оплачу всё                        | ALL      |        |              | false
            zh | 我想付全部                          | ALL      |        |              | false
            vi | tôi muốn trả hết                  | ALL      |        |              | false
            """)
    void readsTheRequest(String language, String text, PaymentRequest.Kind kind, BigDecimal amount,
                         MoneyParser.Reason refused, boolean creditLine) {
        PaymentRequest request = READER.read(text, language, true);

        assertEquals(new PaymentRequest(kind, Optional.ofNullable(amount),
                Optional.ofNullable(refused), creditLine), request);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2, 2.00", "5, 5.00"})
    void aBareNumberAnsweringHowMuchIsAnAmountNotAMenuPick(String text, BigDecimal amount) {
        assertEquals(PaymentRequest.amount(amount, false), READER.read(text, "en", false));
    }
}
