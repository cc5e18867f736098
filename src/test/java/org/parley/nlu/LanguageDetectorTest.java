package org.parley.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The short-message language rule: only long, unambiguous messages switch a conversation. */
class LanguageDetectorTest {

    private static final List<String> SUPPORTED = List.of("en", "es", "vi", "tl", "zh", "ko", "ru", "ar");

    private static LanguageDetector detector;

    @BeforeAll
    static void load() {
        Map<String, LocaleContent> locales = LocaleContent.loadAll(Path.of("locales"));
        detector = new LanguageDetector(locales);
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" switches to {2}")
    @CsvSource(delimiter = '|', textBlock = """
            es | I would like to check my balance please       | en
            zh | I would like to check my balance please       | en
            vi | I want to pay my bill now please              | en
            tl | I want to talk to a real person please        | en
            en | quiero pagar mi factura por favor             | es
            en | no tengo dinero para pagar                    | es
            tl | quiero hablar con una persona por favor       | es
            en | Tôi muốn kiểm tra số dư của tôi               | vi
            en | toi muon kiem tra so du cua toi               | vi
            en | Gusto kong bayaran ang aking bill ngayon      | tl
            en | gusto ko po makausap ang isang tao            | tl
            en | 我想查一下我的账单余额                           | zh
            en | 잔액을 확인하고 싶어요                            | ko
            en | أريد أن أدفع الفاتورة من فضلك                   | ar
            es | Я хочу оплатить свой счёт                     | ru
            """)
    void aLongUnambiguousMessageSwitches(String current, String text, String expected) {
        assertEquals(Optional.of(expected), detector.switchTo(text, current, SUPPORTED));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" never switches")
    @CsvSource(delimiter = '|', textBlock = """
            en | ok
            en | si
            en | no
            en | 1
            en | Rivera
            en | $200
            en | 03/14/1985
            en | gracias
            en | sí quiero pagar
            en | Maria Guadalupe Rivera Lopez
            es | Jose Luis Garcia Hernandez
            en | my zip is 90210 and dob 03/14/1985
            es | ok thanks
            es | 1500.00 2 3 4
            en | 中文
            en | 余额
            ko | 한국어
            ru | Привет
            ar | مرحبا
            vi | Tôi muốn trả tiền hóa đơn
            es | quiero pagar mi factura por favor
            zh | 我想查一下我的账单余额
            en | Ich möchte meine Rechnung bezahlen bitte
            en | 私は請求書を払いたいです
            """)
    void aShortOrAmbiguousMessageNeverSwitches(String current, String text) {
        assertEquals(Optional.empty(), detector.switchTo(text, current, SUPPORTED));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" does not switch to an unsupported language")
    @CsvSource(delimiter = '|', textBlock = """
            en | 我想查一下我的账单余额
            en | quiero pagar mi factura por favor
            """)
    void anUnsupportedLanguageNeverSwitches(String current, String text) {
        assertEquals(Optional.empty(), detector.switchTo(text, current, List.of("en", "vi")));
    }

    @ParameterizedTest(name = "[{0}] first message \"{1}\" opens in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 我欠多少钱？          | zh
            en | 잔액 문의             | ko
            en | Сколько я должен?    | ru
            en | كم علي؟              | ar
            en | ¿Cuánto debo?        | es
            en | 余额                  | zh
            en | ok                   | -
            en | Hola                 | -
            en | Maria Lopez          | -
            en | what do I owe        | -
            es | cuánto debo          | -
            en | quiero pagar mi factura por favor | -
            """)
    void aShortFirstMessageOpensInTheLanguageItsScriptOrWordsLeaveNoDoubtAbout(String current,
                                                                             String text,
                                                                             String expected) {
        assertEquals(expected, detector.opening(text, current, SUPPORTED).orElse("-"));
    }
}
