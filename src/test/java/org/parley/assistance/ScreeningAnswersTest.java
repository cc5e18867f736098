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
            "en | 2 adults and 2 kids | none",
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
            "ru | нас трое | none",
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

        assertEquals(expected, reading.unclear() ? "unclear"
                : reading.amount().map(a -> a.toPlainString()).orElse("-") + " "
                        + reading.period().map(Enum::name).orElse("-"));
    }
}
