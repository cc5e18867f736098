package org.parley.billing;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Map.entry;

/**
 * How each column of a balance file is checked and made canonical, with what a good value looks
 * like, said the way a rejection shows it.
 */
final class BalanceRules {

    /** An account number or encounter id as a balance file writes it. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,63}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern MONEY = Pattern.compile("-?\\d{1,12}(\\.\\d{1,2})?");
    private static final Pattern ZIP = Pattern.compile("(\\d{5})(-\\d{4})?");
    private static final Pattern HOLD = Pattern.compile("[a-z][a-z0-9_-]{0,39}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** A North American number: area code and exchange each begin with 2 to 9. */
    private static final Pattern NANP = Pattern.compile("\\+1[2-9]\\d{2}[2-9]\\d{6}");

    static final String ID_RULE = "1 to 64 letters, digits, '.', '_', '/' or '-'";
    private static final String AMOUNT_RULE = "digits with at most 2 decimals, no currency sign "
            + "or thousands separator";

    /** How each column but the date of birth is checked: see {@link #asOf}. */
    private static final Map<String, Rule> RULES = Map.ofEntries(
            entry("account_number", required("an account number of " + ID_RULE,
                    v -> ID.matcher(v).matches() ? Optional.of(v) : Optional.empty())),
            entry("first_name", required("a name of 1 to 100 characters", v -> text(v, 100))),
            entry("last_name", required("a name of 1 to 100 characters", v -> text(v, 100))),
            entry("zip", required("a 5-digit ZIP code", BalanceRules::zip)),
            entry("phone", optional("a phone number in E.164 form, such as +14045550123, or "
                    + "empty", BalanceRules::phone)),
            entry("email", optional("an email address such as name@example.com, or empty",
                    v -> v.length() <= 254 && EMAIL.matcher(v).matches()
                            ? Optional.of(v) : Optional.empty())),
            entry("preferred_language", optional("a BCP 47 language tag such as en or es-MX, or "
                    + "empty", BalanceRules::language)),
            entry("encounter_id", required("an encounter id of " + ID_RULE,
                    v -> ID.matcher(v).matches() ? Optional.of(v) : Optional.empty())),
            entry("service_date", required("a date as YYYY-MM-DD, such as 2026-09-02",
                    BalanceRules::date)),
            entry("provider", required("text of 1 to 200 characters", v -> text(v, 200))),
            entry("description", required("text of 1 to 200 characters", v -> text(v, 200))),
            entry("charges", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("insurance_paid", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("adjustments", required("an amount such as 15.00 or -15.00, " + AMOUNT_RULE,
                    v -> money(v, true))),
            entry("patient_responsibility", required("an amount of zero or more, " + AMOUNT_RULE,
                    v -> money(v, false))),
            entry("due_date", required("a date as YYYY-MM-DD, such as 2026-12-31",
                    BalanceRules::date)),
            entry("last_payment_date", optional("a date as YYYY-MM-DD, or empty",
                    BalanceRules::date)),
            entry("hold", optional("a hold on outreach such as dispute or bankruptcy: 1 to 40 "
                    + "lowercase letters, digits, '_' or '-', or empty for none",
                    v -> Optional.of(v.toLowerCase(Locale.ROOT))
                            .filter(h -> HOLD.matcher(h).matches()))),
            entry("last_payment_amount", optional("an amount above zero, " + AMOUNT_RULE
                    + ", or empty", v -> money(v, false).filter(m -> !m.equals("0.00")))));

    private BalanceRules() {
    }

    /** How each column is checked, a date of birth being plausible only up to {@code today}. */
    static Map<String, Rule> asOf(LocalDate today) {
        Map<String, Rule> rules = new HashMap<>(RULES);
        rules.put("date_of_birth", required("a date of birth as YYYY-MM-DD, such as 1985-03-14, "
                + "from " + EARLIEST_BIRTH + " to today (" + today + ")",
                v -> birthDate(v, today)));
        return rules;
    }

    /** How one column is checked and made canonical; an empty result means the value is bad. */
    record Rule(String expected, Function<String, Optional<String>> canonical) {
    }

    private static Rule required(String expected, Function<String, Optional<String>> check) {
        return new Rule(expected, v -> v.isEmpty() ? Optional.empty() : check.apply(v));
    }

    private static Rule optional(String expected, Function<String, Optional<String>> check) {
        return new Rule(expected, v -> v.isEmpty() ? Optional.of("") : check.apply(v));
    }

    /** One line of text: a line break inside a quoted cell becomes a space. */
    private static Optional<String> text(String value, int maxLength) {
        String line = WHITESPACE.matcher(value).replaceAll(" ");
        return line.length() <= maxLength && line.chars().noneMatch(Character::isISOControl)
                ? Optional.of(line) : Optional.empty();
    }

    private static Optional<String> date(String value) {
        if (!DATE.matcher(value).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(value).toString());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> birthDate(String value, LocalDate today) {
        return date(value).filter(d -> !LocalDate.parse(d).isBefore(EARLIEST_BIRTH)
                && !LocalDate.parse(d).isAfter(today));
    }

    private static Optional<String> zip(String value) {
        var zip = ZIP.matcher(value);
        return zip.matches() ? Optional.of(zip.group(1)) : Optional.empty();
    }

    private static Optional<String> money(String value, boolean negativeAllowed) {
        if (!MONEY.matcher(value).matches()) {
            return Optional.empty();
        }
        BigDecimal amount = new BigDecimal(value).setScale(2);
        return amount.signum() >= 0 || negativeAllowed
                ? Optional.of(amount.toPlainString()) : Optional.empty();
    }

    /**
     * A number libphonenumber knows as valid, or a North American one of the right shape in an
     * area code its tables do not list yet (211, 220): such a number is the patient's all the
     * same, and its zone is then unknown, so outreach keeps to the strictest window.
     */
    private static Optional<String> phone(String value) {
        try {
            Phonenumber.PhoneNumber number = PHONES.parse(value, "US");
            String e164 = PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
            boolean valid = PHONES.isValidNumber(number) || (PHONES.isPossibleNumber(number)
                    && NANP.matcher(e164).matches());
            return valid ? Optional.of(e164) : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Keeps only the language, lowercase: that is what picks the conversation's locale. */
    private static Optional<String> language(String tag) {
        Locale locale = Locale.forLanguageTag(tag);
        if (locale.getLanguage().isEmpty() || !locale.toLanguageTag().equalsIgnoreCase(tag)) {
            return Optional.empty();
        }
        try {
            locale.getISO3Language();
            return Optional.of(locale.getLanguage());
        } catch (MissingResourceException e) {
            return Optional.empty();
        }
    }
}
