package org.parley.payments;

import org.parley.BadInputException;

import java.util.Set;

/**
 * The card numbers the sandbox accepts: the well-known test numbers card networks and payment
 * processors publish, which no bank issues. Anything else is refused, so a real card cannot be
 * "paid" with here.
 */
final class TestCards {

    static final Set<String> ACCEPTED = Set.of(
            "4242424242424242", "4111111111111111", "5555555555554444", "378282246310005");

    private TestCards() {
    }

    /**
     * The last four digits of {@code typed} when it is a test card number; spaces and dashes
     * between digits are allowed.
     *
     * @throws BadInputException for any other input; the message never repeats what was typed
     */
    static String lastFour(String typed) {
        String digits = typed.replaceAll("[ -]", "");
        if (!ACCEPTED.contains(digits)) {
            throw new BadInputException("card_not_test", "The sandbox accepts only test card "
                    + "numbers, such as 4242 4242 4242 4242; no real card can be used here");
        }
        return digits.substring(digits.length() - 4);
    }
}
