package org.parley.compliance;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers in free text and masks them before anything stores, logs or shows
 * the text: a run of 13 to 19 digits, possibly split by spaces or dashes, that passes the Luhn
 * check keeps only its last four digits.
 */
public final class CardNumbers {

    /** An expiry date or security code typed next to a card number: masked with it. */
    private static final Pattern CARD_DETAILS = Pattern.compile(
            "(?i)\\b(exp(?:iry|ires|iration)?|vence|venc|cvv2?|cvc|csc|security code|c[oó]digo)"
                    + "(\\W{0,3})(\\d{1,2}\\s*[/-]\\s*\\d{2,4}|\\d{3,4})\\b");
    private static final Pattern CANDIDATE =
            Pattern.compile("(?<![\\d])\\d(?:[ -]?\\d){12,18}(?![\\d])");

    private CardNumbers() {
    }

    /** The text with each card number replaced by {@code ************1111}-style masks. */
    public static Masked mask(String text) {
        Matcher m = CANDIDATE.matcher(text);
        StringBuilder out = new StringBuilder();
        boolean found = false;
        while (m.find()) {
            String digits = m.group().replaceAll("[ -]", "");
            if (luhn(digits)) {
                found = true;
                String masked = "*".repeat(digits.length() - 4)
                        + digits.substring(digits.length() - 4);
                m.appendReplacement(out, masked);
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            }
        }
        m.appendTail(out);
        if (!found) {
            return new Masked(text, false);
        }
        Matcher details = CARD_DETAILS.matcher(out.toString());
        String masked = details.replaceAll(d -> Matcher.quoteReplacement(d.group(1) + d.group(2)
                + d.group(3).replaceAll("\\d", "*")));
        return new Masked(masked, true);
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Text after masking, and whether anything was masked. */
    public record Masked(String text, boolean changed) {
    }
}
