package org.parley.nlu;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.i18n.LocaleContent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What the identity question reads in the real locales' words: a date of paying or of a bill is
 * no birth date in any language, a birth date beside an amount still is, and letters, a space
 * and digits are an account number only when the letters begin the client's account numbers.
 */
class IdentityAnswerReadingTest {

    private static final Clock CLOCK =
            Clock.fixed(Instant.parse("2026-12-04T15:00:00Z"), ZoneOffset.UTC);
    /** The letters that begin the client's account numbers in these tests. */
    private static final Set<String> PREFIXES = Set.of("EH", "TB", "AB", "TC");
    /** The client's accounts that only their existence tells apart from other numbers. */
    private static final Set<String> ACCOUNTS = Set.of("TC3", "TB20202");
    private static Map<String, LocaleContent> locales;

    @BeforeAll
    static void readTheRealLocales() {
        locales = LocaleContent.loadAll(Path.of("locales"));
    }

    private static IdentityEntities.Found read(String language, String text) {
        LocaleContent content = locales.get(language);
        IdentityEntities entities = new IdentityEntities(language,
                Set.copyOf(list(content, "filler-words")), new IdentityEntities.Cues(
                        list(content, "birth-words"), list(content, "payment-words")), CLOCK);
        return entities.find(text,
                new IdentityEntities.AccountNumbers(PREFIXES::contains, ACCOUNTS::contains));
    }

    private static List<String> list(LocaleContent content, String name) {
        return content.keywords().getOrDefault(name, List.of()).stream()
                .map(LocaleContent.Entry::text).toList();
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | I paid $120 on 12/01/2026
            en | I paid 120 on 12/01/2026
            en | paid 1,200 on 11/20/2026
            en | the bill of 11/20/2025 Rivera
            en | $120 12/01/2026
            en | 120.50 on 12/01/2026
            en | I can pay on 12/15/2026
            en | 03/14/1885 Rivera
            es | pagué $120 el 01/12/2026
            es | la factura del 20/11/2025
            ar | دفعت 120 دولار في 01/12/2026
            ko | 2026-12-01에 120달러 결제했어요
            ru | я заплатил 120 долларов 01.12.2026
            tl | nagbayad ako ng 120 noong 12/01/2026
            vi | tôi đã trả 120 đô ngày 01/12/2026
            zh | 我在2026年12月1日付了120美元
            """)
    void aDateOfPayingOrOfABillOrOneThatCannotBeIsNoBirthDate(String language, String text) {
        IdentityEntities.Found found = read(language, text);

        assertEquals("- true", found.dateOfBirth().map(Object::toString).orElse("-") + " "
                + found.otherDate());
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | 03/14/1985 Rivera                               | 1985-03-14
            en | born 03/14/1985, I owe $120                     | 1985-03-14
            en | 03/14/1985 Rivera, I want to pay my bill         | 1985-03-14
            en | I paid $120 on 12/01/2026, born 03/14/1985 Rivera | 1985-03-14
            es | nací el 14/03/1985, debo $120                    | 1985-03-14
            ar | 14/03/1985 Haddad                               | 1985-03-14
            ko | 1985-03-14 Kim                                  | 1985-03-14
            ru | 14.03.1985 Ivanova                              | 1985-03-14
            tl | 03/14/1985 Santos                               | 1985-03-14
            vi | 14/03/1985 Nguyen                               | 1985-03-14
            zh | 1985-03-14 Chen                                 | 1985-03-14
            """)
    void aBirthDateIsTakenBesideAnAmountInAnotherClause(String language, String text,
                                                        String dob) {
        IdentityEntities.Found found = read(language, text);

        assertEquals(dob + " false", found.dateOfBirth().map(Object::toString).orElse("-") + " "
                + found.otherDate());
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | tb 08 30307                      | TB08     | 30307
            en | TB 08                            | TB08     | -
            en | my account is tb 004, zip 30307   | TB004    | 30307
            en | eh 100234 30301                  | EH100234 | 30301
            es | mi cuenta es tb 08 y el código postal 30307 | TB08 | 30307
            zh | tb 08 30307                      | TB08     | 30307
            """)
    void lettersASpaceAndDigitsAreAnAccountNumberWhenTheLettersBeginTheClientsNumbers(
            String language, String text, String account, String zip) {
        IdentityEntities.Found found = read(language, text);

        assertEquals(account + " " + zip, found.accountNumber().orElse("-") + " "
                + found.zip().orElse("-"));
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | TC3 30301                        | TC3      | 30301
            en | tc 3 30301                       | TC3      | 30301
            en | TC-3, zip 30301                  | TC3      | 30301
            es | mi cuenta es tc3 y el código postal 30301 | TC3 | 30301
            en | TB 30301                         | -        | 30301
            en | my account is tb 30301           | -        | 30301
            en | TB 20202                         | TB20202  | -
            en | TB 30301 30307                   | TB30301  | 30307
            en | TB30301                          | TB30301  | -
            """)
    void anAccountWithOneDigitOrAZipAfterItsLettersIsReadByTheClientsAccounts(
            String language, String text, String account, String zip) {
        IdentityEntities.Found found = read(language, text);

        assertEquals(account + " " + zip + " []", found.accountNumber().orElse("-") + " "
                + found.zip().orElse("-") + " " + found.nameWords());
    }

    @ParameterizedTest(name = "[{0}] \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            en | I owe 120
            en | tab 5 please
            en | tb 5 please
            en | room 12, at 3pm
            en | call me at 555-0142
            en | I was seen in room 1204
            en | ab 1 and 2
            en | tc 4 please
            en | a1 b2
            en | a bill for 120.50 in May 2026
            es | debo 50 dólares
            es | pagué 120 el lunes
            """)
    void ordinarySentencesWithASpaceBeforeDigitsHoldNoAccountNumber(String language,
                                                                    String text) {
        assertEquals(Optional.empty(), read(language, text).accountNumber());
    }
}
