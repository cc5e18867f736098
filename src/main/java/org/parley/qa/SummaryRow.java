package org.parley.qa;

/**
 * A summary's row as the day document stores it (see {@link QaSummary#row()}), read field by
 * field in place: a search looks at a few fields of every row of its range and builds the whole
 * summary only for the rows it keeps.
 */
final class SummaryRow {

    static final int STARTED_AT = 0;
    static final int CHANNEL = 2;
    static final int LANGUAGE = 3;
    static final int FLOWS = 4;
    static final int INTENTS = 5;
    static final int HANDED = 6;
    static final int AGENTS = 7;
    static final int OUTCOMES = 8;
    static final int FLAGS = 9;
    static final int SCORE = 10;
    private static final int FIELDS = 15;

    private final String conversationId;
    private final String clientId;
    private final String text;
    /** Where each field ends: at its separator, or at the end of the text. */
    private final int[] ends = new int[FIELDS];

    SummaryRow(String conversationId, String clientId, String text) {
        this.conversationId = conversationId;
        this.clientId = clientId;
        this.text = text;
        int field = 0;
        for (int i = 0; i < text.length() && field < FIELDS - 1; i++) {
            if (text.charAt(i) == QaSummary.FIELD) {
                ends[field++] = i;
            }
        }
        while (field < FIELDS) {
            ends[field++] = text.length();
        }
    }

    String conversationId() {
        return conversationId;
    }

    /** True when the field is exactly {@code value}. */
    boolean is(int field, String value) {
        int start = start(field);
        return ends[field] - start == value.length() && text.startsWith(value, start);
    }

    /** True when the list field holds {@code value}. */
    boolean has(int field, String value) {
        int end = ends[field];
        int at = start(field);
        while (at < end) {
            int next = text.indexOf(QaSummary.ITEM, at);
            int itemEnd = next < 0 || next > end ? end : next;
            if (itemEnd - at == value.length() && text.startsWith(value, at)) {
                return true;
            }
            at = itemEnd + 1;
        }
        return false;
    }

    /** How many items the list field holds. */
    int count(int field) {
        int start = start(field);
        int end = ends[field];
        if (start == end) {
            return 0;
        }
        int count = 1;
        for (int i = start; i < end; i++) {
            count += text.charAt(i) == QaSummary.ITEM ? 1 : 0;
        }
        return count;
    }

    boolean isEmpty(int field) {
        return start(field) == ends[field];
    }

    long number(int field) {
        return Long.parseLong(text, start(field), ends[field], 10);
    }

    QaSummary summary() {
        return QaSummary.fromRow(conversationId, clientId, text);
    }

    private int start(int field) {
        return field == 0 ? 0 : ends[field - 1] + 1;
    }
}
