package org.parley.assistance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Households and incomes as patients type them, in their own words and formats, in every
 * language: each answer is read as one value, or asked again.
 */
class ScreeningAnswersTest {

    private static final Phrases PHRASES = new Phrases(LocaleContent.loadAll(Path.of("locales")));
    private static final HouseholdReader HOUSEHOLD = new HouseholdReader(PHRASES);
    private static final IncomeReader INCOME = new IncomeReader(PHRASES);

    @ParameterizedTest(name = "{0}: \"{1}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "en | 4 | 4",
            "en | 4 people | 4",
            "en | we're a family of four | 4",
            "en | just me | 1",
            "en | it's only me | 1",
            "en | five of us | 5",
            "en | 10 | 10",
            "en | 2 adults and 2 kids | 4",
            "en | two adults and two kids | 4",
            "en | one adult and two kids | 3",
            "en | me and my 3 kids | 4",
            "en | my 2 kids and me | 3",
            "en | 2 or 3 | none",
            "en | -3 | none",
            "en | - 3 | none",
            "en | family of 4 | 4",
            "es | una familia de 4 | 4",
            "es | somos 4 personas | 4",
            "es | yo y mis 2 hijos | 3",
            "es | dos adultos y tres niños | 5",
            "ru | 4 человека | 4",
            "ru | семья из 4 человек | 4",
            "ru | семья из четырёх человек | 4",
            "ru | нас четверо | 4",
            "ru | живём вчетвером | 4",
            "ru | двое взрослых и двое детей | 4",
            "tl | apat | 4",
            "tl | apat kami | 4",
            "tl | pamilya ng apat | 4",
            "tl | limang tao | 5",
            "tl | ako at ang 2 anak ko | 3",
            "ar | عائلة من 4 أشخاص | 4",
            "ar | نحن أربعة | 4",
            "ar | أسرة من خمسة أفراد | 5",
            "ko | 4인 가족 | 4",
            "ko | 네 식구 | 4",
            "ko | 우리는 네명이에요 | 4",
            "ko | 저랑 아이 3명 | 4",
            "vi | gia đình 4 người | 4",
            "vi | nhà tôi có bốn người | 4",
            "vi | tôi và 2 đứa con | 3",
            "zh | 一家四口人 | 4",
            "zh | 我们家有4个人 | 4",
            "zh | 两个大人两个孩子 | 4",
            "en | me and my wife | none",
            "en | 0 | none",
            "en | 45 | none",
            "en | 2.5 | none",
            "es | somos cuatro | 4",
            "es | somos una familia de tres | 3",
            "es | solo yo | 1",
            "es | 6 personas | 6",
            "zh | 我们家四口人 | 4",
            "zh | 一家四口 | 4",
            "zh | 只有我 | 1",
            "ko | 4명 | 4",
            "ko | 저 혼자 | 1",
            "vi | 4 người | 4",
            "vi | chỉ mình tôi | 1",
            "tl | 5 kami | 5",
            "tl | ako lang | 1",
            "ru | нас трое | 3",
            "ru | 3 человека | 3",
            "ru | четыре | 4",
            "ru | только я | 1",
            "ar | ٤ أشخاص | 4",
            "ar | أنا فقط | 1"})
    void aHouseholdIsReadFromThePatientsWords(String language, String text, String expected) {
        OptionalInt size = HOUSEHOLD.read(text, language);

        assertEquals(expected, size.isPresent() ? Integer.toString(size.getAsInt()) : "none");
    }

    @ParameterizedTest(name = "{0}: \"{1}\" is {2}")
    @CsvSource(delimiter = '|', value = {
            "en | $2,500 a month | 2500.00 MONTHLY",
            "en | 1200 every two weeks | 1200.00 BIWEEKLY",
            "en | 1,200 every 2 weeks | 1200.00 BIWEEKLY",
            "en | 40k a year | 40000.00 YEARLY",
            "en | 2.5k monthly | 2500.00 MONTHLY",
            "en | about 600 per week | 600.00 WEEKLY",
            "en | forty thousand a year | 40000.00 YEARLY",
            "en | we make $3,100.50/mo | 3100.50 MONTHLY",
            "en | 2500 | 2500.00 -",
            "en | every two weeks | - BIWEEKLY",
            "en | no income | 0.00 YEARLY",
            "en | nothing | 0.00 YEARLY",
            "en | $2,500 a month and 30000 a year | unclear",
            "en | 2000 or 2500 a month | unclear",
            "en | I'm not sure | - -",
            "en | $2,500 monthly | 2500.00 MONTHLY",
            "en | 1,500 twice a month | 1500.00 SEMIMONTHLY",
            "en | 1500 semi-monthly | 1500.00 SEMIMONTHLY",
            "en | -2500 a month | negative",
            "es | $2,500.50 mensuales | 2500.50 MONTHLY",
            "es | 1,500 dos veces al mes | 1500.00 SEMIMONTHLY",
            "es | 1500 quincenales | 1500.00 SEMIMONTHLY",
            "zh | 每月两次1500 | 1500.00 SEMIMONTHLY",
            "zh | 每月两千五 | 2500.00 MONTHLY",
            "zh | 每年三万二 | 32000.00 YEARLY",
            "zh | 每年一万五千 | 15000.00 YEARLY",
            "zh | 每年一万五 | 15000.00 YEARLY",
            "ko | 한 달에 두 번 1500달러 | 1500.00 SEMIMONTHLY",
            "vi | 1500 mỗi tháng hai lần | 1500.00 SEMIMONTHLY",
            "tl | 1,500 kada kinsenas | 1500.00 SEMIMONTHLY",
            "ru | 1500 $ два раза в месяц | 1500.00 SEMIMONTHLY",
            "ar | 1500 دولار مرتين في الشهر | 1500.00 SEMIMONTHLY",
            "es | $2,500 al mes | 2500.00 MONTHLY",
            "es | 1.200 cada dos semanas | 1200.00 BIWEEKLY",
            "es | 40 mil al año | 40000.00 YEARLY",
            "es | cuarenta mil al año | 40000.00 YEARLY",
            "es | sin ingresos | 0.00 YEARLY",
            "zh | 每月2500美元 | 2500.00 MONTHLY",
            "zh | 每两周1200 | 1200.00 BIWEEKLY",
            "zh | 每年4万 | 40000.00 YEARLY",
            "ko | 한 달에 2500달러 | 2500.00 MONTHLY",
            "ko | 2주마다 1200 | 1200.00 BIWEEKLY",
            "ko | 1년에 4만 달러 | 40000.00 YEARLY",
            "vi | $2500 một tháng | 2500.00 MONTHLY",
            "vi | 1200 mỗi hai tuần | 1200.00 BIWEEKLY",
            "vi | 40 nghìn một năm | 40000.00 YEARLY",
            "tl | $2,500 kada buwan | 2500.00 MONTHLY",
            "tl | 40k kada taon | 40000.00 YEARLY",
            "ru | 2500 $ в месяц | 2500.00 MONTHLY",
            "ru | 1200 раз в две недели | 1200.00 BIWEEKLY",
            "ru | 40 тысяч в год | 40000.00 YEARLY",
            "ar | 2500 دولار في الشهر | 2500.00 MONTHLY",
            "ar | ١٢٠٠ كل أسبوعين | 1200.00 BIWEEKLY",
            "ar | 40 ألف في السنة | 40000.00 YEARLY"})
    void anIncomeIsReadWithHowOftenItComes(String language, String text, String expected) {
        IncomeReader.Reading reading = INCOME.read(text, language);

        assertEquals(expected, reading.unclear() ? "unclear" : reading.negative() ? "negative"
                : reading.amount().map(a -> a.toPlainString()).orElse("-") + " "
                        + reading.period().map(Enum::name).orElse("-"));
    }
}
