package org.parley.financing;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A financing company a client has approved for its patients, as the client set it up.
 *
 * @param minAmount  the smallest balance the partner finances, inclusive
 * @param maxAmount  the largest balance the partner finances, inclusive
 * @param terms      the client's disclosure of the partner's terms, by language tag
 * @param applyUrl   where a patient applies; {@value #ACCOUNT} and {@value #AMOUNT} are filled in
 * @param languages  the languages the partner's application is offered in
 */
public record FinancingPartner(String name, BigDecimal minAmount, BigDecimal maxAmount,
                               Map<String, String> terms, String applyUrl,
                               List<String> languages) {

    /** Replaced by the patient's account number, URL-encoded. */
    public static final String ACCOUNT = "{account}";
    /** Replaced by the balance, such as {@code 1234.50}. */
    public static final String AMOUNT = "{amount}";

    public FinancingPartner {
        terms = Map.copyOf(terms);
        languages = List.copyOf(languages);
    }

    /** Whether the partner finances a balance of {@code balance}. */
    public boolean fits(BigDecimal balance) {
        return balance.compareTo(minAmount) >= 0 && balance.compareTo(maxAmount) <= 0;
    }

    /** The terms in {@code language}; empty when the client wrote none in it. */
    public Optional<String> terms(String language) {
        return Optional.ofNullable(terms.get(language));
    }

    /** The apply link for one patient's account and balance. */
    public String applyLink(String accountNumber, BigDecimal balance) {
        return applyLink(applyUrl, accountNumber, balance);
    }

    /** {@code template} with the account number (URL-encoded) and the balance filled in. */
    static String applyLink(String template, String accountNumber, BigDecimal balance) {
        return template.replace(ACCOUNT, URLEncoder.encode(accountNumber, StandardCharsets.UTF_8))
                .replace(AMOUNT, balance.setScale(2).toPlainString());
    }
}
