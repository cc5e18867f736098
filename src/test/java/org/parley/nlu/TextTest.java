package org.parley.nlu;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TextTest {

    @ParameterizedTest(name = "\"{0}\" has the words {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Check my BALANCE, please!        | check my balance please
            O'Brien don’t                    | o'brien don't
            $1,000 on 03/14/1985             | 1 000 on 03 14 1985
            Español                          | espanol
            Tôi muốn trả tiền hóa đơn        | toi muon tra tien hoa don
            Kailangan ko po ng tulong        | kailangan ko po ng tulong
            我想查一下我的账单余额              | 我想 查 一下 我的 账单 余 额
            잔액을 확인하고 싶어요             | 잔액을 확인하고 싶어요
            أُريدُ دفعَ الفاتورة              | اريد دفع الفاتوره
            إلى مستشفى                       | الي مستشفي
            Ёлка, мой счёт                   | елка мой счет
            ＡＢＣ　１２３                     | abc 123
            ١٢٣                              | 123
            カタカナ が                       | カタカナ が
            """)
    void wordsAreFoldedAndSegmentedInEveryScript(String text, String expected) {
        assertEquals(Arrays.asList(expected.split(" ")), Text.words(text));
    }

    @ParameterizedTest(name = "\"{0}\" is the command \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            '  ¿Español?  '        | espanol
            'In   English, please' | 'in english, please'
            中文。                  | 中文
            'tiếng Việt!'          | tieng viet
            한국어                  | 한국어
            'Русский '             | русский
            العربية؟               | العربيه
            'Tagalog po'           | tagalog po
            """)
    void commandsMatchWholeMessagesInEveryLanguage(String text, String expected) {
        assertEquals(expected, Text.command(text));
    }

    @ParameterizedTest(name = "\"{0}\" has no words")
    @CsvSource(delimiter = '|', textBlock = """
            '...'
            '🙂👍'
            '   '
            """)
    void punctuationAndEmojiAreNoWords(String text) {
        assertEquals(List.of(), Text.words(text));
    }
}
