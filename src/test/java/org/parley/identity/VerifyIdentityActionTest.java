package org.parley.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class VerifyIdentityActionTest {

    @ParameterizedTest(name = "{0} vs \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            Rivera       | rivera              | true
            Hernández    | hernandez           | true
            de la Cruz   | de la cruz          | true
            de la Cruz   | delacruz            | true
            de la Cruz   | maria de la cruz    | true
            Rivera       | rivers              | false
            Lee          | leeds               | false
            O'Brien      | o'brien             | true
            Ivanova      | Иванова             | true
            Ivanova      | иванова             | true
            Ivanova      | Иванов              | false
            """)
    void lastNamesMatchWhateverTheAccentsCaseAndSpacing(String lastName, String given, boolean match) {
        assertEquals(match, VerifyIdentityAction.nameMatches(lastName, given));
    }
}
