package org.parley.payments;

import org.parley.compliance.CardNumbers;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for each value of a reported payment, shared by the webhook and the payment file,
 * with what a good value looks like, said the way a refusal shows it (after "must be" or "is
 * not").
 */
final class PaymentFields {

    /** How far ahead of Parley's clock a payment time may be: clocks are never quite equal. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** How far back a payment time may be; an older one is a mistake, such as a default date. */
    static final int MAX_AGE_YEARS = 10;
    /** What a good payment time is, after "must be" or "is not". */
    static final String WHEN = "not in the future nor more than " + MAX_AGE_YEARS
            + " years ago";

    static final String PAYMENT_ID = "a payment id of 1 to 128 letters, digits, '.', '_', ':', "
            + "'/' or '-', such as pay_8f2a, and no card number";
    static final String ACCOUNT_NUMBER = "an account number of 1 to 64 letters, digits, '.', "
            + "'_', '/' or '-', such as EH100234";
    static final String AMOUNT = "an amount above zero with at most 2 decimals, such as 200.00, "
            + "without a currency sign or thousands separator";
    static final String METHOD = "a payment method of 1 to 32 letters, '_' or '-', such as card, "
            + "ach, cash or check";
    static final String LAST4 = "at most the last 4 digits of the card or account, such as 4242; "
            + "never a whole card number";

    private static final Pattern PAYMENT_ID_FORMAT =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}");
    private static final Pattern ACCOUNT_FORMAT =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern AMOUNT_FORMAT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
    private static final Pattern METHOD_FORMAT = Pattern.compile("[A-Za-z][A-Za-z_-]{0,31}");
    private static final Pattern LAST4_FORMAT = Pattern.compile("\\d{1,4}");

    private PaymentFields() {
    }

    /** The id, unless it is malformed or could be a card number, which is never stored. */
    static Optional<String> paymentId(String value) {
        return PAYMENT_ID_FORMAT.matcher(value).matches() && !CardNumbers.mask(value).changed()
                ? Optional.of(value) : Optional.empty();
    }

    static Optional<String> accountNumber(String value) {
        return ACCOUNT_FORMAT.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    /** The amount with two decimals, when it is digits above zero with at most two decimals. */
    static Optional<BigDecimal> amount(String value) {
        if (!AMOUNT_FORMAT.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(value).setScale(2);
        return amount.signum() > 0 ? Optional.of(amount) : Optional.empty();
    }

    static Optional<String> method(String value) {
        return METHOD_FORMAT.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }

    static boolean isLast4(String value) {
        return LAST4_FORMAT.matcher(value).matches();
    }

    /** The latest a payment reported {@code now} may have been made, give or take skew. */
    static Instant latest(Instant now) {
        return now.plus(CLOCK_SKEW);
    }

    /** The earliest a payment reported {@code now} may have been made. */
    static Instant earliest(Instant now) {
        return now.atZone(ZoneOffset.UTC).minusYears(MAX_AGE_YEARS).toInstant();
    }

    /** Whether {@code at} lies from {@link #earliest} to {@link #latest} of {@code now}. */
    static boolean plausible(Instant at, Instant now) {
        return !at.isAfter(latest(now)) && !at.isBefore(earliest(now));
    }

    /** An ISO-8601 instant such as {@code 2026-12-04T14:30:00Z}, {@link #plausible} now. */
    static Optional<Instant> instant(String value, Instant now) {
        try {
            Instant at = Instant.parse(value);
            return plausible(at, now) ? Optional.of(at) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * What a refusal shows of a value: a long one cut, a card number masked, and a would-be
     * last4 never, as it may be a whole card number that is not a valid one.
     */
    static String shown(String field, String value) {
        if (field.equals("last4")) {
            return "(" + value.length() + " characters, not shown)";
        }
        String masked = CardNumbers.mask(value).text();
        return masked.length() <= 80 ? masked : masked.substring(0, 80) + "…";
    }
}
