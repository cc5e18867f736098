package org.parley.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds payment card numbers in free text and masks them before anything stores, logs or shows
 * the text: 13 to 19 digits, possibly split by spaces, line breaks, dashes or dots (mixed too),
 * that pass the Luhn check keep only their last four digits, and an expiry or code typed right
 * after is hidden. Dots split card-like groups only (the first of four digits, the others of
 * three to six), so amounts, dates, addresses and version numbers with dots stay as they are.
 */
public final class CardNumbers {

    /** An expiry date or security code typed next to a card number: masked with it. */
    private static final Pattern CARD_DETAILS = Pattern.compile(
            "(?i)\\b(exp(?:iry|ires|iration)?|vence|venc|cvv2?|cvc|csc|security code|c[oó]digo)"
                    + "(\\W{0,3})(\\d{1,2}\\s*[/-]\\s*\\d{2,4}|\\d{3,4})\\b");
    /** The most characters between two digits of one card number: "4242 - 4242". */
    private static final int MAX_GAP = 3;
    /** Digits a card number has at least and at most. */
    private static final int MIN_DIGITS = 13;
    private static final int MAX_DIGITS = 19;
    /** Digits of an expiry or security code group typed right after a card number. */
    private static final int MAX_DETAIL_DIGITS = 4;
    /** Digits of the groups of a card number typed with dots: "4111.1111.1111.1111" (or "_"). */
    private static final int DOTTED_FIRST = 4;
    private static final int DOTTED_MIN = 3;
    private static final int DOTTED_MAX = 6;
    /** What splits the groups of a card number besides spaces and dashes. */
    private static final String CARD_SEPARATORS = "._\uFF0E";
    /** What splits an expiry typed after a card number besides spaces and dashes. */
    private static final String DETAIL_SEPARATORS = "/\uFF0F";

    private CardNumbers() {
    }

    /**
     * The text with each card number replaced by {@code ************1111}-style masks. Digits
     * are any decimal digits (full-width too), in groups split by spaces, line breaks, dashes or
     * dots; a card is the fewest whole groups, from the start of a group, that hold 13 to 19 digits
     * passing the Luhn check. Short groups typed right after a card (an expiry such as
     * {@code 12/27}, a security code) are masked with it.
     */
    public static Masked mask(String text) {
        List<int[]> groups = groups(text);
        java.util.Map<Integer, String> replaceAt = new java.util.HashMap<>();
        java.util.Set<Integer> dropped = new java.util.HashSet<>();
        java.util.Set<Integer> hidden = new java.util.HashSet<>();
        int a = 0;
        while (a < groups.size()) {
            int b = cardFrom(text, groups, a);
            if (b < 0) {
                a++;
                continue;
            }
            int[] card = digitsOf(groups, a, b);
            StringBuilder mask = new StringBuilder("*".repeat(card.length - 4));
            for (int k = card.length - 4; k < card.length; k++) {
                mask.append(Character.digit(text.charAt(card[k]), 10));
            }
            replaceAt.put(card[0], mask.toString());
            for (int p = card[0] + 1; p <= card[card.length - 1]; p++) {
                dropped.add(p);
            }
            // What follows close by in short groups is the card's expiry or code.
            int next = b + 1;
            while (next < groups.size() && groups.get(next).length <= MAX_DETAIL_DIGITS
                    && joined(text, groups.get(next - 1), groups.get(next),
                    DETAIL_SEPARATORS)) {
                for (int p : groups.get(next)) {
                    hidden.add(p);
                }
                next++;
            }
            a = next;
        }
        if (replaceAt.isEmpty()) {
            return new Masked(text, false);
        }
        StringBuilder result = new StringBuilder();
        for (int p = 0; p < text.length(); p++) {
            if (replaceAt.containsKey(p)) {
                result.append(replaceAt.get(p));
            } else if (!dropped.contains(p)) {
                result.append(hidden.contains(p) ? '*' : text.charAt(p));
            }
        }
        Matcher more = CARD_DETAILS.matcher(result.toString());
        String masked = more.replaceAll(d -> Matcher.quoteReplacement(d.group(1) + d.group(2)
                + d.group(3).replaceAll("\\d", "*")));
        return new Masked(masked, true);
    }

    /**
     * The last group of the card that starts at group {@code a}: the fewest groups joined by
     * separators that hold 13 to 19 digits passing the Luhn check; -1 when there is none.
     */
    private static int cardFrom(String text, List<int[]> groups, int a) {
        StringBuilder digits = new StringBuilder();
        boolean dotted = false;
        for (int b = a; b < groups.size(); b++) {
            if (b > a && !joined(text, groups.get(b - 1), groups.get(b), CARD_SEPARATORS)) {
                return -1;
            }
            dotted |= b > a && dotBetween(text, groups.get(b - 1), groups.get(b));
            for (int p : groups.get(b)) {
                digits.append(Character.digit(text.charAt(p), 10));
            }
            if (digits.length() > MAX_DIGITS) {
                return -1;
            }
            if (digits.length() >= MIN_DIGITS && luhn(digits.toString())
                    && (!dotted || cardGroups(groups, a, b))) {
                return b;
            }
        }
        return -1;
    }

    /** Whether a dot is among the separators between two groups. */
    private static boolean dotBetween(String text, int[] first, int[] second) {
        for (int p = first[first.length - 1] + 1; p < second[0]; p++) {
            if (CARD_SEPARATORS.indexOf(text.charAt(p)) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether groups {@code a} to {@code b} are grouped as cards are printed (4-4-4-4, 4-6-5,
     * 4-4-4-4-3): dots also split amounts ("1.234.567"), dates and versions, which are not.
     */
    private static boolean cardGroups(List<int[]> groups, int a, int b) {
        if (groups.get(a).length != DOTTED_FIRST) {
            return false;
        }
        for (int g = a + 1; g <= b; g++) {
            int length = groups.get(g).length;
            if (length < DOTTED_MIN || length > DOTTED_MAX) {
                return false;
            }
        }
        return true;
    }

    private static int[] digitsOf(List<int[]> groups, int a, int b) {
        return groups.subList(a, b + 1).stream().flatMapToInt(java.util.Arrays::stream)
                .toArray();
    }

    /** Unbroken runs of decimal digits in {@code text}, each as the positions of its digits. */
    private static List<int[]> groups(String text) {
        List<int[]> groups = new ArrayList<>();
        int p = 0;
        while (p < text.length()) {
            if (!Character.isDigit(text.charAt(p))) {
                p++;
                continue;
            }
            int from = p;
            while (p < text.length() && Character.isDigit(text.charAt(p))) {
                p++;
            }
            groups.add(java.util.stream.IntStream.range(from, p).toArray());
        }
        return groups;
    }

    /**
     * Whether two groups are parts of one number: at most {@value #MAX_GAP} separators between
     * them (spaces, line breaks and dashes, and the characters of {@code also}).
     */
    private static boolean joined(String text, int[] first, int[] second, String also) {
        int from = first[first.length - 1] + 1;
        int to = second[0];
        if (to - from > MAX_GAP || to == from) {
            return false;
        }
        for (int p = from; p < to; p++) {
            char c = text.charAt(p);
            boolean separator = Character.isWhitespace(c) || Character.isSpaceChar(c)
                    || Character.getType(c) == Character.DASH_PUNCTUATION || c == '\u2212'
                    || also.indexOf(c) >= 0;
            if (!separator) {
                return false;
            }
        }
        return true;
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
