package org.parley.qa;

import org.junit.jupiter.api.Test;
import org.parley.testing.TestParley;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a reviewer sees only on purpose: dates of birth, phone numbers, addresses. */
class RedactorTest {

    private final Redactor redactor = new Redactor(List.of("ar", "en", "es", "ko", "ru", "tl",
            "vi", "zh"), Clock.fixed(TestParley.NOW, ZoneOffset.UTC));

    private String masked(String text, boolean zipRead) {
        return redactor.masked(text, zipRead);
    }

    @Test
    void numericAndWrittenDatesWithAYearAreDatesOfBirth() {
        assertEquals("[date of birth] Rivera", masked("03/14/1985 Rivera", false));
        assertEquals("born [date of birth]", masked("born 3/14/85", false));
        assertEquals("[date of birth]", masked("1985-03-14", false));
        assertEquals("my birthday is [date of birth].", masked("my birthday is March 14, 1985.",
                false));
        assertEquals("nací el [date of birth]", masked("nací el 14 de marzo de 1985", false));
        assertEquals("[date of birth]", masked("1985年3月14日", false));
        assertEquals("[date of birth]", masked("1985년 3월 14일", false));
    }

    @Test
    void aDateWithoutAYearOrAnAmountIsLeftAlone() {
        assertEquals("I can pay $200 on 12/15", masked("I can pay $200 on 12/15", false));
        assertEquals("pay 1,234.50 now", masked("pay 1,234.50 now", false));
        assertEquals("March 14 works", masked("March 14 works", false));
    }

    @Test
    void aDateOfBirthInArabicIndicOrFullWidthDigitsIsMasked() {
        assertEquals("ولدت في [date of birth]", masked("ولدت في ١٤/٠٣/١٩٨٥", false));
        assertEquals("[date of birth] Rivera", masked("０３/１４/１９８５ Rivera", false));
        assertEquals("اتصل [phone]", masked("اتصل ٤٠٤-٥٥٥-٠١٤٢", false));
    }

    @Test
    void aReferenceOrADateNobodyWasBornOnIsNotADateOfBirth() {
        assertEquals("ticket 2026-11-02-0001 done", masked("ticket 2026-11-02-0001 done",
                false));
        assertEquals("due 01/15/2027", masked("due 01/15/2027", false));
        assertEquals("in 1850-01-01", masked("in 1850-01-01", false));
        assertEquals("seen [date of birth]", masked("seen 11/02/2026", false));
    }

    @Test
    void phoneNumbersInTheirUsualShapesAreMasked() {
        assertEquals("call me at [phone] or [phone]",
                masked("call me at (404) 555-0142 or +1 404 555 0142", false));
        assertEquals("[phone] please", masked("555-0142 please", false));
        assertEquals("text [phone]", masked("text +14045550142", false));
    }

    @Test
    void aMaskedCardNumberIsNotTakenForAPhoneNumber() {
        assertEquals("my card ************1111", masked("my card ************1111", false));
    }

    @Test
    void streetAddressesAndPostBoxesAreAddresses() {
        assertEquals("I moved to [address]",
                masked("I moved to 123 Peachtree St NE Apt 4, Atlanta, GA 30318", false));
        assertEquals("send it to [address] please", masked("send it to PO Box 1234 please",
                false));
        assertEquals("vivo en [address]", masked("vivo en Calle Mayor 12", false));
    }

    @Test
    void aZipCodeIsAnAddressOnlyWhenTheBotReadOne() {
        assertEquals("EH100587 [address]", masked("EH100587 30318", true));
        assertEquals("EH100587 30318", masked("EH100587 30318", false));
    }

    @Test
    void spansComeInOrderWithTheirKinds() {
        String kinds = redactor.find("3/14/1985, 404-555-0142, 12 Oak Rd", false).stream()
                .map(Redactor.Span::kind).collect(Collectors.joining(","));
        assertEquals("date_of_birth,phone,address", kinds);
    }
}
