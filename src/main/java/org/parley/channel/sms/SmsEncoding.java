package org.parley.channel.sms;

import java.util.BitSet;
import java.util.Objects;

/** The alphabet an SMS travels in, chosen from its whole text the way the carrier chooses it. */
public enum SmsEncoding {
    /** GSM 03.38 default alphabet: 7-bit units, extension-table characters take two. */
    GSM_7(160, 153),
    /** UCS-2 (in practice UTF-16): one unit per code unit, so most emoji take two. */
    UCS_2(70, 67);

    /** How a text measures as an SMS: its encoding, units in that encoding, segments billed. */
    public record Measure(SmsEncoding encoding, int units, int segments) {
        public Measure {
            Objects.requireNonNull(encoding, "encoding");
            if (units < 0 || segments < 1) {
                throw new IllegalArgumentException("units must be >= 0 and segments >= 1, got"
                        + " units=" + units + " segments=" + segments
                        + "; build a Measure with SmsEncoding.measure(text)");
            }
        }
    }

    // GSM 03.38 basic table in code order 0x00..0x7F. ESC (0x1B) is left out: it only announces
    // an extension-table character and is never a character a message may carry by itself.
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅå"
            + "Δ_ΦΓΛΩΠΨΣΘΞÆæßÉ"
            + " !\"#¤%&'()*+,-./"
            + "0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNO"
            + "PQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmno"
            + "pqrstuvwxyzäöñüà";

    // GSM 03.38 extension table: each is sent as ESC plus one code, so it costs two units.
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private static final BitSet BASIC_SET = codePoints(BASIC);
    private static final BitSet EXTENSION_SET = codePoints(EXTENSION);

    private final int singleSegmentUnits;
    private final int splitSegmentUnits;

    SmsEncoding(int singleSegmentUnits, int splitSegmentUnits) {
        this.singleSegmentUnits = singleSegmentUnits;
        this.splitSegmentUnits = splitSegmentUnits;
    }

    /**
     * Measures {@code text} exactly as given; run {@link SmsText#plain} first so typography does
     * not force UCS-2. An empty text measures GSM-7, 0 units, 1 segment: a send still costs one
     * message, and a caller that wants to refuse empty bodies should do so before measuring.
     */
    public static Measure measure(String text) {
        Objects.requireNonNull(text, "text must not be null; pass \"\" for an empty message");

        int[] gsmWeights = text.codePoints().map(SmsEncoding::gsmUnits).toArray();
        boolean allGsm = true;
        for (int weight : gsmWeights) {
            allGsm &= weight > 0;
        }
        if (allGsm) {
            return GSM_7.pack(gsmWeights);
        }

        // One character outside the GSM tables turns the whole message into UCS-2.
        return UCS_2.pack(text.codePoints().map(Character::charCount).toArray());
    }

    /** GSM-7 units the code point costs: 1 basic, 2 extension, 0 when GSM-7 cannot carry it. */
    static int gsmUnits(int codePoint) {
        if (BASIC_SET.get(codePoint)) {
            return 1;
        }
        return EXTENSION_SET.get(codePoint) ? 2 : 0;
    }

    private Measure pack(int[] weights) {
        int units = 0;
        for (int weight : weights) {
            units += weight;
        }
        if (units <= singleSegmentUnits) {
            return new Measure(this, units, 1);
        }

        // A split message loses room to the concatenation header. A character's units travel
        // together, so a segment closes early rather than cut an escape or surrogate pair; that
        // is why this packs character by character instead of dividing.
        int segments = 1;
        int used = 0;
        for (int weight : weights) {
            if (used + weight > splitSegmentUnits) {
                segments++;
                used = 0;
            }
            used += weight;
        }
        return new Measure(this, units, segments);
    }

    private static BitSet codePoints(String table) {
        BitSet set = new BitSet();
        table.codePoints().forEach(set::set);
        return set;
    }
}
