package org.parley.channel.sms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.parley.channel.sms.SmsEncoding.GSM_7;
import static org.parley.channel.sms.SmsEncoding.UCS_2;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.channel.sms.SmsEncoding.Measure;

class SmsEncodingTest {

    private static final String EMOJI = "😀"; // U+1F600, a surrogate pair in UTF-16

    static Stream<Arguments> cases() {
        return Stream.of(
                row("empty text is one GSM-7 segment of 0 units", "", GSM_7, 0, 1),

                // GSM-7 boundaries: 160 in one segment, then 153 per segment.
                row("160 ASCII fit one segment", a(160), GSM_7, 160, 1),
                row("161 ASCII split into two", a(161), GSM_7, 161, 2),
                row("306 ASCII fill exactly two split segments", a(306), GSM_7, 306, 2),
                row("307 ASCII need a third segment", a(307), GSM_7, 307, 3),
                row("459 ASCII fill exactly three", a(459), GSM_7, 459, 3),
                row("460 ASCII need a fourth", a(460), GSM_7, 460, 4),

                // Extension table: two units each, never split from its escape.
                row("euro costs two units", "€", GSM_7, 2, 1),
                row("every extension character costs two", "\f^{}\\[~]|€", GSM_7, 20, 1),
                row("158 ASCII and a euro make 160 units in one segment",
                        a(158) + "€", GSM_7, 160, 1),
                row("159 ASCII and a euro make 161 units in two segments",
                        a(159) + "€", GSM_7, 161, 2),
                row("euro ending segment one exactly stays in it",
                        a(151) + "€" + a(153), GSM_7, 306, 2),
                row("euro at position 153 is pushed to segment two, adding a third",
                        a(152) + "€" + a(152), GSM_7, 306, 3),

                // Spanish: ñ é ü ¿ ¡ are in the basic table, á í ó ú are not.
                row("¿Cuánto debo? is UCS-2 because of á", "¿Cuánto debo?", UCS_2, 13, 1),
                row("Señor, ¿qué tal? stays GSM-7", "Señor, ¿qué tal?", GSM_7, 16, 1),
                row("¡Pingüino! stays GSM-7", "¡Pingüino!", GSM_7, 10, 1),
                row("Sí is UCS-2 because of í", "Sí", UCS_2, 2, 1),
                row("lowercase ç is not in the table, only Ç", "ç", UCS_2, 1, 1),
                row("Greek capitals of the basic table are GSM-7", "ΔΦΓΛΩΠΨΣΘΞ", GSM_7, 10, 1),
                row("CR LF are one unit each", "a\r\nb", GSM_7, 4, 1),
                row("backtick is not in the GSM table", "`", UCS_2, 1, 1),
                row("a raw ESC control forces UCS-2", "\u001B", UCS_2, 1, 1),
                row("a curly apostrophe forces UCS-2", "It’s", UCS_2, 4, 1),

                // UCS-2: 70 units in one segment, then 67 per segment.
                row("70 Cyrillic letters fit one segment", "ж".repeat(70), UCS_2, 70, 1),
                row("71 Cyrillic letters split into two", "ж".repeat(71), UCS_2, 71, 2),
                row("134 Cyrillic letters fill two", "ж".repeat(134), UCS_2, 134, 2),
                row("135 Cyrillic letters need three", "ж".repeat(135), UCS_2, 135, 3),
                row("Russian greeting is UCS-2", "Здравствуйте", UCS_2, 12, 1),
                row("Chinese greeting is UCS-2", "您好", UCS_2, 2, 1),
                row("euro in a UCS-2 message costs one unit", "Цена 5 €", UCS_2, 8, 1),

                // Emoji: a surrogate pair is two units and is never split.
                row("emoji costs two units", EMOJI, UCS_2, 2, 1),
                row("68 ASCII and an emoji make 70 units in one segment",
                        a(68) + EMOJI, UCS_2, 70, 1),
                row("69 ASCII and an emoji make 71 units in two segments",
                        a(69) + EMOJI, UCS_2, 71, 2),
                row("emoji ending segment one exactly stays in it",
                        a(65) + EMOJI + a(67), UCS_2, 134, 2),
                row("emoji at unit 67 is pushed to segment two, adding a third",
                        a(66) + EMOJI + a(66), UCS_2, 134, 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void measuresEncodingUnitsAndSegmentsExactly(
            String behaviour, String text, SmsEncoding encoding, int units, int segments) {
        Measure measure = SmsEncoding.measure(text);

        assertEquals(new Measure(encoding, units, segments), measure, behaviour);
    }

    @Test
    void everyBasicTableCharacterIsOneGsmUnit() {
        // Written out independently of the production table, row by row of GSM 03.38.
        String basic = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

        Measure measure = SmsEncoding.measure(basic);

        assertEquals(127, basic.length());
        assertEquals(new Measure(GSM_7, 127, 1), measure);
    }

    @Test
    void decomposedAccentIsMeasuredAsGivenSoCallersMustNormalizeFirst() {
        String decomposed = "Se\u0301";

        Measure measure = SmsEncoding.measure(decomposed);

        assertEquals(new Measure(UCS_2, 3, 1), measure);
    }

    private static Arguments row(
            String behaviour, String text, SmsEncoding encoding, int units, int segments) {
        return Arguments.of(behaviour, text, encoding, units, segments);
    }

    private static String a(int count) {
        return "a".repeat(count);
    }
}
