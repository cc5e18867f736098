package org.parley.outreach;

import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.parley.BadInputException;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;

/**
 * Where a page of the sends list stopped: the last send's {@code dueAt} and key, written as an
 * opaque URL-safe token, so the next page starts just after it in the same newest-first order.
 *
 * @param dueAt the last send's {@code dueAt}, in epoch milliseconds
 * @param key   the last send's key
 */
record SendCursor(long dueAt, String key) {

    /** The cursor just after {@code send}. */
    static SendCursor of(Document send) {
        return new SendCursor(send.getDate("dueAt").getTime(), send.getString("_id"));
    }

    /**
     * Reads a token {@link #text()} wrote.
     *
     * @throws BadInputException when it is not one
     */
    static SendCursor parse(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token),
                    StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon > 0 && colon < text.length() - 1) {
                return new SendCursor(Long.parseLong(text.substring(0, colon)),
                        text.substring(colon + 1));
            }
        } catch (IllegalArgumentException e) {
            // Answered below; NumberFormatException is one too.
        }
        String shown = token.length() > 40 ? token.substring(0, 37) + "..." : token;
        throw new BadInputException("invalid_cursor", "cursor '" + shown + "' is not one this "
                + "list gave; pass the 'next' of the previous answer as it is, or leave cursor "
                + "out for the first page");
    }

    /** The token the API answers as {@code next}. */
    String text() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((dueAt + ":" + key)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The sends after this one in newest-first order: due earlier, or as due and a lower key. */
    Bson after() {
        Date at = new Date(dueAt);
        return Filters.or(Filters.lt("dueAt", at),
                Filters.and(Filters.eq("dueAt", at), Filters.lt("_id", key)));
    }
}
