package org.parley.channel;

/**
 * A patient's text as a channel hands it on: control characters (NUL, escape, bell, ...) are
 * no part of what anyone typed and would be stored, shown to staff and read by the dialog, so
 * they are dropped at the channel's edge. Line breaks and tabs stay; a carriage return is a
 * line break.
 */
public final class InboundText {

    private InboundText() {
    }

    /** {@code text} without control characters other than line breaks and tabs. */
    public static String clean(String text) {
        String lines = text.replace("\r\n", "\n").replace('\r', '\n');
        StringBuilder out = new StringBuilder(lines.length());
        lines.codePoints()
                .filter(c -> c == '\n' || c == '\t' || Character.getType(c) != Character.CONTROL)
                .forEach(out::appendCodePoint);
        return out.toString();
    }
}
