package org.parley.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class YesNoTest {

    private static Map<String, LocaleContent> locales;

    @BeforeAll
    static void readTheRealLocales() {
        locales = LocaleContent.loadAll(Path.of("locales"));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            en | yes                | yes
            en | Yes!               | yes
            en | yeah               | yes
            en | no                 | no
            en | No thanks.         | no
            en | nope               | no
            en | yes and no         | -
            en | maybe              | -
            en | yes I want to pay  | -
            en | 👍                 | yes
            en | 👍🏽                 | yes
            en | 👎                 | no
            es | sí                 | yes
            es | Si                 | yes
            es | no                 | no
            es | no gracias         | no
            es | quizás             | -
            zh | 是的               | yes
            zh | 不是               | no
            zh | 也许               | -
            vi | vâng               | yes
            vi | không              | no
            vi | khong              | no
            tl | opo                | yes
            tl | hindi po           | no
            ko | 네                 | yes
            ko | 아니요              | no
            ru | да                 | yes
            ru | Нет.               | no
            ru | может быть         | -
            ar | نعم                | yes
            ar | لا                 | no
            ar | 👎                 | no
            xx | yes                | -
            xx | 👍                 | yes
            """)
    void readsYesOrNoAsTheWholeMessage(String language, String text, String expected) {
        var answer = YesNo.read(text, language, locales);

        assertEquals(expected, answer.map(yes -> yes ? "yes" : "no").orElse("-"));
    }

    /** The bot's own prompts say which words to answer with: each of them is understood. */
    @ParameterizedTest(name = "[{0}] the prompts suggest \"{1}\" and \"{2}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | yes | no
            es | sí  | no
            zh | 是  | 否
            ko | 예  | 아니요
            vi | có  | không
            tl | oo  | hindi
            ru | да  | нет
            ar | نعم | لا
            """)
    void theWordsThePromptsSuggestAreRead(String language, String yes, String no) {
        assertEquals("yes no", YesNo.read(yes, language, locales).map(y -> y ? "yes" : "no")
                .orElse("-") + " " + YesNo.read(no, language, locales)
                .map(y -> y ? "yes" : "no").orElse("-"));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" agrees")
    @CsvSource(delimiter = '|', textBlock = """
            en | Yes, I agree
            en | I agree.
            en | yes I accept
            es | Sí, acepto
            es | Estoy de acuerdo
            ar | نعم، أوافق
            ko | 네, 동의합니다
            ru | Да, согласна
            tl | Oo, sang-ayon ako
            vi | Vâng, tôi đồng ý
            zh | 是的，我同意
            """)
    void aNaturalYesIAgreeIsAYes(String language, String text) {
        assertEquals(java.util.Optional.of(true), YesNo.read(text, language, locales));
    }
}
