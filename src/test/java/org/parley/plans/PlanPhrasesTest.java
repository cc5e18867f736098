package org.parley.plans;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a patient's words ask of a plan, in English and Spanish. */
class PlanPhrasesTest {

    private static final PlanPhrases PHRASES =
            new PlanPhrases(LocaleContent.loadAll(Path.of("locales")));

    @ParameterizedTest(name = "[{0}] \"{1}\" strict={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | 2                                  | false | pick 2
            en | the second one                     | false | pick 2
            en | the 6 month one                    | false | term 6
            en | 12 months please                   | false | term 12
            en | twenty four months                 | false | term 24
            en | I can do $75 a month               | false | amount 75.00 MONTHLY
            en | $40 every two weeks                | false | amount 40.00 BIWEEKLY
            en | 75                                 | false | amount 75.00
            en | every two weeks                    | false | listing BIWEEKLY
            en | I can do $75 a month               | true  | amount 75.00 MONTHLY
            en | can I pay over 6 months            | true  | term 6
            en | 2                                  | true  | -
            en | 03/14/1985 Rivera                  | true  | -
            en | EH100234 30301                     | true  | -
            en | yes                                | false | -
            en | $80.665 a month                    | false | bad too_many_decimals
            en | I can do $0 a month                | true  | bad zero
            es | la segunda                         | false | pick 2
            es | el de 6 meses                      | false | term 6
            es | doce meses                         | false | term 12
            es | puedo pagar $75 al mes             | true  | amount 75.00 MONTHLY
            es | 40 dólares cada dos semanas        | false | amount 40.00 BIWEEKLY
            es | 2 de noviembre de 1979, Hernández  | true  | -
            """)
    void readsASetUpRequest(String language, String text, boolean strict, String expected) {
        assertEquals(expected, PHRASES.setUp(text, language, 3, strict)
                .map(PlanPhrasesTest::name).orElse("-"));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\" strict={2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            en | move my payment to the 15th        | true  | day 15
            en | can I move it to the fifteenth     | true  | day 15
            en | the 20th                           | false | day 20
            en | can I pay $100 a month instead     | true  | amount 100.00 MONTHLY
            en | 100                                | false | amount 100.00
            en | 100                                | true  | -
            en | make it 12 months                  | true  | term 12
            en | skip this month's payment          | true  | skip
            en | cancel my plan                     | true  | cancel
            en | can I pay -$50 a month             | true  | bad negative
            en | 03/14/1985 Rivera                  | true  | -
            es | cambiar mi pago al día 15          | true  | day 15
            es | ¿puedo pagar $100 al mes?          | true  | amount 100.00 MONTHLY
            es | que sean 12 meses                  | true  | term 12
            es | quiero saltar el pago de este mes  | true  | skip
            es | cancelar mi plan                   | true  | cancel
            es | 2 de noviembre de 1979, Hernández  | true  | -
            """)
    void readsAChange(String language, String text, boolean strict, String expected) {
        assertEquals(expected, PHRASES.change(text, language, strict).map(PlanPhrasesTest::name)
                .orElse("-"));
    }

    /** The examples each language's change question gives are read as they say. */
    @ParameterizedTest(name = "[{0}] \"{1}\": {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ar | انقلها إلى يوم 15                  | day 15
            ar | $100 شهريًا                        | amount 100.00 MONTHLY
            ar | 12 شهرًا                           | term 12
            ar | تخطي دفعة                          | skip
            ar | إلغاء خطتي                         | cancel
            ko | 15일로 옮겨 주세요                  | day 15
            ko | 매월 $100                          | amount 100.00 MONTHLY
            ko | 12개월                             | term 12
            ko | 한 번 건너뛰기                      | skip
            ko | 계획 취소                          | cancel
            ru | перенесите на 15-е                 | day 15
            ru | $100 в месяц                       | amount 100.00 MONTHLY
            ru | 12 месяцев                         | term 12
            ru | пропустить платёж                  | skip
            ru | отменить план                      | cancel
            tl | ilipat sa ika-15                   | day 15
            tl | $100 kada buwan                    | amount 100.00 MONTHLY
            tl | 12 buwan                           | term 12
            tl | laktawan ang bayad                 | skip
            tl | kanselahin ang plan ko             | cancel
            vi | dời sang ngày 15                   | day 15
            vi | $100 mỗi tháng                     | amount 100.00 MONTHLY
            vi | 12 tháng                           | term 12
            vi | bỏ qua một lần                     | skip
            vi | hủy kế hoạch                       | cancel
            zh | 改到15号                            | day 15
            zh | 每月$100                           | amount 100.00 MONTHLY
            zh | 12个月                             | term 12
            zh | 跳过一期                            | skip
            zh | 取消计划                            | cancel
            """)
    void readsTheExamplesEachLanguageGives(String language, String text, String expected) {
        assertEquals(expected, PHRASES.change(text, language, true).map(PlanPhrasesTest::name)
                .orElse("-"));
    }

    /** A request in short: "pick 2", "term 6", "amount 75.00 MONTHLY", "day 15", "skip". */
    private static String name(PlanRequest request) {
        return switch (request) {
            case PlanRequest.Pick p -> "pick " + p.position();
            case PlanRequest.Term t -> ("term " + t.months() + " "
                    + t.frequency().map(Enum::name).orElse("")).strip();
            case PlanRequest.Amount a -> ("amount " + a.amount().toPlainString() + " "
                    + a.frequency().map(Enum::name).orElse("")).strip();
            case PlanRequest.Listing l -> "listing " + l.frequency();
            case PlanRequest.Day d -> "day " + d.dayOfMonth();
            case PlanRequest.SkipNext s -> "skip";
            case PlanRequest.Cancel c -> "cancel";
            case PlanRequest.BadAmount b -> "bad " + b.reason().code();
        };
    }
}
