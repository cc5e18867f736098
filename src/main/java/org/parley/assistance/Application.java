package org.parley.assistance;

import org.parley.billing.Encounter;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A patient's application for financial assistance: the program it is for (as the program was
 * when the patient applied), where it stands, and every change it went through.
 *
 * @param id              the reference patients and staff quote, such as {@code FA-1001}
 * @param language        the patient's language when they applied
 * @param channel         where the patient applied, such as {@code sms}
 * @param link            the link or form address sent, when there is one
 * @param materialLanguage the language of the application material sent
 * @param emailOnFile     whether the account has an email address, where the application
 *                        would go once Parley sends email
 * @param screening       the estimate the patient made before applying, if they did
 * @param missing         document ids missing, while incomplete
 * @param reason          the client's reason code, once denied
 * @param discount        what approval took off the balance, once approved
 * @param version         rises with every stored change
 */
public record Application(String clientId, String id, String accountNumber, Program program,
                          ApplicationStatus status, String language, String channel,
                          String conversationId, Optional<String> link, String materialLanguage,
                          boolean emailOnFile, Optional<ScreeningRecord> screening,
                          List<String> missing, Optional<String> reason,
                          Optional<Discount> discount, List<Change> history, Instant createdAt,
                          Instant updatedAt, long version) {

    public Application {
        missing = List.copyOf(missing);
        history = List.copyOf(history);
    }

    /**
     * One change of status.
     *
     * @param source where it came from: {@code chat}, {@code api}, or
     *               {@code file:<sha-256>:<line>} for a row of a status file
     */
    public record Change(ApplicationStatus status, Instant at, String source,
                         List<String> missing, Optional<String> reason,
                         Optional<BigDecimal> discountPercent) {
        public Change {
            missing = List.copyOf(missing);
        }
    }

    /** The estimate a patient made in the chat before applying. */
    public record ScreeningRecord(int household, BigDecimal yearlyIncome,
                                  BigDecimal percentOfPoverty, Region region, int year,
                                  Optional<BigDecimal> estimatedDiscount) {
    }

    /**
     * What approval took off the balance.
     *
     * @param amount  the whole discount, in cents, exactly the sum of the visits' discounts
     * @param visits  each visit discounted, with the figures it had before
     * @param applied whether the visits in the account store were lowered yet
     */
    public record Discount(BigDecimal percent, BigDecimal amount, BigDecimal balanceBefore,
                           BigDecimal balanceAfter, List<VisitDiscount> visits,
                           boolean applied) {
        public Discount {
            visits = List.copyOf(visits);
        }

        public Discount asApplied() {
            return new Discount(percent, amount, balanceBefore, balanceAfter, visits, true);
        }
    }

    /** One visit's part of a discount: the visit as it was, and what came off it. */
    public record VisitDiscount(Encounter before, BigDecimal amount) {
    }

    /** When the application entered its current status. */
    public Instant statusSince() {
        return history.get(history.size() - 1).at();
    }

    /** The application after {@code change}, with what the new status carries. */
    Application moved(Change change, Optional<Discount> discount, Instant now) {
        List<Change> all = new ArrayList<>(history);
        all.add(change);
        return new Application(clientId, id, accountNumber, program, change.status(), language,
                channel, conversationId, link, materialLanguage, emailOnFile, screening,
                change.missing(), change.reason(), discount.or(() -> this.discount), all,
                createdAt, now, version + 1);
    }

    /** The application with its discount marked as applied to the account. */
    Application discountApplied() {
        return new Application(clientId, id, accountNumber, program, status, language, channel,
                conversationId, link, materialLanguage, emailOnFile, screening, missing, reason,
                discount.map(Discount::asApplied), history, createdAt, updatedAt, version + 1);
    }
}
