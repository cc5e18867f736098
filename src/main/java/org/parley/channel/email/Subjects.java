package org.parley.channel.email;

import java.util.regex.Pattern;

/** Subjects without the "Re:" and "Fwd:" that mail clients put before them, in any language. */
final class Subjects {

    private static final Pattern PREFIX = Pattern.compile(
            "^\\s*(?:(?:re|fw|fwd|aw|wg|rv|res|enc|tr|sv|antw|ответ|отв|回复|回覆|答复|转发|답장|"
                    + "전달|trả lời|tl|رد|إعادة توجيه)\\s?(?:\\[\\d+])?\\s?[:：]\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private Subjects() {
    }

    /** {@code subject} without its reply and forward prefixes, trimmed. */
    static String bare(String subject) {
        return PREFIX.matcher(subject).replaceFirst("").strip();
    }
}
