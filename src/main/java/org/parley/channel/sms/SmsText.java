package org.parley.channel.sms;

import java.text.Normalizer;
import java.util.Objects;

/**
 * Typography clean-up applied before an SMS is sent, so punctuation alone never forces UCS-2.
 *
 * <p>It swaps typographic quotes, dashes, ellipses and special spaces for plain ones and drops
 * invisible formatting marks. It never removes or transliterates a letter: "á" stays "á" and
 * makes the message UCS-2, because a patient must read their own language correctly.
 */
public final class SmsText {

    private static final int ZERO_WIDTH_NON_JOINER = 0x200C;
    private static final int ZERO_WIDTH_JOINER = 0x200D;

    private SmsText() {
    }

    /**
     * Returns {@code text} in NFC with typography made plain.
     *
     * <p>The ideographic space U+3000 is kept: it only occurs in CJK text, which is UCS-2 anyway,
     * so replacing it saves nothing and spoils the full-width spacing the writer chose. The
     * joiners U+200C and U+200D are kept between two characters GSM-7 cannot carry (emoji
     * sequences such as a family, Arabic or Persian shaping) and dropped elsewhere, where they
     * are stray paste residue that would turn a GSM-7 message into UCS-2.
     */
    public static String plain(String text) {
        Objects.requireNonNull(text, "text must not be null; pass \"\" for an empty message");

        // Compose first so a decomposed "e" + U+0301 measures as the single GSM-7 letter "é".
        int[] codePoints = Normalizer.normalize(text, Normalizer.Form.NFC).codePoints().toArray();

        StringBuilder out = new StringBuilder(codePoints.length);
        for (int i = 0; i < codePoints.length; i++) {
            int codePoint = codePoints[i];
            if (codePoint == ZERO_WIDTH_NON_JOINER || codePoint == ZERO_WIDTH_JOINER) {
                if (joinsNonGsm(codePoints, i)) {
                    out.appendCodePoint(codePoint);
                }
                continue;
            }
            out.append(replacement(codePoint));
        }

        // Dropping an invisible mark can bring a letter next to its combining accent again.
        return Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    private static String replacement(int codePoint) {
        // Spaces of every width but the ideographic one: en/em quads and spaces, thin, hair,
        // figure and punctuation spaces all come from word processors and number formatters.
        if (codePoint >= 0x2000 && codePoint <= 0x200A) {
            return " ";
        }
        return switch (codePoint) {
            // ‘ ’ ‚ ‛ ′ ‹ ›
            case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2039, 0x203A -> "'";
            // “ ” „ ‟ ″ « »
            case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x00AB, 0x00BB -> "\"";
            // ‐ ‑ ‒ – — ― and the minus sign −
            case 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212 -> "-";
            case 0x2026 -> "...";
            // No-break, narrow no-break and medium mathematical spaces.
            case 0x00A0, 0x202F, 0x205F -> " ";
            // Zero-width space, word joiner, byte order mark and soft hyphen are invisible.
            case 0x200B, 0x2060, 0xFEFF, 0x00AD -> "";
            // Bidi marks, embeddings, overrides and isolates: Arabic letters carry their own
            // direction, and each mark costs a unit and forces UCS-2 on otherwise Latin text.
            case 0x200E, 0x200F, 0x061C, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                 0x2066, 0x2067, 0x2068, 0x2069 -> "";
            default -> Character.toString(codePoint);
        };
    }

    private static boolean joinsNonGsm(int[] codePoints, int index) {
        return index > 0
                && index < codePoints.length - 1
                && SmsEncoding.gsmUnits(codePoints[index - 1]) == 0
                && SmsEncoding.gsmUnits(codePoints[index + 1]) == 0;
    }
}
