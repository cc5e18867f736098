package org.parley.channel.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.channel.sms.SmsEncoding.GSM_7;
import static org.parley.channel.sms.SmsEncoding.UCS_2;

import java.text.Normalizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.channel.sms.SmsEncoding.Measure;

class SmsTextTest {

    static Stream<Arguments> replacements() {
        return Stream.of(
                row("curly single quotes become apostrophes", "‘It’s’", "'It's'"),
                row("low and reversed single quotes become apostrophes", "‚a‛", "'a'"),
                row("curly double quotes become straight", "“fine”", "\"fine\""),
                row("low and reversed double quotes become straight", "„a‟", "\"a\""),
                row("guillemets become double quotes", "«Hola»", "\"Hola\""),
                row("single guillemets become apostrophes", "‹a›", "'a'"),
                row("primes become apostrophe and quote", "5′ 3″", "5' 3\""),
                row("every dash and the minus sign become hyphens",
                        "a–b—c‒d―e‐f‑g−h", "a-b-c-d-e-f-g-h"),
                row("ellipsis becomes three dots", "Wait…", "Wait..."),
                row("no-break space in a formatted amount becomes a space",
                        "1.234,50\u00A0€", "1.234,50 €"),
                row("narrow no-break space becomes a space", "12\u202F345", "12 345"),
                row("en, em, thin, hair and figure spaces become spaces",
                        "a\u2002b\u2003c\u2009d\u200Ae\u2007f", "a b c d e f"),
                row("ideographic space is kept for CJK text", "您好\u3000世界", "您好\u3000世界"),
                row("zero-width space is removed", "pay\u200Bnow", "paynow"),
                row("byte order mark and word joiner are removed", "\uFEFFa\u2060b", "ab"),
                row("soft hyphen is removed", "pay\u00ADment", "payment"),
                row("bidi embeddings and overrides are removed",
                        "\u202Aa\u202B\u202Cb\u202D\u202E", "ab"),
                row("bidi isolates and the Arabic letter mark are removed",
                        "\u2066a\u2067\u2068\u2069b\u061C", "ab"),
                row("Arabic keeps its letters but loses the right-to-left mark",
                        "\u200Fمرحبا، رصيدك\u200F", "مرحبا، رصيدك"),
                row("stray joiners between Latin letters are removed",
                        "a\u200Db\u200Cc", "abc"),
                row("joiner inside an emoji family is kept",
                        "👨\u200D👩\u200D👧", "👨\u200D👩\u200D👧"),
                row("non-joiner between Persian letters is kept", "می\u200Cخواهم", "می\u200Cخواهم"),
                row("decomposed Spanish accent is composed", "Sen\u0303or", "Señor"),
                row("decomposed Vietnamese tone marks are composed", "Vie\u0323\u0302t", "Việt"),
                row("Korean jamo are composed into a syllable", "\u1112\u1161\u11AB", "한"),
                row("accent rejoins its letter once a mark between them is removed",
                        "e\u200B\u0301", "é"),
                row("plain ASCII is unchanged", "Your balance is $20.", "Your balance is $20."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("replacements")
    void makesTypographyPlain(String behaviour, String text, String expected) {
        String plain = SmsText.plain(text);

        assertEquals(expected, plain, behaviour);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "¿Cuánto debo? Está pendiente.",
        "Здравствуйте, ваш счёт готов.",
        "您好，您的账单已准备好。",
        "Xin chào, hóa đơn của bạn đã sẵn sàng.",
        "안녕하세요, 청구서가 준비되었습니다.",
        "Magandang araw po, handa na ang inyong bayarin.",
        "\u200Fمرحبا، فاتورتك جاهزة.\u200F",
    })
    void neverChangesALetter(String text) {
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);

        String plain = SmsText.plain(text);

        assertEquals(letters(composed), letters(plain));
    }

    @Test
    void typographicQuotesAndDashesAreGsm7OncePlain() {
        String text = "It’s “due” – today…";

        Measure measure = SmsEncoding.measure(SmsText.plain(text));

        assertEquals(new Measure(GSM_7, 21, 1), measure);
    }

    @Test
    void amountWithNoBreakSpaceIsGsm7OncePlain() {
        String text = "Saldo: 1.234,50\u00A0€";

        Measure measure = SmsEncoding.measure(SmsText.plain(text));

        assertEquals(new Measure(GSM_7, 18, 1), measure);
    }

    @Test
    void spanishAccentOutsideTheTableStaysAndKeepsTheMessageUcs2() {
        String text = "¿Cuánto debo?";

        Measure measure = SmsEncoding.measure(SmsText.plain(text));

        assertEquals(new Measure(UCS_2, 13, 1), measure);
    }

    private static Arguments row(String behaviour, String text, String expected) {
        return Arguments.of(behaviour, text, expected);
    }

    private static String letters(String text) {
        StringBuilder letters = new StringBuilder();
        text.codePoints().filter(Character::isLetter).forEach(letters::appendCodePoint);
        return letters.toString();
    }
}
